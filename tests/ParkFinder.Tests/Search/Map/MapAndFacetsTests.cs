using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ParkFinder.Tests.Infrastructure;

namespace ParkFinder.Tests.Search.Map;

// The map and the filter sheet on a synthetic catalog: every total, cluster and count is held against
// the search itself (brute force over GET /api/parks), before and after a landlord's write.
public sealed class MapAndFacetsTests(MapAndFacetsTests.SyntheticWorld synthetic) : IClassFixture<MapAndFacetsTests.SyntheticWorld>
{
    // One app with 160 synthetic parks for the class: the tests read, and the one write only adds a unit.
    public sealed class SyntheticWorld : SharedWorld
    {
        protected override Task<TestWorld> StartAsync() => TestWorld.StartAsync(null, SyntheticCatalog.Generate(160, 1600, seed: 11).ToArray());
    }

    private readonly TestWorld _world = synthetic.World;
    private readonly HttpClient _client = synthetic.World.Client();

    private static readonly string[] Filters =
        ["", "spaceType=factory", "spaceType=office&maxRent=60", "minArea=2000", "minStars=3&tag=可注册", "industry=生物医药&industry=集成电路", "q=" + Uri.EscapeDataString("深圳 厂房")];

    [Fact]
    public async Task MapTotalsAndClustersAreTheSearchesParksInTheBoxGroupedBeforeAndAfterALandlordsWrite()
    {
        await CheckRandomMapsAsync(new Random(5), 24);
        // A landlord puts a large factory on offer in one park: the map follows as search does.
        var park = (await AllAsync("city=440300"))[0];
        var landlord = _world.Client(await _world.LandlordTokenAsync("openid-map-landlord", park["id"]!.GetValue<string>()));
        var put = await landlord.PutAsJsonAsync($"/api/parks/{park["id"]}/units/map-new", Infrastructure.Catalog.Unit("map-new", "factory", 9000, 18), Infrastructure.Catalog.Json);
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        await CheckRandomMapsAsync(new Random(6), 12);
    }

    private async Task CheckRandomMapsAsync(Random random, int cases)
    {
        for (var i = 0; i < cases; i++)
        {
            var filter = Filters[random.Next(Filters.Length)];
            var (swLat, swLng) = (20 + random.NextDouble() * 12, 103 + random.NextDouble() * 12);
            var (neLat, neLng) = (swLat + 0.5 + random.NextDouble() * 12, swLng + 0.5 + random.NextDouble() * 14);
            var zoom = random.Next(3, 21);
            var map = await _client.GetJsonAsync($"/api/parks/map?bbox={swLat:0.####},{swLng:0.####},{neLat:0.####},{neLng:0.####}&zoom={zoom}{(filter == "" ? "" : "&" + filter)}");
            var inBox = (await AllAsync(filter)).Where(p => Between(p["lat"]!.GetValue<double>(), swLat, neLat) && Between(p["lng"]!.GetValue<double>(), swLng, neLng)).ToList();
            var label = $"zoom {zoom}, {filter}, box {swLat:0.##},{swLng:0.##},{neLat:0.##},{neLng:0.##}";
            Assert.True(inBox.Count == map["total"]!.GetValue<int>(), label);
            var level = map["level"]!.GetValue<string>();
            if (level == "park")
            {
                Assert.Equal(inBox.Select(p => p["id"]!.GetValue<string>()).Order(), map["parks"]!.AsArray().Select(p => p!["id"]!.GetValue<string>()).Order());
                foreach (var shown in map["parks"]!.AsArray())
                {
                    var summary = inBox.Single(p => p["id"]!.GetValue<string>() == shown!["id"]!.GetValue<string>());
                    Assert.Equal(summary["availableArea"]!.GetValue<double>(), shown!["availableArea"]!.GetValue<double>(), 2);
                    Assert.Equal(summary["rent"]!["min"]?.ToJsonString(), shown["rent"]!["min"]?.ToJsonString());
                }
                continue;
            }
            var clusters = map["clusters"]!.AsArray();
            Assert.Equal(map["total"]!.GetValue<int>(), clusters.Sum(c => c!["parks"]!.GetValue<int>()));
            if (level == "cell") continue;
            Func<JsonNode, string> key = level switch
            {
                "province" => p => p["city"]!["code"]!.GetValue<string>()[..2] + "0000",
                "city" => p => p["city"]!["code"]!.GetValue<string>(),
                _ => p => p["district"]!["code"]!.GetValue<string>(),
            };
            var expected = inBox.GroupBy(key).ToDictionary(g => g.Key, g => g.ToList());
            Assert.Equal(expected.Keys.Order(), clusters.Select(c => c!["code"]!.GetValue<string>()).Order());
            foreach (var cluster in clusters)
            {
                var members = expected[cluster!["code"]!.GetValue<string>()];
                Assert.Equal(members.Count, cluster["parks"]!.GetValue<int>());
                Assert.Equal(members.Sum(p => p["availableArea"]!.GetValue<double>()), cluster["availableArea"]!.GetValue<double>(), 1);
                var rents = members.Select(p => p["rent"]!["min"]?["monthlyPerM2"]?.GetValue<double>()).OfType<double>().ToList();
                if (rents.Count == 0) Assert.Null(cluster["minRentMonthlyPerM2"]);
                else Assert.Equal(rents.Min(), cluster["minRentMonthlyPerM2"]!.GetValue<double>(), 1);
                Assert.Equal(members.Average(p => p["lat"]!.GetValue<double>()), cluster["lat"]!.GetValue<double>(), 3);
            }
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("spaceType=factory")]
    [InlineData("city=440300&minArea=1000")]
    [InlineData("minStars=3&tag=可注册&industry=生物医药")]
    [InlineData("q=%E6%B7%B1%E5%9C%B3%20%E5%8E%82%E6%88%BF")] // 深圳 厂房
    public async Task EachFacetValueCountsWhatThatValueFindsAsAFilter(string baseQuery)
    {
        var page = await _client.GetJsonAsync("/api/parks?limit=1&facets=district,city,spaceType,industry,policy&facets=stars,track,chain,tag" + (baseQuery == "" ? "" : "&" + baseQuery));
        var facets = page["facets"]!.AsObject();
        Assert.Equal(9, facets.Count);
        foreach (var (facet, values) in facets)
        {
            var list = values!.AsArray();
            Assert.InRange(list.Count, 0, 50);
            Assert.Equal(list.Select(v => v!["parks"]!.GetValue<int>()).OrderDescending(), list.Select(v => v!["parks"]!.GetValue<int>()));
            foreach (var v in list)
            {
                var value = v!["value"]!.GetValue<string>();
                var own = facet switch
                {
                    "stars" => $"minStars={value}",
                    "track" => $"track={value}&minTrackScore=60",
                    _ => $"{facet}={Uri.EscapeDataString(value)}",
                };
                var ownNames = facet switch { "stars" => ["minStars"], "track" => new[] { "track", "minTrackScore" }, "chain" => ["chain", "segment", "anchor"], _ => [facet] };
                var rest = string.Join("&", baseQuery.Split('&', StringSplitOptions.RemoveEmptyEntries).Where(kv => !ownNames.Contains(kv.Split('=')[0])));
                var total = (await _client.GetJsonAsync($"/api/parks?limit=1&{own}{(rest == "" ? "" : "&" + rest)}"))["total"]!.GetValue<int>();
                Assert.True(v["parks"]!.GetValue<int>() == total, $"{facet}={value} with '{baseQuery}': facet {v["parks"]} but search {total}");
                Assert.True(total > 0);
            }
        }
    }

    [Theory]
    [InlineData("bbox=30,120,20,130&zoom=5", "bbox")] // south-west north of north-east
    [InlineData("bbox=20,170,30,-170&zoom=5", "bbox")] // across the antimeridian
    [InlineData("bbox=20,100,30&zoom=5", "bbox")]
    [InlineData("bbox=20,100,30,120&zoom=2", "zoom")]
    [InlineData("bbox=20,100,30,120", "zoom")]
    [InlineData("zoom=5", "bbox")]
    [InlineData("bbox=20,100,30,120&zoom=5&city=999999", "city")]
    public async Task ABadBoxOrZoomIsAProblemNamingIt(string query, string parameter)
    {
        var problem = await ProblemAssert.IsProblem(await _client.GetAsync("/api/parks/map?" + query), HttpStatusCode.BadRequest,
            parameter == "city" ? "unknown_region" : "invalid_parameter");
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _));
    }

    [Theory]
    [InlineData("sort=rent")]
    [InlineData("limit=5")]
    [InlineData("cursor=abc")]
    public async Task TheMapRefusesOrderAndPaging(string extra) =>
        await ProblemAssert.IsProblem(await _client.GetAsync("/api/parks/map?bbox=20,100,30,120&zoom=5&" + extra), HttpStatusCode.BadRequest, "unknown_parameter");

    [Fact]
    public async Task AnUnknownFacetIsAProblem() =>
        await ProblemAssert.IsProblem(await _client.GetAsync("/api/parks?facets=spaceType,price"), HttpStatusCode.BadRequest, "invalid_parameter");

    private static bool Between(double value, double from, double to) => value >= from && value <= to;

    // Every park the search finds with these filters, page by page.
    private async Task<List<JsonNode>> AllAsync(string filter)
    {
        var all = new List<JsonNode>();
        string? cursor = null;
        do
        {
            var page = await _client.GetJsonAsync($"/api/parks?limit=50{(filter == "" ? "" : "&" + filter)}{(cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))}");
            all.AddRange(page["items"]!.AsArray().Select(p => p!));
            cursor = page["nextCursor"]?.GetValue<string>();
        } while (cursor is not null);
        return all;
    }
}
