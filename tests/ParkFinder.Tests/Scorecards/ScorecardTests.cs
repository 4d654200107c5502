using ParkFinder.Functions.Parks;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ParkFinder.Functions.Ecosystem;
using ParkFinder.Functions.Scorecards;
using ParkFinder.Tests.Infrastructure;
using static ParkFinder.Tests.Infrastructure.Catalog;

namespace ParkFinder.Tests.Scorecards;

// A park's stars rest on something an investor can read: every assessed figure with its assessor,
// date and source, the star rule, and beside them what we measure ourselves.
public sealed class ScorecardTests
{
    private static Dictionary<string, double> Values(IndicatorTree tree) => tree.Indicators.ToDictionary(i => i.Id, _ => 80.0);

    [Fact]
    public async Task AnAssessmentGivesTheStarsByTheDocumentedRuleAndEveryFigureShowsItsSource()
    {
        var park = Park("park-a", "甲园", stars: 2, units: [Unit("f1"), Unit("f2", status: "leased")]);
        park.Enterprises = [new EnterpriseInput("甲整车", "新能源汽车", null, null, "anchor", 2020), new EnterpriseInput("甲电池包", "动力电池", null, null, "supporting", 2021)];
        await using var world = await TestWorld.StartAsync(null, park, Park("park-b", "乙园", stars: 3));
        var admin = world.Factory.CreateAdminClient();
        var client = world.Client();

        // Every indicator 80, except 全周期管理: 100, 90, 60 -> (35x100 + 40x90 + 25x60) / 100 = 86;
        // total = (20 x 86 + 80 x 80) / 100 = 81.2 -> 4 stars.
        var values = Values(IndicatorTree.Shipped);
        (values["planning-investment"], values["tenant-lifecycle"], values["exit-management"]) = (100, 90, 60);
        var imported = await admin.PutAsJsonAsync("/api/admin/parks/park-a/scorecard",
            new { assessor = "某第三方评估机构", date = "2026-10-15", source = "深圳市产业园区运营评价报告", values });
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);

        var card = await client.GetJsonAsync("/api/parks/park-a/scorecard");
        Assert.Equal(4, card["stars"]!.GetValue<int>());
        Assert.Contains(">= 80: 4", card["starRule"]!.GetValue<string>());
        var assessed = card["assessed"]!;
        Assert.Equal(81.2, assessed["total"]!.GetValue<double>());
        Assert.Equal("某第三方评估机构", assessed["assessor"]!.GetValue<string>());
        Assert.Equal("2026-10-15", assessed["date"]!.GetValue<string>());
        Assert.Equal("深圳市产业园区运营评价报告", assessed["source"]!.GetValue<string>());
        var lifecycle = assessed["groups"]!.AsArray().Single(g => g!["id"]!.GetValue<string>() == "lifecycle")!;
        Assert.Equal(86, lifecycle["score"]!.GetValue<double>());
        Assert.True(lifecycle["namedBySources"]!.GetValue<bool>());
        Assert.Equal(6, assessed["groups"]!.AsArray().Count);

        JsonNode Measured(string id) => card["measured"]!.AsArray().Single(m => m!["id"]!.GetValue<string>() == id)!;
        Assert.Equal(2, Measured("enterprises")["value"]!.GetValue<double>());
        Assert.Equal(1, Measured("anchor-enterprises")["value"]!.GetValue<double>());
        Assert.Equal(0.5, Measured("vacancy-rate")["value"]!.GetValue<double>());
        Assert.Equal(1, Measured("availability-freshness")["value"]!.GetValue<double>());
        Assert.Null(Measured("first-response-hours")["value"]); // no consult requests yet
        Assert.Null(Measured("vacancy-change-12m")["value"]);
        Assert.All(card["measured"]!.AsArray(), m => Assert.False(string.IsNullOrEmpty(m!["source"]!.GetValue<string>())));
        Assert.NotNull(Measured("vacancy-rate")["asOf"]);

        // The star level is the park's stars now: minStars filters on it.
        var four = (await client.GetJsonAsync("/api/parks?minStars=4"))["items"]!.AsArray().Select(p => p!["id"]!.GetValue<string>());
        Assert.Equal(["park-a"], four);
        Assert.Equal(4, (await client.GetJsonAsync("/api/parks/park-a"))["stars"]!.GetValue<int>());
        // A later import of the park (stars 2 in the file) keeps the assessed level.
        await ImportAsync(world.Factory, [Park("park-a", "甲园", stars: 2, units: [Unit("f1"), Unit("f2", status: "leased")])]);
        Assert.Equal(4, (await client.GetJsonAsync("/api/parks/park-a"))["stars"]!.GetValue<int>());
        Assert.Null((await client.GetJsonAsync("/api/parks/park-b/scorecard"))["assessed"]);
        Assert.Equal(3, (await client.GetJsonAsync("/api/parks/park-b/scorecard"))["stars"]!.GetValue<int>());
    }

    [Fact]
    public async Task AnIncompleteOrUnknownAssessmentChangesNothingAndOperatorsOwnTheTree()
    {
        await using var world = await TestWorld.StartAsync(null, Park("park-a", "甲园", stars: 2));
        var admin = world.Factory.CreateAdminClient();
        var values = Values(IndicatorTree.Shipped);
        values.Remove("emergency");
        values["made-up"] = 50;
        values["occupancy"] = 120;
        var bad = await ProblemAssert.IsProblem(await admin.PutAsJsonAsync("/api/admin/parks/park-a/scorecard",
            new { assessor = "", date = "2099-01-01", source = "x", values }), HttpStatusCode.BadRequest, "invalid_parameter");
        var errors = bad.GetProperty("errors");
        foreach (var key in new[] { "assessor", "date", "values", "values.made-up", "values.occupancy" }) Assert.True(errors.TryGetProperty(key, out _), key);
        Assert.Contains("emergency", errors.GetProperty("values")[0].GetString());
        Assert.Null((await world.Client().GetJsonAsync("/api/parks/park-a/scorecard"))["assessed"]);
        Assert.Equal(2, (await world.Client().GetJsonAsync("/api/parks/park-a"))["stars"]!.GetValue<int>());
        await ProblemAssert.IsProblem(await world.Client(await world.TokenAsync("openid-x")).PutAsJsonAsync("/api/admin/parks/park-a/scorecard", new { }),
            HttpStatusCode.Forbidden, "forbidden");

        // Operators replace the tree; an assessment made against the old one no longer has a total.
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/admin/parks/park-a/scorecard",
            new { assessor = "甲评估", date = "2026-10-01", source = "报告", values = Values(IndicatorTree.Shipped) })).StatusCode);
        var tree = JsonNode.Parse(IndicatorTree.Shipped.ToJson())!;
        tree["groups"]![0]!["indicators"]!.AsArray().Add(new JsonObject { ["id"] = "carbon-ledger", ["name"] = "碳账户", ["weight"] = 10 });
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync("/api/admin/scorecard/indicators", new StringContent(tree.ToJsonString(), Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Contains("carbon-ledger", (await world.Client().GetStringAsync("/api/scorecard/indicators")));
        var card = await world.Client().GetJsonAsync("/api/parks/park-a/scorecard");
        Assert.Null(card["assessed"]!["total"]);
        tree["groups"]![0]!["weight"] = -1;
        await ProblemAssert.IsProblem(await admin.PutAsync("/api/admin/scorecard/indicators", new StringContent(tree.ToJsonString(), Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest, "invalid_indicators");
    }
}
