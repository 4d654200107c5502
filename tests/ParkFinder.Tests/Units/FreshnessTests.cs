using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ParkFinder.Tests.Infrastructure;
using static ParkFinder.Tests.Infrastructure.Catalog;

namespace ParkFinder.Tests.Units;

// "Available" space nobody has confirmed for 60 days stops counting as available until the landlord
// touches it or confirms the park, and the landlords are reminded, at most once a month.
public sealed class FreshnessTests
{
    [Fact]
    public async Task UnitsNobodyConfirmedLeaveFiltersAndFiguresUntilTheLandlordVouchesForThem()
    {
        var clock = new ShiftedClock(DateTimeOffset.UtcNow);
        await using var world = await TestWorld.StartAsync(new Dictionary<string, string?>
            {
                ["WeChat:StaleReminderTemplateId"] = "tmpl-stale", ["Search:ResponseCacheEntries"] = "0",
            }, s => s.AddSingleton<TimeProvider>(clock),
            Park("park-a", "甲园", units: [Unit("f1", area: 1000), Unit("f2", area: 2000)]), Park("park-b", "乙园", units: [Unit("g1", area: 5000)]));
        var client = world.Client();
        var admin = world.Factory.CreateAdminClient();
        async Task<JsonNode> Search(string query) => await client.GetJsonAsync("/api/parks?" + query);
        JsonNode? Hit(JsonNode page, string id) => page["items"]!.AsArray().SingleOrDefault(p => p!["id"]!.GetValue<string>() == id);

        // 59 days on: still fresh. 61 days on: stale (the index is rebuilt when the day changes; forced here).
        clock.Advance(TimeSpan.FromDays(59));
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/admin/index/refresh", null)).StatusCode);
        Assert.Equal(2, (await Search("spaceType=factory&minArea=500"))["total"]!.GetValue<int>());
        clock.Advance(TimeSpan.FromDays(2));
        var landlord = world.Client(await world.LandlordTokenAsync("openid-a", "park-a"));
        world.WeChat.Subscribed["openid-a"] = true;
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/admin/index/refresh", null)).StatusCode);

        Assert.Equal(0, (await Search("spaceType=factory&minArea=500"))["total"]!.GetValue<int>());
        var withStale = await Search("spaceType=factory&minArea=500&includeStale=true");
        Assert.Equal(2, withStale["total"]!.GetValue<int>());
        Assert.Equal(3000, Hit(withStale, "park-a")!["availableArea"]!.GetValue<double>());
        Assert.Equal(0, Hit(await Search("city=440300"), "park-a")!["availableArea"]!.GetValue<double>());
        var park = await client.GetJsonAsync("/api/parks/park-a");
        Assert.Equal(2, park["staleUnits"]!.GetValue<int>());
        Assert.Equal(0, park["unitsSummary"]![0]!["availableUnits"]!.GetValue<int>());

        Assert.Empty((await client.GetJsonAsync("/api/parks/park-a/units"))["items"]!.AsArray());
        var listed = (await client.GetJsonAsync("/api/parks/park-a/units?includeStale=true"))["items"]!.AsArray();
        Assert.Equal(2, listed.Count);
        Assert.All(listed, u => Assert.True(u!["stale"]!.GetValue<bool>()));
        Assert.All(listed, u => Assert.NotNull(u!["lastConfirmedAt"]));
        var vacancy = await client.GetJsonAsync("/api/parks/park-a/vacancy");
        Assert.Equal(2, vacancy["overall"]!["staleUnits"]!.GetValue<int>());
        Assert.Equal(0, vacancy["overall"]!["availableUnits"]!.GetValue<int>());
        Assert.Equal(1, vacancy["overall"]!["vacancyRate"]!.GetValue<double>()); // still vacant: not leased

        // Reminded once; not again within the month.
        var run = await admin.PostAsync("/api/admin/jobs/remind-stale", null);
        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        var reminder = Assert.Single(world.WeChat.SentMessages);
        Assert.Equal("openid-a", reminder["touser"]!.GetValue<string>());
        Assert.Equal("tmpl-stale", reminder["template_id"]!.GetValue<string>());
        Assert.Equal("2", reminder["data"]!["number2"]!["value"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/admin/jobs/remind-stale", null)).StatusCode);
        Assert.Single(world.WeChat.SentMessages);

        // The landlord touches one unit: it is available again at once on this instance.
        var f1 = listed.Single(u => u!["id"]!.GetValue<string>() == "f1")!;
        var patch = new HttpRequestMessage(HttpMethod.Patch, "/api/parks/park-a/units/f1") { Content = JsonContent.Create(new { availableFrom = "2027-01-01" }) };
        patch.Headers.TryAddWithoutValidation("If-Match", f1["etag"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await landlord.SendAsync(patch)).StatusCode);
        var one = await Search("spaceType=factory&minArea=500");
        Assert.Equal(["park-a"], one["items"]!.AsArray().Select(p => p!["id"]!.GetValue<string>()));
        Assert.Equal(1000, Hit(one, "park-a")!["availableArea"]!.GetValue<double>());
        // Sorted by available area, the figures shown decide: stale units count only when asked for
        // (park-a: 1,000 fresh + 2,000 stale; park-b: 5,000 stale).
        Assert.Equal(["park-a", "park-b"], (await Search("sort=availableArea"))["items"]!.AsArray().Select(p => p!["id"]!.GetValue<string>()));
        Assert.Equal(["park-b", "park-a"], (await Search("sort=availableArea&includeStale=true"))["items"]!.AsArray().Select(p => p!["id"]!.GetValue<string>()));
        // Market rents leave stale units out, with or without a space type.
        Assert.Equal(1, (await client.GetJsonAsync("/api/rents?city=440300"))["asking"]!["count"]!.GetValue<int>());
        Assert.Equal(1, (await client.GetJsonAsync("/api/rents?city=440300&spaceType=factory"))["asking"]!["count"]!.GetValue<int>());

        // Confirming the park's availability vouches for every unit.
        Assert.Equal(HttpStatusCode.OK, (await landlord.PostAsync("/api/parks/park-a/availability/confirm", null)).StatusCode);
        Assert.Equal(3000, Hit(await Search("spaceType=factory&minArea=500"), "park-a")!["availableArea"]!.GetValue<double>());
        Assert.False((await client.GetJsonAsync("/api/parks/park-a/units"))["items"]![1]!["stale"]!.GetValue<bool>());

        await ProblemAssert.IsProblem(await client.GetAsync("/api/parks?includeStale=maybe"), HttpStatusCode.BadRequest, "invalid_parameter");
    }
}
