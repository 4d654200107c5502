using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ParkFinder.Functions.Ecosystem;
using ParkFinder.Functions.Parks;
using ParkFinder.Tests.Infrastructure;
using static ParkFinder.Tests.Infrastructure.Catalog;

namespace ParkFinder.Tests.Ecosystem;

// Chains with their gaps, future-track scores traceable to what produced them, and the search,
// compare and panorama an investor asks with them.
public sealed class EcosystemTests(EcosystemTests.ChengduParks chengdu) : IClassFixture<EcosystemTests.ChengduParks>
{
    // The Chengdu catalog for the tests that only read it (a saved search is its investor's own); the
    // test that replaces the definitions has a world of its own.
    public sealed class ChengduParks : SharedWorld
    {
        protected override Task<TestWorld> StartAsync() => TestWorld.StartAsync(null, Chengdu());
    }

    private static EnterpriseInput E(string name, string industry, string role = "other", string? chain = null, string? segment = null) =>
        new(name, industry, chain, segment, role, 2020);

    private static Park With(Park park, string[] policies, params EnterpriseInput[] enterprises)
    {
        park.Enterprises = enterprises.ToList();
        park.Policies = policies.Select(p => new Policy(p, p + "政策", null)).ToArray();
        return park;
    }

    [Fact]
    public async Task ATrackScoreFollowsTheDocumentedFormulaAndListsWhatProducedItWithoutNamingATenant()
    {
        await using var world = await TestWorld.StartAsync(null, With(Park("park-bio", "生物园", industries: ["生物医药"]), [],
            E("甲细胞治疗", "细胞与基因治疗", "anchor"), E("乙合成生物", "合成生物", "supporting"), E("丙物流", "现代物流")));
        var landlord = world.Client(await world.LandlordTokenAsync("openid-bio", "park-bio"));
        // Active today: 600 + 300 m² in the track, 100 m² not; the expired 5,000 m² lease does not count.
        var csv = "unit_id,space_type,area_m2,start_date,end_date,rent,tenant_industry,tenant_name\n"
                  + "A1,office,600,2025-01-01,2035-12-31,80,生物医药,秘密生物科技有限公司\n"
                  + "A2,office,300,2025-06-01,2035-05-31,85,细胞与基因治疗,隐名细胞有限公司\n"
                  + "A3,warehouse,100,2025-01-01,2035-12-31,30,现代物流,不公开物流有限公司\n"
                  + "A4,factory,5000,2020-01-01,2021-12-31,20,生物医药,早已搬走有限公司\n";
        var accepted = await landlord.PostAsync("/api/parks/park-bio/leases", new StringContent(csv, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var uploadId = (await accepted.Content.ReadFromJsonAsync<JsonObject>())!["uploadId"]!.GetValue<string>();
        var admin = world.Factory.CreateAdminClient();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/admin/jobs/recalculate-trends", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/admin/index/refresh", null)).StatusCode);

        var tracks = (await world.Client().GetJsonAsync("/api/parks/park-bio/tracks"))["tracks"]!.AsArray();
        var health = tracks.Single(t => t!["track"]!.GetValue<string>() == "future-health")!;
        // points = 3 (anchor) + 2 (supporting) = 5; share = 900 / 1000; round(60 * min(1, 5/10) + 40 * 0.9) = 30 + 36 = 66.
        Assert.Equal(66, health["score"]!.GetValue<int>());
        var trace = health["trace"]!;
        Assert.Equal(5, trace["enterprisePoints"]!.GetValue<double>());
        Assert.Equal(["甲细胞治疗", "乙合成生物"], trace["enterprises"]!.AsArray().Select(e => e!["name"]!.GetValue<string>()));
        Assert.Equal(0.9, trace["leasedAreaShare"]!.GetValue<double>());
        Assert.Equal(900, trace["leasedAreaInTrack"]!.GetValue<double>());
        Assert.Equal(1000, trace["leasedArea"]!.GetValue<double>());
        Assert.Equal(2, trace["leasesInTrack"]!.GetValue<int>());
        Assert.Equal(3, trace["leases"]!.GetValue<int>());
        // No enterprise and no leased area in 未来空间: 0, and the hexagon on the park page agrees.
        Assert.Equal(0, tracks.Single(t => t!["track"]!.GetValue<string>() == "future-space")!["score"]!.GetValue<int>());
        var park = await world.Client().GetJsonAsync("/api/parks/park-bio");
        Assert.Equal(66, park["tracks"]!.AsArray().Single(t => t!["track"]!.GetValue<string>() == "future-health")!["score"]!.GetValue<int>());
        Assert.Equal("biomedicine", park["chains"]![0]!["chain"]!.GetValue<string>());

        // Lease data stays private: no response names a tenant.
        foreach (var url in new[] { "/api/parks/park-bio", "/api/parks/park-bio/tracks", "/api/parks/park-bio/chains", "/api/parks/park-bio/enterprises",
                     "/api/parks?q=生物", "/api/trends?scope=park:park-bio", "/api/parks/park-bio/units" })
        {
            var body = await (await world.Client().GetAsync(url)).Content.ReadAsStringAsync();
            Assert.DoesNotContain("有限公司", body);
        }
        var upload = await landlord.GetJsonAsync("/api/parks/park-bio/leases/uploads/" + uploadId);
        Assert.Equal(4, upload["rowsAccepted"]!.GetValue<int>());
        Assert.DoesNotContain("有限公司", upload.ToJsonString());
    }

    private static Park[] Chengdu() =>
    [
        With(Park("cd-1", "一园", city: "510100", district: "510116"), ["talent", "funding"],
            E("一整车", "新能源汽车", "anchor"), E("一电池包", "动力电池", "supporting", "新能源汽车", "电池包"), E("一电芯", "动力电池", "supporting")),
        With(Park("cd-2", "二园", city: "510100", district: "510113"), ["funding"],
            E("二电池包", "动力电池", "supporting", "new-energy-vehicle", "battery-pack")),
        With(Park("cd-3", "三园", city: "510100", district: "510116"), ["talent"], E("三大模型", "生成式人工智能", "anchor")),
        With(Park("sz-1", "深一园", city: "440300", district: "440305"), ["talent"],
            E("深整车", "新能源汽车", "anchor"), E("深电池包", "动力电池", "other", "new-energy-vehicle", "battery-pack")),
    ];

    [Fact]
    public async Task ChainSegmentAnchorTrackAndPolicyFiltersCombineWithPlaceSortAndPaging()
    {
        var world = chengdu.World;
        var client = world.Client();
        async Task<string[]> Ids(string query) =>
            (await client.GetJsonAsync("/api/parks?" + query))["items"]!.AsArray().Select(p => p!["id"]!.GetValue<string>()).ToArray();

        // "Which parks in 成都 already have a 新能源汽车 anchor and a battery-pack supplier?"
        Assert.Equal(["cd-1"], await Ids("city=510100&chain=" + Uri.EscapeDataString("新能源汽车") + "&anchor=true&segment=" + Uri.EscapeDataString("电池包")));
        Assert.Equal(["cd-1", "cd-2", "sz-1"], await Ids("chain=new-energy-vehicle&segment=battery-pack&sort=updated&limit=50").ContinueWith(t => t.Result.Order().ToArray()));
        Assert.Equal(["cd-1", "cd-2"], await Ids("chain=new-energy-vehicle&segment=battery-pack&city=510100&policy=" + Uri.EscapeDataString("资金扶持")).ContinueWith(t => t.Result.Order().ToArray()));
        Assert.Equal(["cd-1"], await Ids("chain=new-energy-vehicle&segment=battery-pack&segment=battery-cell"));
        // One anchor in 未来信息: round(60 * 3 / 10) = 18.
        Assert.Equal(["cd-3"], await Ids("track=future-information&minTrackScore=18&policy=talent"));
        Assert.Empty(await Ids("track=future-information&minTrackScore=19"));
        Assert.Empty(await Ids("chain=new-energy-vehicle&anchor=true&district=510113"));

        // sort=track: highest score first (ties by id), page by page without repeats or gaps.
        var scores = new Dictionary<string, int>();
        foreach (var id in new[] { "cd-1", "cd-2", "cd-3", "sz-1" })
            scores[id] = (await client.GetJsonAsync($"/api/parks/{id}/tracks"))["tracks"]!.AsArray()
                .Single(t => t!["track"]!.GetValue<string>() == "future-energy")!["score"]!.GetValue<int>();
        Assert.True(scores["cd-1"] > scores["cd-2"]); // a cell maker and a pack maker against one pack maker
        var expected = scores.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key).ToArray();
        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await client.GetJsonAsync("/api/parks?sort=track&track=" + Uri.EscapeDataString("未来能源") + "&limit=1" + (cursor is null ? "" : "&cursor=" + cursor));
            seen.AddRange(page["items"]!.AsArray().Select(p => p!["id"]!.GetValue<string>()));
            Assert.Equal(4, page["total"]!.GetValue<int>());
            cursor = page["nextCursor"]?.GetValue<string>();
        } while (cursor is not null);
        Assert.Equal(expected, seen);

        foreach (var (query, field) in new[] { ("sort=track", "sort"), ("minTrackScore=10", "minTrackScore"), ("track=nope", "track"), ("chain=nope", "chain"),
                     ("segment=battery-pack", "segment"), ("chain=new-energy-vehicle&segment=wheels", "segment"), ("anchor=true", "anchor"),
                     ("policy=free-lunch", "policy"), ("track=future-health&minTrackScore=101", "minTrackScore") })
        {
            var problem = await ProblemAssert.IsProblem(await client.GetAsync("/api/parks?" + query), HttpStatusCode.BadRequest, "invalid_parameter");
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), query);
        }
    }

    [Fact]
    public async Task ASavedSearchKeepsEcosystemFiltersCheckedAsTheSearchChecksThem()
    {
        var world = chengdu.World;
        var investor = world.Client(await world.TokenAsync("openid-saver"));
        var saved = await investor.PostAsJsonAsync("/api/me/alerts", new { query = "city=510100&chain=" + Uri.EscapeDataString("新能源汽车") + "&anchor=true" });
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        Assert.Equal(1, (await saved.Content.ReadFromJsonAsync<JsonObject>())!["matchingParks"]!.GetValue<int>()); // cd-1, found by the chain's name
        var unknown = await ProblemAssert.IsProblem(await investor.PostAsJsonAsync("/api/me/alerts", new { query = "chain=shipbuilding" }),
            HttpStatusCode.BadRequest, "invalid_parameter");
        Assert.True(unknown.GetProperty("errors").TryGetProperty("query.chain", out _));
        var nothing = await ProblemAssert.IsProblem(await investor.PostAsJsonAsync("/api/me/alerts", new { query = "track=future-health" }),
            HttpStatusCode.BadRequest, "invalid_parameter");
        Assert.True(nothing.GetProperty("errors").TryGetProperty("query", out _));
    }

    [Fact]
    public async Task InvestorsCompareTwoToFourParksAndSeeARegionsChainPanorama()
    {
        var world = chengdu.World;
        var client = world.Client();
        var compared = (await client.GetJsonAsync("/api/parks/compare?ids=cd-2,cd-1"))["parks"]!.AsArray();
        Assert.Equal(["cd-2", "cd-1"], compared.Select(p => p!["id"]!.GetValue<string>()));
        Assert.Equal(6, compared[1]!["tracks"]!.AsArray().Count);
        Assert.Equal(3, compared[1]!["chains"]![0]!["covered"]!.GetValue<int>());
        Assert.Equal(["talent", "funding"], compared[1]!["policies"]!.AsArray().Select(p => p!["category"]!.GetValue<string>()));
        await ProblemAssert.IsProblem(await client.GetAsync("/api/parks/compare?ids=cd-1"), HttpStatusCode.BadRequest, "invalid_parameter");
        await ProblemAssert.IsProblem(await client.GetAsync("/api/parks/compare?ids=cd-1,cd-1"), HttpStatusCode.BadRequest, "invalid_parameter");
        await ProblemAssert.IsProblem(await client.GetAsync("/api/parks/compare?ids=cd-1,cd-2,cd-3,sz-1,cd-1x"), HttpStatusCode.BadRequest, "invalid_parameter");
        await ProblemAssert.IsProblem(await client.GetAsync("/api/parks/compare?ids=cd-1,nope"), HttpStatusCode.NotFound, "park_not_found");

        var panorama = await client.GetJsonAsync("/api/chains/new-energy-vehicle/panorama?city=510100");
        Assert.Equal(["cd-1", "cd-2"], panorama["parks"]!.AsArray().Select(p => p!["id"]!.GetValue<string>()));
        JsonNode Segment(string id) => panorama["segments"]!.AsArray().Single(s => s!["id"]!.GetValue<string>() == id)!;
        Assert.Equal(2, Segment("battery-pack")["parks"]!.GetValue<int>());
        Assert.Equal(2, Segment("battery-pack")["enterprises"]!.GetValue<int>());
        Assert.Equal(["一整车"], Segment("vehicle")["cells"]![0]!["anchors"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal(0, Segment("charging")["parks"]!.GetValue<int>()); // a gap of the whole city
        var district = await client.GetJsonAsync("/api/chains/new-energy-vehicle/panorama?district=510113");
        Assert.Equal(["cd-2"], district["parks"]!.AsArray().Select(p => p!["id"]!.GetValue<string>()));
        await ProblemAssert.IsProblem(await client.GetAsync("/api/chains/new-energy-vehicle/panorama"), HttpStatusCode.BadRequest, "invalid_parameter");
        await ProblemAssert.IsProblem(await client.GetAsync("/api/chains/shipbuilding/panorama?city=510100"), HttpStatusCode.NotFound, "chain_not_found");
    }

    [Fact]
    public async Task OperatorsReplaceTheDefinitionsAndImportPublishedScoresThatStayBesideOurs()
    {
        await using var world = await TestWorld.StartAsync(null, Chengdu());
        var admin = world.Factory.CreateAdminClient();
        var client = world.Client();
        var before = (await client.GetJsonAsync("/api/parks/cd-3/tracks"))["tracks"]!.AsArray()
            .Single(t => t!["track"]!.GetValue<string>() == "future-information")!["score"]!.GetValue<int>();

        var published = await admin.PutAsJsonAsync("/api/admin/parks/cd-3/external-scores",
            new { source = "2024产业园区未来力指数", date = "2024-10-01", tracks = new Dictionary<string, double> { ["未来信息"] = 91.5 }, total = 78.2 });
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        var tracks = await client.GetJsonAsync("/api/parks/cd-3/tracks");
        Assert.Equal(91.5, tracks["externalScores"]![0]!["tracks"]!["future-information"]!.GetValue<double>());
        Assert.Equal(before, tracks["tracks"]!.AsArray().Single(t => t!["track"]!.GetValue<string>() == "future-information")!["score"]!.GetValue<int>());
        await ProblemAssert.IsProblem(await admin.PutAsJsonAsync("/api/admin/parks/cd-3/external-scores",
            new { source = "x", date = "2024-10-01", tracks = new Dictionary<string, double> { ["future-cooking"] = 50 } }), HttpStatusCode.BadRequest, "invalid_parameter");
        await ProblemAssert.IsProblem(await admin.PutAsJsonAsync("/api/admin/parks/cd-3/external-scores",
            new { source = "x", date = "2024-10-01", tracks = new Dictionary<string, double> { ["future-health"] = 50, ["未来健康"] = 60 } }), HttpStatusCode.BadRequest, "invalid_parameter");

        // A new chain: the park whose enterprise names it joins it without being touched.
        var shipped = JsonNode.Parse(EcosystemDefinitions.Shipped.ToJson())!;
        shipped["chains"]!.AsArray().Add(JsonNode.Parse("""
            {"id":"hydrogen","name":"氢能","segments":[{"id":"stations","name":"加氢站","stage":"下游","industries":[],"keywords":["加氢"]}]}
            """));
        var ok = await admin.PutAsync("/api/admin/ecosystem", new StringContent(shipped.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Contains("hydrogen", (await client.GetJsonAsync("/api/chains")).AsArray().Select(c => c!["id"]!.GetValue<string>()));
        var landlord = world.Client(await world.LandlordTokenAsync("openid-cd2", "cd-2"));
        Assert.Equal(HttpStatusCode.Created, (await landlord.PostAsJsonAsync("/api/parks/cd-2/enterprises", new { name = "二园加氢", industry = "能源" })).StatusCode);
        Assert.Equal(["cd-2"], (await client.GetJsonAsync("/api/parks?chain=hydrogen"))["items"]!.AsArray().Select(p => p!["id"]!.GetValue<string>()));

        // A direction naming a segment nobody defined: refused, and the definitions in use stay.
        shipped["tracks"]![0]!["directions"]![0]!["segments"] = new JsonArray("hydrogen/pipelines");
        var refused = await ProblemAssert.IsProblem(await admin.PutAsync("/api/admin/ecosystem", new StringContent(shipped.ToJsonString(), Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest, "invalid_definitions");
        Assert.True(refused.GetProperty("errors").TryGetProperty("tracks[0].directions[0].segments", out _));
        Assert.Contains("hydrogen", (await client.GetJsonAsync("/api/chains")).AsArray().Select(c => c!["id"]!.GetValue<string>()));
    }
}
