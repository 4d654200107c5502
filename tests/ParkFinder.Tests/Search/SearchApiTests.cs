using System.Net;
using System.Text.Json.Nodes;
using ParkFinder.Tests.Infrastructure;
using static ParkFinder.Tests.Infrastructure.Catalog;

namespace ParkFinder.Tests.Search;

public sealed class SearchApiTests(SearchApiTests.NamedParks named) : IClassFixture<SearchApiTests.NamedParks>
{
    // One catalog for the tests whose queries only their own parks can answer (生物, 天安数码城, a park by
    // its id); the tests that count or page the whole catalog import their own.
    public sealed class NamedParks : SharedWorld
    {
        protected override Task<TestWorld> StartAsync()
        {
            var detail = Park("p-detail", "详情园", units: [Unit("f1", "factory", 1000, 30), Unit("o1", "office", 200, 3, "CNY/m2/day", status: "reserved")]);
            detail.Address = "深圳市南山区某路1号";
            detail.Policies = [new("funding", "研发补贴", "按比例补贴")];
            detail.Facilities = ["人才公寓"];
            detail.Contact = new("0755-12345678", null);
            return TestWorld.StartAsync(null,
                Park("p-tag-only", "南山创新园", tags: ["生物"]),
                Park("p-industry", "东湖产业园", city: "420100", district: "420111", lat: 30.5, lng: 114.4, industries: ["生物医药"]),
                Park("p-bio-city", "光谷生物城", city: "420100", district: "420115", lat: 30.48, lng: 114.5, industries: ["医疗器械"]),
                Park("p-unrelated", "前海金融园"),
                Park("p-contains", "南山天安数码城"),
                Park("p-exact", "天安数码城"),
                Park("p-prefix", "天安数码城二期"),
                detail);
        }
    }

    private static string[] Ids(JsonNode page) => page["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()).ToArray();

    [Fact]
    public async Task ChineseQueryFindsTheParkNamedForItAboveParksThatOnlyTagIt()
    {
        var factory = named.World.Factory;
        // As text: read from the search box, 生物 would be this catalog's tag (SearchBoxTests).
        var page = await factory.CreateClient().GetJsonAsync("/api/parks?interpret=false&q=生物");
        Assert.Equal(["p-bio-city", "p-industry", "p-tag-only"], Ids(page));
        Assert.Equal(3, page["total"]!.GetValue<int>());
    }

    // Pages are written in per-thread buffers, and those not cached go out from pooled ones: under many
    // concurrent searches, each caller still gets exactly its own page, never bytes of another's.
    [Theory]
    [InlineData(null)] // the cache on: searches around a position are not cached, the others are
    [InlineData("0")] // the cache off: none is
    public async Task ConcurrentSearchesEachGetTheirOwnPage(string? cacheEntries)
    {
        await using var factory = new ApiFactory(cacheEntries is null ? null : new Dictionary<string, string?> { ["Search:ResponseCacheEntries"] = cacheEntries });
        await ImportAsync(factory, Enumerable.Range(0, 40).Select(i => Park($"p-{i:00}", $"并发园{i}", lat: 22.3 + i * 0.01, lng: 113.8 + i * 0.01,
            units: [Unit($"u-{i}", i % 2 == 0 ? "factory" : "office", 100 + i * 10, 20 + i)])).ToList());
        var client = factory.CreateClient();
        var urls = Enumerable.Range(0, 8).Select(k => $"/api/parks?lat={22.3 + k * 0.05}&lng={113.8 + k * 0.05}&radiusKm={5 + k * 3}&sort=distance&limit={3 + k}"
            + (k % 2 == 0 ? "&spaceType=factory" : ""))
            .Concat(Enumerable.Range(0, 4).Select(k => $"/api/parks?q=并发园&limit={4 + k}&sort=" + (k % 2 == 0 ? "rent" : "availableArea")))
            .ToArray();
        var expected = new Dictionary<string, string>();
        foreach (var url in urls) expected[url] = await client.GetStringAsync(url);
        Assert.Equal(urls.Length, expected.Values.Distinct().Count());

        await Parallel.ForAsync(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, ct) =>
        {
            var url = urls[i % urls.Length];
            Assert.Equal(expected[url], await client.GetStringAsync(url, ct));
        });
    }

    [Fact]
    public async Task ExactNameRanksAboveNamePrefixAboveNameContaining()
    {
        var factory = named.World.Factory;
        var page = await factory.CreateClient().GetJsonAsync("/api/parks?q=天安数码城");
        Assert.Equal(["p-exact", "p-prefix", "p-contains"], Ids(page));
    }

    [Fact]
    public async Task UnitFiltersNeedOneAvailableUnitThatFitsThemAll()
    {
        await using var factory = new ApiFactory();
        await ImportAsync(factory, [
            Park("p-a", "甲园", units: [Unit("small-cheap", area: 500, rent: 20), Unit("big-dear", area: 5000, rent: 80), Unit("big-cheap", area: 5000, rent: 20, status: "leased")]),
            Park("p-b", "乙园", units: [Unit("fits", area: 4500, rent: 25, ceiling: 9, tags: ["可环评"])]),
        ]);
        var client = factory.CreateClient();
        Assert.Equal(["p-b"], Ids(await client.GetJsonAsync("/api/parks?minArea=4000&maxRent=30")));
        Assert.Equal(["p-a", "p-b"], Ids(await client.GetJsonAsync("/api/parks?minArea=4000&maxRent=100&sort=rent")).Order());
        Assert.Equal(["p-b"], Ids(await client.GetJsonAsync("/api/parks?minCeilingHeightM=8&tag=可环评")));
        Assert.Empty(Ids(await client.GetJsonAsync("/api/parks?spaceType=office")));
    }

    [Fact]
    public async Task FiltersOnPlaceIndustryStarsAndDistanceCombine()
    {
        await using var factory = new ApiFactory();
        await ImportAsync(factory, [
            Park("p-nanshan", "南山园", city: "440300", district: "440305", lat: 22.53, lng: 113.95, industries: ["人工智能"], stars: 5),
            Park("p-baoan", "宝安园", city: "440300", district: "440306", lat: 22.58, lng: 113.87, industries: ["智能制造"], stars: 3),
            Park("p-wuhan", "武汉园", city: "420100", district: "420111", lat: 30.5, lng: 114.4, industries: ["人工智能"], stars: 5),
        ]);
        var client = factory.CreateClient();
        Assert.Equal(["p-baoan", "p-nanshan"], Ids(await client.GetJsonAsync("/api/parks?city=440300")).Order());
        Assert.Equal(["p-baoan"], Ids(await client.GetJsonAsync("/api/parks?district=440306")));
        Assert.Equal(["p-nanshan", "p-wuhan"], Ids(await client.GetJsonAsync("/api/parks?industry=人工智能")).Order());
        Assert.Equal(["p-baoan", "p-nanshan", "p-wuhan"], Ids(await client.GetJsonAsync("/api/parks?industry=人工智能&industry=智能制造")).Order());
        Assert.Equal(["p-nanshan", "p-wuhan"], Ids(await client.GetJsonAsync("/api/parks?minStars=4")).Order());

        var near = await client.GetJsonAsync("/api/parks?lat=22.54&lng=113.94&radiusKm=20&sort=distance");
        Assert.Equal(["p-nanshan", "p-baoan"], Ids(near));
        var first = near["items"]![0]!["distanceKm"]!.GetValue<double>();
        Assert.InRange(first, 0.5, 2.5);
    }

    [Fact]
    public async Task WalkingPagesThroughHttpReturnsEachParkOnce()
    {
        await using var factory = new ApiFactory();
        var parks = SyntheticCatalog.Generate(120, 600, seed: 3);
        await ImportAsync(factory, parks);
        var client = factory.CreateClient();
        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await client.GetJsonAsync("/api/parks?sort=updated&limit=11" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            Assert.Equal(120, page["total"]!.GetValue<int>());
            seen.AddRange(Ids(page));
            cursor = page["nextCursor"]?.GetValue<string>();
        } while (cursor is not null);
        Assert.Equal(parks.Select(p => p.Id).Order(), seen.Order());
        Assert.Equal(120, seen.Distinct().Count());
    }

    [Fact]
    public async Task ResultItemsCarryTheContractFieldsAndNormalisedRents()
    {
        await using var factory = new ApiFactory();
        await ImportAsync(factory, [Park("p-one", "一号园", units: [Unit("o1", "office", 100, 4.5, "CNY/m2/day"), Unit("f1", "factory", 1000, 30), Unit("l1", "factory", 1000, 30, status: "leased")])]);
        var item = (await factory.CreateClient().GetJsonAsync("/api/parks?lat=22.53&lng=113.95"))["items"]![0]!;
        Assert.Equal("p-one", item["id"]!.GetValue<string>());
        Assert.Equal("440300", item["city"]!["code"]!.GetValue<string>());
        Assert.Equal("深圳市", item["city"]!["name"]!.GetValue<string>());
        Assert.Equal(["factory", "office"], item["spaceTypes"]!.AsArray().Select(x => x!.GetValue<string>()));
        Assert.Equal(1100, item["availableArea"]!.GetValue<double>());
        Assert.Equal(1100.0 / 2100, item["vacancyRate"]!.GetValue<double>(), 4);
        Assert.Equal(30, item["rent"]!["min"]!["monthlyPerM2"]!.GetValue<double>());
        Assert.Equal("CNY/m2/day", item["rent"]!["max"]!["unit"]!.GetValue<string>());
        Assert.Equal(136.88, item["rent"]!["max"]!["monthlyPerM2"]!.GetValue<double>());
        Assert.Equal(0, item["distanceKm"]!.GetValue<double>());
        Assert.NotNull(item["updatedAt"]);
    }

    [Fact]
    public async Task TamperedOrForeignCursorIsA400Problem()
    {
        await using var factory = new ApiFactory();
        await ImportAsync(factory, SyntheticCatalog.Generate(30, 60, seed: 5));
        var client = factory.CreateClient();
        var cursor = (await client.GetJsonAsync("/api/parks?limit=5"))["nextCursor"]!.GetValue<string>();
        var tampered = (cursor[0] == 'A' ? 'B' : 'A') + cursor[1..];

        foreach (var url in new[] { "/api/parks?limit=5&cursor=" + tampered, "/api/parks?limit=5&cursor=!!!", "/api/parks?limit=5&city=440300&cursor=" + cursor })
        {
            var problem = await ProblemAssert.IsProblem(await client.GetAsync(url), HttpStatusCode.BadRequest, "invalid_cursor");
            Assert.True(problem.GetProperty("errors").TryGetProperty("cursor", out _));
        }
        // The same query with another page size keeps the cursor valid.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/parks?limit=7&cursor=" + cursor)).StatusCode);
    }

    [Fact]
    public async Task ParkDetailHasTheFullShapeAndUnknownParkIs404()
    {
        var client = named.World.Factory.CreateClient();

        var detail = await client.GetJsonAsync("/api/parks/p-detail");
        Assert.Equal("深圳市南山区某路1号", detail["address"]!.GetValue<string>());
        Assert.Equal("funding", detail["policies"]![0]!["category"]!.GetValue<string>());
        Assert.Equal("0755-12345678", detail["contact"]!["hotline"]!.GetValue<string>());
        Assert.Equal(1200, detail["totalArea"]!.GetValue<double>());
        var summaries = detail["unitsSummary"]!.AsArray();
        Assert.Equal(2, summaries.Count);
        Assert.Equal(1, summaries.Single(s => s!["spaceType"]!.GetValue<string>() == "factory")!["availableUnits"]!.GetValue<int>());

        await ProblemAssert.IsProblem(await client.GetAsync("/api/parks/p-nope"), HttpStatusCode.NotFound, "park_not_found");
    }
}
