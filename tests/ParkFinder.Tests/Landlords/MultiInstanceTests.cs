using System.Net;
using System.Net.Http.Json;
using ParkFinder.Tests.Infrastructure;
using static ParkFinder.Tests.Infrastructure.Catalog;

namespace ParkFinder.Tests.Landlords;

// Two instances on one storage account, as the Functions host scales out.
public sealed class MultiInstanceTests
{
    [Fact]
    public async Task AWriteOnOneInstanceReachesTheOtherWithinTheRefreshPeriodWithoutAFullReload()
    {
        var fast = new Dictionary<string, string?> { ["Search:RefreshSeconds"] = "1" };
        await using var a = await TestWorld.StartAsync(fast, Park("park-a", "甲园", units: [Unit("u1", area: 2000)]));
        await using var b = new ApiFactory(new Dictionary<string, string?>(fast) { ["Storage:TablePrefix"] = a.Factory.Prefix });
        var reader = await b.StartLoadedAsync();
        Assert.Equal(1, (await reader.GetJsonAsync("/api/parks?minArea=1500"))["total"]!.GetValue<int>());

        var landlord = a.Client(await a.LandlordTokenAsync("openid-a", "park-a"));
        var etag = (await landlord.GetJsonAsync("/api/parks/park-a/units"))["items"]![0]!["etag"]!.GetValue<string>();
        var patch = new HttpRequestMessage(HttpMethod.Patch, "/api/parks/park-a/units/u1") { Content = JsonContent.Create(new { status = "leased" }) };
        patch.Headers.TryAddWithoutValidation("If-Match", etag);
        Assert.Equal(HttpStatusCode.OK, (await landlord.SendAsync(patch)).StatusCode);

        var deadline = DateTime.UtcNow.AddSeconds(15);
        int total;
        do
        {
            total = (await reader.GetJsonAsync("/api/parks?minArea=1500"))["total"]!.GetValue<int>();
            if (total == 0) break;
            await Task.Delay(200);
        } while (DateTime.UtcNow < deadline);
        Assert.Equal(0, total);
        // B built its index once, at start; the change came in as one park reloaded.
        Assert.Single(b.Logs.Lines, l => l.Contains("Park index rebuilt"));
    }
}
