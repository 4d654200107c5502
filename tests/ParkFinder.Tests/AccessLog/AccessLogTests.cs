using System.Net;
using System.Net.Http.Json;
using ParkFinder.Tests.Infrastructure;
using static ParkFinder.Tests.Infrastructure.Catalog;

namespace ParkFinder.Tests.AccessLog;

// An operator's token passes every landlord route; the park's landlords see each write it made and
// each read of investors' phone numbers, and nothing else clutters the log.
public sealed class AccessLogTests
{
    [Fact]
    public async Task OperatorsWritesAndReadsOfPhoneNumbersAreListedForTheParksLandlords()
    {
        await using var world = await TestWorld.StartAsync(null, Park("park-a", "甲园", units: [Unit("u1")]), Park("park-b", "乙园"));
        var landlord = world.Client(await world.LandlordTokenAsync("openid-landlord", "park-a"));
        var operatorToken = await world.TokenAsync(TestWorld.AdminOpenId);
        var op = world.Client(operatorToken);
        var investor = world.Client(await world.TokenAsync("openid-investor"));
        Assert.Equal(HttpStatusCode.Created, (await investor.PostAsJsonAsync("/api/parks/park-a/leads",
            new { category = "office", name = "李先生", phone = "13912345678", consent = true })).StatusCode);

        // What the park's own landlord does is theirs; an operator's plain reads of public data are not personal.
        Assert.Equal(HttpStatusCode.OK, (await landlord.GetAsync("/api/parks/park-a/leads")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await op.GetAsync("/api/parks/park-a/units")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await op.GetAsync("/api/parks/park-a/access-log")).StatusCode);
        Assert.Empty((await landlord.GetJsonAsync("/api/parks/park-a/access-log"))["items"]!.AsArray());

        Assert.Equal(HttpStatusCode.OK, (await op.GetAsync("/api/parks/park-a/leads")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await op.GetAsync("/api/parks/park-a/leads/export")).StatusCode);
        var unit = (await op.GetJsonAsync("/api/parks/park-a/units?status=all"))["items"]![0]!;
        var patch = new HttpRequestMessage(HttpMethod.Patch, "/api/parks/park-a/units/u1") { Content = JsonContent.Create(new { status = "reserved" }) };
        patch.Headers.TryAddWithoutValidation("If-Match", unit["etag"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await op.SendAsync(patch)).StatusCode);

        var log = (await landlord.GetJsonAsync("/api/parks/park-a/access-log"))["items"]!.AsArray();
        Assert.Equal(["PatchUnit write", "ExportLeads personal_data", "ListLeads personal_data"],
            log.Select(e => $"{e!["operation"]} {e["reason"]}"));
        var operatorId = (await world.LoginAsync(TestWorld.AdminOpenId))["user"]?["id"]?.GetValue<string>();
        Assert.All(log, e =>
        {
            Assert.StartsWith("/api/parks/park-a/", e!["path"]!.GetValue<string>());
            Assert.False(string.IsNullOrEmpty(e["operatorId"]!.GetValue<string>()));
            if (operatorId is not null) Assert.Equal(operatorId, e["operatorId"]!.GetValue<string>());
        });
        Assert.Equal("PATCH", log[0]!["method"]!.GetValue<string>());

        // Another park's log holds nothing of this; only the park's landlords and operators read it.
        Assert.Empty((await op.GetJsonAsync("/api/parks/park-b/access-log"))["items"]!.AsArray());
        await ProblemAssert.IsProblem(await investor.GetAsync("/api/parks/park-a/access-log"), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsProblem(await world.Client().GetAsync("/api/parks/park-a/access-log"), HttpStatusCode.Unauthorized, "unauthorized");
    }
}
