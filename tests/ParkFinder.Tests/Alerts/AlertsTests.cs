using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ParkFinder.Tests.Infrastructure;
using static ParkFinder.Tests.Infrastructure.Catalog;

namespace ParkFinder.Tests.Alerts;

public sealed class AlertsTests
{
    private static readonly Dictionary<string, string?> WithTemplate = new() { ["WeChat:AlertTemplateId"] = "tmpl-alert" };

    private static HttpRequestMessage Put(string url, object body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(body, options: Json) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }

    private static async Task<JsonObject> RunJobAsync(TestWorld world)
    {
        var response = await world.Factory.CreateAdminClient().PostAsync("/api/admin/jobs/notify-alerts", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    // A saved search box line keeps what it was read as: the alert stores those filters, so a new unit
    // that fits them matches (a line kept as text would never match 厂房).
    [Fact]
    public async Task ASavedSearchBoxLineIsStoredAsTheFiltersItWasReadAsAndMatchesByThem()
    {
        await using var world = await TestWorld.StartAsync(WithTemplate, Park("park-sz", "深圳甲园", units: [Unit("u1", "office", 300)]));
        var hunter = world.Client(await world.TokenAsync("openid-hunter"));
        world.WeChat.Subscribed["openid-hunter"] = true;
        var saved = await hunter.PostAsJsonAsync("/api/me/alerts", new { query = "q=" + Uri.EscapeDataString("求租 深圳 厂房 1000平以上") });
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        Assert.Equal("city=440300&spaceType=factory&minArea=1000", (await saved.Content.ReadFromJsonAsync<JsonObject>())!["query"]!.GetValue<string>());

        var landlord = world.Client(await world.LandlordTokenAsync("openid-landlord", "park-sz"));
        Assert.Equal(HttpStatusCode.Created, (await landlord.SendAsync(Put("/api/parks/park-sz/units/u2", Unit("u2", "factory", 1500, 35)))).StatusCode);
        Assert.Equal(1, (await RunJobAsync(world))["sent"]!.GetValue<int>());
    }

    [Fact]
    public async Task ANewlyAvailableUnitMatchingASavedSearchSendsOneSubscribeMessageToItsOwnerOnly()
    {
        await using var world = await TestWorld.StartAsync(WithTemplate,
            Park("park-sz", "深圳甲园", units: [Unit("u1", "factory", 800)]), Park("park-wh", "武汉乙园", city: "420100", district: "420111", lat: 30.5, lng: 114.4));
        var factoryHunter = world.Client(await world.TokenAsync("openid-factory"));
        var officeHunter = world.Client(await world.TokenAsync("openid-office"));
        world.WeChat.Subscribed["openid-factory"] = true;
        world.WeChat.Subscribed["openid-office"] = true;
        var saved = await factoryHunter.PostAsJsonAsync("/api/me/alerts", new { name = "深圳大厂房", query = "city=440300&spaceType=factory&minArea=1000&sort=rent" });
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        var alert = (await saved.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("city=440300&spaceType=factory&minArea=1000", alert["query"]!.GetValue<string>()); // sort is not part of a saved search
        Assert.Equal(0, alert["matchingParks"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.Created, (await officeHunter.PostAsJsonAsync("/api/me/alerts", new { query = "city=440300&spaceType=office" })).StatusCode);

        var landlord = world.Client(await world.LandlordTokenAsync("openid-landlord", "park-sz"));
        Assert.Equal(HttpStatusCode.Created, (await landlord.SendAsync(Put("/api/parks/park-sz/units/u2", Unit("u2", "factory", 1500, 35)))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await landlord.SendAsync(Put("/api/parks/park-sz/units/u3", Unit("u3", "factory", 1200, status: "leased")))).StatusCode);

        var run = await RunJobAsync(world);
        Assert.Equal(1, run["events"]!.GetValue<int>()); // the leased unit is no event
        Assert.Equal(1, run["sent"]!.GetValue<int>());
        var message = Assert.Single(world.WeChat.SentMessages);
        Assert.Equal("openid-factory", message["touser"]!.GetValue<string>());
        Assert.Equal("tmpl-alert", message["template_id"]!.GetValue<string>());
        Assert.Equal("pages/park/index?id=park-sz", message["page"]!.GetValue<string>());
        Assert.Equal("深圳甲园", message["data"]!["thing1"]!["value"]!.GetValue<string>());
        Assert.Equal("厂房 1500㎡ 35元/㎡/月", message["data"]!["thing2"]!["value"]!.GetValue<string>());
        Assert.Equal("深圳大厂房", message["data"]!["thing3"]!["value"]!.GetValue<string>());

        var listed = (await factoryHunter.GetJsonAsync("/api/me/alerts"))["items"]![0]!;
        Assert.Equal("sent", listed["lastDelivery"]!.GetValue<string>());
        Assert.Equal(1, listed["matchingParks"]!.GetValue<int>());

        // Handled events are gone: a second run sends nothing more.
        Assert.Equal(0, (await RunJobAsync(world))["events"]!.GetValue<int>());
        Assert.Single(world.WeChat.SentMessages);
    }

    [Fact]
    public async Task AUnitTurningAvailableAgainNotifiesAndARefusedSubscriptionIsRecorded()
    {
        await using var world = await TestWorld.StartAsync(WithTemplate, Park("park-sz", "深圳甲园", units: [Unit("w1", "warehouse", 3000, status: "leased")]));
        var investor = world.Client(await world.TokenAsync("openid-investor")); // never accepted the template
        var alertId = (await (await investor.PostAsJsonAsync("/api/me/alerts", new { query = "spaceType=warehouse&q=深圳" })).Content
            .ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        var landlord = world.Client(await world.LandlordTokenAsync("openid-landlord", "park-sz"));
        var unit = (await landlord.GetJsonAsync("/api/parks/park-sz/units?status=all"))["items"]![0]!;
        var patch = new HttpRequestMessage(HttpMethod.Patch, "/api/parks/park-sz/units/w1") { Content = JsonContent.Create(new { status = "available" }) };
        patch.Headers.TryAddWithoutValidation("If-Match", unit["etag"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await landlord.SendAsync(patch)).StatusCode);

        var run = await RunJobAsync(world);
        Assert.Equal(1, run["notSubscribed"]!.GetValue<int>());
        Assert.Empty(world.WeChat.SentMessages);
        Assert.Equal("not_subscribed", (await investor.GetJsonAsync($"/api/me/alerts/{alertId}"))["lastDelivery"]!.GetValue<string>());
    }

    [Fact]
    public async Task SavedSearchesAreCheckedLikeSearchesAndBelongToTheirOwner()
    {
        await using var world = await TestWorld.StartAsync(null, Park("park-sz", "深圳甲园"));
        var owner = world.Client(await world.TokenAsync("openid-owner"));
        var other = world.Client(await world.TokenAsync("openid-other"));

        await ProblemAssert.IsProblem(await world.Client().PostAsJsonAsync("/api/me/alerts", new { query = "city=440300" }), HttpStatusCode.Unauthorized, "unauthorized");
        var bad = await ProblemAssert.IsProblem(await owner.PostAsJsonAsync("/api/me/alerts", new { query = "minArea=big&spaceType=castle&cursor=abc&color=red" }),
            HttpStatusCode.BadRequest, "invalid_parameter");
        foreach (var key in new[] { "query.minArea", "query.spaceType", "query.cursor", "query.color" })
            Assert.True(bad.GetProperty("errors").TryGetProperty(key, out _), key);
        await ProblemAssert.IsProblem(await owner.PostAsJsonAsync("/api/me/alerts", new { query = "sort=rent" }), HttpStatusCode.BadRequest, "invalid_parameter");
        await ProblemAssert.IsProblem(await owner.PostAsync("/api/me/alerts", new StringContent("{\"query\":", System.Text.Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest, "invalid_json");
        await ProblemAssert.IsProblem(await owner.PostAsJsonAsync("/api/me/alerts", new { query = 5 }), HttpStatusCode.BadRequest, "invalid_parameter");
        await ProblemAssert.IsProblem(await owner.PostAsJsonAsync("/api/me/alerts", new { query = "city=440300", name = new string('名', 41) }),
            HttpStatusCode.BadRequest, "invalid_parameter");

        var created = (await (await owner.PostAsJsonAsync("/api/me/alerts", new { query = "?city=440300&tag=可注册&tag=有产证" })).Content.ReadFromJsonAsync<JsonObject>())!;
        var id = created["id"]!.GetValue<string>();
        Assert.Equal("city=440300&tag=%E5%8F%AF%E6%B3%A8%E5%86%8C&tag=%E6%9C%89%E4%BA%A7%E8%AF%81", created["query"]!.GetValue<string>());
        await ProblemAssert.IsProblem(await other.GetAsync($"/api/me/alerts/{id}"), HttpStatusCode.NotFound, "alert_not_found");
        await ProblemAssert.IsProblem(await other.DeleteAsync($"/api/me/alerts/{id}"), HttpStatusCode.NotFound, "alert_not_found");
        Assert.Empty((await other.GetJsonAsync("/api/me/alerts"))["items"]!.AsArray());

        for (var i = 1; i < 20; i++) Assert.Equal(HttpStatusCode.Created, (await owner.PostAsJsonAsync("/api/me/alerts", new { query = $"minArea={i}" })).StatusCode);
        await ProblemAssert.IsProblem(await owner.PostAsJsonAsync("/api/me/alerts", new { query = "minArea=99" }), HttpStatusCode.Conflict, "alert_limit_reached");
        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync($"/api/me/alerts/{id}")).StatusCode);
        await ProblemAssert.IsProblem(await owner.GetAsync($"/api/me/alerts/{id}"), HttpStatusCode.NotFound, "alert_not_found");
        Assert.Equal(19, (await owner.GetJsonAsync("/api/me/alerts?limit=50"))["items"]!.AsArray().Count);
    }
}
