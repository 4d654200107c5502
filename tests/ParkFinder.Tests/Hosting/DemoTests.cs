using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Text.Json.Nodes;
using ParkFinder.Functions.DemoData;
using ParkFinder.Functions.Leases;
using ParkFinder.Functions.Parks;
using ParkFinder.Tests.Infrastructure;

namespace ParkFinder.Tests.Hosting;

// What scripts/run.sh gives a newcomer: every role signs in against the local WeChat stand-in, and
// the demo parks have invented lease data. None of it exists outside Development.
public sealed class DemoTests
{
    private static readonly Dictionary<string, string?> DevWeChatOn = new() { ["DevWeChat:Enabled"] = "true" };

    [Fact]
    public async Task TheWeChatStandInAnswersTheDemoCodesInDevelopmentOnly()
    {
        await using (var development = new ApiFactory(DevWeChatOn) { Environment = "Development" })
        {
            var client = development.CreateClient();
            foreach (var code in new[] { "demo-investor", "demo-landlord", "demo-admin" })
            {
                var reply = JsonNode.Parse(await client.GetStringAsync($"/dev-wechat/sns/jscode2session?appid=wx&secret=s&js_code={code}&grant_type=authorization_code"))!;
                Assert.Equal(code, reply["openid"]!.GetValue<string>());
            }
            var refused = JsonNode.Parse(await client.GetStringAsync("/dev-wechat/sns/jscode2session?js_code=someone-else"))!;
            Assert.Equal(40029, refused["errcode"]!.GetValue<int>());
            // Every subscribe message has a template there, so each one the demo sends is logged by the stand-in, not `not_configured`.
            var wechat = development.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ParkFinder.Functions.WeChat.WeChatOptions>>().Value;
            Assert.All(new[] { wechat.AlertTemplateId, wechat.LeadTemplateId, wechat.LeadAnsweredTemplateId, wechat.StaleReminderTemplateId },
                id => Assert.False(string.IsNullOrEmpty(id)));
            var sent = await client.PostAsync("/dev-wechat/cgi-bin/message/subscribe/send?access_token=dev-access-token",
                new StringContent("""{"touser":"demo-landlord","template_id":"dev-new-lead-template","page":"pages/leads/index"}""", System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(0, JsonNode.Parse(await sent.Content.ReadAsStringAsync())!["errcode"]!.GetValue<int>());
            Assert.Contains("Dev WeChat: subscribe message to demo-landlord, template dev-new-lead-template", development.Logs.All);
        }
        foreach (var environment in new[] { "Production", "Testing" })
        {
            await using var other = new ApiFactory(DevWeChatOn) { Environment = environment };
            Assert.Equal(HttpStatusCode.NotFound, (await other.CreateClient().GetAsync("/dev-wechat/sns/jscode2session?js_code=demo-admin")).StatusCode);
        }
    }

    private static async Task<JsonNode> DemoUnitAsync(TestWorld world, string parkId, string unitId)
    {
        var client = world.Client();
        for (var i = 0; i < 100 && !world.Factory.Logs.All.Contains("Demo data "); i++) await Task.Delay(100);
        var units = (await client.GetJsonAsync($"/api/parks/{parkId}/units?status=all"))["items"]!.AsArray();
        return units.Single(u => u!["id"]!.GetValue<string>() == unitId)!;
    }

    [Fact]
    public async Task ARestartKeepsWhatUsersChangedAndResetDemoLoadsTheCatalogAgain()
    {
        var settings = new Dictionary<string, string?> { ["DemoData:Load"] = "true" };
        string prefix, shipped;
        await using (var first = await TestWorld.StartAsync(settings))
        {
            prefix = first.Factory.Prefix;
            var unit = await DemoUnitAsync(first, "p-szsec", "O-002");
            shipped = unit["status"]!.GetValue<string>();
            var changed = shipped == "leased" ? "available" : "leased";
            var patch = new HttpRequestMessage(HttpMethod.Patch, "/api/parks/p-szsec/units/O-002") { Content = System.Net.Http.Json.JsonContent.Create(new { status = changed }) };
            patch.Headers.TryAddWithoutValidation("If-Match", unit["etag"]!.GetValue<string>());
            Assert.Equal(HttpStatusCode.OK, (await first.Client(await first.TokenAsync(TestWorld.AdminOpenId)).SendAsync(patch)).StatusCode);
        }

        // scripts/run.sh again: the same tables, the landlord's change still there.
        settings["Storage:TablePrefix"] = prefix;
        await using (var restarted = await TestWorld.StartAsync(settings))
        {
            Assert.NotEqual(shipped, (await DemoUnitAsync(restarted, "p-szsec", "O-002"))["status"]!.GetValue<string>());
            Assert.Contains("Demo data kept", restarted.Factory.Logs.All);
        }

        // scripts/run.sh --reset-demo: the demo catalog as shipped.
        settings["DemoData:Reset"] = "true";
        await using var reset = await TestWorld.StartAsync(settings);
        Assert.Equal(shipped, (await DemoUnitAsync(reset, "p-szsec", "O-002"))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task OutsideDevelopmentTheDemoBindsNoLandlordAndUploadsNoLeases()
    {
        await using var world = await TestWorld.StartAsync(new Dictionary<string, string?>
        {
            ["DemoData:Load"] = "true", ["DemoData:LandlordOpenId"] = "openid-demo", ["DemoData:LandlordParkId"] = "p-szsec", ["DemoData:Leases"] = "true",
        });
        var client = world.Client();
        for (var i = 0; i < 100 && (await client.GetAsync("/api/parks/p-szsec")).StatusCode != HttpStatusCode.OK; i++) await Task.Delay(200);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/parks/p-szsec")).StatusCode);
        var login = await world.LoginAsync("openid-demo");
        Assert.DoesNotContain("landlord", login["user"]!["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        var admin = world.Factory.CreateAdminClient();
        var runs = (await admin.PostAsync("/api/admin/jobs/recalculate-trends", null)).Content.ReadAsStringAsync();
        Assert.Contains("\"files\":0", await runs);

        // Out of the box, 光谷生物城 is strongest in 未来健康 and 深圳湾科技生态园 in 未来信息, from invented enterprises labelled as such.
        foreach (var (park, strongest) in new[] { ("p-optics-valley-bio", "future-health"), ("p-szsec", "future-information") })
        {
            var tracks = (await client.GetJsonAsync($"/api/parks/{park}/tracks"))["tracks"]!.AsArray();
            var best = tracks.OrderByDescending(t => t!["score"]!.GetValue<int>()).First()!;
            Assert.Equal(strongest, best["track"]!.GetValue<string>());
            Assert.True(tracks.Count(t => t!["score"]!.GetValue<int>() == best["score"]!.GetValue<int>()) == 1, park);
            Assert.All((await client.GetJsonAsync($"/api/parks/{park}/enterprises"))["items"]!.AsArray(),
                e => Assert.Contains("演示数据", e!["name"]!.GetValue<string>()));
        }
    }

    // scripts/run.sh's demo: from "Demo ready" on, each park's trend vacancy this month is its unit vacancy,
    // and search shows the track scores its /tracks explains; the demo landlord's park has units on offer.
    [Fact]
    public async Task FromDemoReadyEveryParksTrendVacancyAndTrackScoresAgreeWithItsOtherViews()
    {
        await using var factory = new ApiFactory(new Dictionary<string, string?>
        {
            ["DemoData:Load"] = "true", ["DemoData:Leases"] = "true", ["DemoData:LandlordOpenId"] = "openid-demo", ["DemoData:LandlordParkId"] = "p-szsec",
        }) { Environment = "Development" };
        var client = await factory.StartAsync();
        for (var i = 0; i < 600 && !factory.Logs.All.Contains("Demo ready:"); i++) await Task.Delay(200);
        Assert.Contains("Demo ready:", factory.Logs.All);

        var search = (await client.GetJsonAsync("/api/parks?limit=50&interpret=false"))["items"]!.AsArray();
        var parks = System.Text.Json.JsonSerializer.Deserialize<List<Park>>(File.ReadAllText(Path.Combine(Azurite.RepoRoot(),
            "functions", "ParkFinder.Functions", "DemoData", "demo-parks.json")), Infrastructure.Catalog.Json)!;
        Assert.Equal(parks.Count, search.Count);
        foreach (var park in parks.Where(p => p.Units is { Count: > 0 }))
        {
            var vacancy = (await client.GetJsonAsync($"/api/parks/{park.Id}/vacancy"))["overall"]!["vacancyRate"]!.GetValue<double>();
            var points = (await client.GetJsonAsync($"/api/trends?scope=park:{park.Id}"))["points"]!.AsArray();
            Assert.True(vacancy == points[^1]!["vacancyRate"]!.GetValue<double>(), $"{park.Id}: /vacancy {vacancy}, trend {points[^1]}");
            var shown = search.Single(p => p!["id"]!.GetValue<string>() == park.Id)!["tracks"]!.AsObject();
            var tracks = (await client.GetJsonAsync($"/api/parks/{park.Id}/tracks"))["tracks"]!.AsArray()
                .Where(t => t!["score"]!.GetValue<int>() > 0).ToDictionary(t => t!["track"]!.GetValue<string>(), t => t!["score"]!.GetValue<int>());
            Assert.Equal(tracks.OrderBy(t => t.Key), shown.Select(t => KeyValuePair.Create(t.Key, t.Value!.GetValue<int>())).OrderBy(t => t.Key));
        }
        var onOffer = await client.GetJsonAsync("/api/parks/p-szsec/units");
        Assert.NotEmpty(onOffer["items"]!.AsArray());
    }

    [Fact]
    public void EveryDemoParkGetsAnInventedLeaseFileThatParsesWithoutARejectedRow()
    {
        var parks = System.Text.Json.JsonSerializer.Deserialize<List<Park>>(File.ReadAllText(Path.Combine(Azurite.RepoRoot(),
            "functions", "ParkFinder.Functions", "DemoData", "demo-parks.json")), Infrastructure.Catalog.Json)!;
        foreach (var park in parks.Where(p => p.Units is { Count: > 0 }))
        {
            var csv = DemoLeases.Csv(park, new DateOnly(2026, 12, 2));
            var parsed = LeaseFileParser.Parse(System.Text.Encoding.UTF8.GetBytes(csv));
            Assert.Empty(parsed.Errors);
            Assert.True(parsed.Rows.Count >= park.Units!.Count, park.Id);
            Assert.All(parsed.Rows, r => Assert.Contains(park.Units!, u => u.Id == r.UnitId));
            Assert.Equal(csv, DemoLeases.Csv(park, new DateOnly(2026, 12, 2))); // the same demo every time
        }
    }
}
