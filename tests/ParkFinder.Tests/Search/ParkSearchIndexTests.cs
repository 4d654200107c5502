using ParkFinder.Functions.Parks;
using ParkFinder.Functions.Search;
using ParkFinder.Tests.Infrastructure;

namespace ParkFinder.Tests.Search;

// The index against a brute-force reading of the same rules over the same synthetic catalog.
public sealed class ParkSearchIndexTests
{
    private static readonly List<Park> Catalog = SyntheticCatalog.Generate(1500, 15000, seed: 7, ecosystem: true);
    private static readonly ParkSearchIndex Index = ParkSearchIndex.Build(
        new CatalogSnapshot(Catalog, Catalog.ToDictionary(p => p.Id, p => p.Units!), "v1"), DateTimeOffset.UnixEpoch);

    internal static readonly string[] QueryNames =
        ["all", "city", "district", "industry", "factory-area", "rent-range", "stars", "radius", "specs", "tag", "combined", "text",
         "text-long", "text-terms", "text-industry", "chain", "chain-anchor-segments", "track", "policy", "ecosystem-combined"];

    public static TheoryData<string> Queries => new(QueryNames);

    internal static ParkQuery Build(string name, SearchSort sort) => name switch
    {
        "all" => new ParkQuery { Sort = sort },
        "city" => new ParkQuery { City = "440300", Sort = sort },
        "district" => new ParkQuery { District = "510116", Sort = sort },
        "industry" => new ParkQuery { Industries = ["生物医药", "集成电路"], Sort = sort },
        "factory-area" => new ParkQuery { SpaceTypes = [SpaceType.Factory], MinArea = 1000, MaxArea = 5000, Sort = sort },
        "rent-range" => new ParkQuery { MinRent = 20, MaxRent = 40, Sort = sort },
        "stars" => new ParkQuery { MinStars = 4, Sort = sort },
        "radius" => new ParkQuery { Lat = 22.55, Lng = 114.05, RadiusKm = 25, Sort = sort },
        "specs" => new ParkQuery { MinCeilingHeightM = 8, MinFloorLoad = 3, MinPowerKva = 1000, Sort = sort },
        "tag" => new ParkQuery { Tags = ["有产证", "可注册"], Sort = sort },
        "combined" => new ParkQuery { City = "510100", SpaceTypes = [SpaceType.Factory, SpaceType.Warehouse], MaxRent = 50, MinStars = 2, Sort = sort },
        "text-long" => new ParkQuery { Text = "科技园", Sort = sort },
        "text-terms" => new ParkQuery { Text = "生物 产业园", Sort = sort },
        "text-industry" => new ParkQuery { Text = "新能源汽车", Sort = sort },
        "chain" => new ParkQuery { Chain = "biomedicine", Sort = sort, Track = "future-health" },
        "chain-anchor-segments" => new ParkQuery { Chain = "new-energy-vehicle", Anchor = true, Segments = ["battery-pack"], Sort = sort, Track = "future-energy" },
        "track" => new ParkQuery { Track = "future-information", MinTrackScore = 20, Sort = sort },
        "policy" => new ParkQuery { Policies = ["talent", "funding"], Sort = sort, Track = "future-manufacturing" },
        "ecosystem-combined" => new ParkQuery { City = "510100", Chain = "integrated-circuit", Policies = ["tax"], SpaceTypes = [SpaceType.Factory], Sort = sort,
            Track = "future-information", MinTrackScore = 1 },
        _ => new ParkQuery { Text = "生物", Sort = sort },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public void WalkingEveryPageReturnsEachMatchingParkExactlyOnceForEverySort(string name)
    {
        foreach (var sort in Enum.GetValues<SearchSort>())
        {
            var query = Build(name, sort) with { Limit = 37 };
            if (sort == SearchSort.Distance && query.Lat is null) query = query with { Lat = 31.2, Lng = 121.5 };
            var expected = Catalog.Where(p => Reference(p, query)).Select(p => p.Id).ToHashSet();

            var seen = new List<string>();
            SearchCursor? cursor = null;
            var pages = 0;
            do
            {
                var page = Index.Search(query with { After = cursor });
                Assert.Equal(expected.Count, page.Total);
                Assert.True(page.Items.Count <= 37);
                seen.AddRange(page.Items.Select(h => h.Park.Park.Id));
                cursor = page.Next;
                Assert.True(++pages < 1000);
            } while (cursor is not null);

            Assert.Equal(seen.Count, seen.Distinct().Count());
            Assert.Equal(expected.OrderBy(x => x, StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
            Assert.True(expected.Count > 0 || name == "specs", $"query {name} should match something in the synthetic catalog");
        }
    }

    [Fact]
    public void TrackSortIsTheTrackScoreDescendingThenId()
    {
        var all = Walk(new ParkQuery { Track = "future-health", Sort = SearchSort.Track, Limit = 50 });
        int Score(Park p) => new ParkFinder.Functions.Ecosystem.EcosystemProfile(p.Ecosystem, ParkFinder.Functions.Ecosystem.EcosystemDefinitions.Shipped).Tracks[5].Score;
        var expected = Catalog.OrderByDescending(Score).ThenBy(p => p.Id, StringComparer.Ordinal).Select(p => p.Id).ToList();
        Assert.True(Catalog.Select(Score).Distinct().Count() > 5);
        Assert.Equal(expected, all.Select(h => h.Park.Park.Id));
    }

    [Fact]
    public void StarsSortIsStarsDescendingThenId()
    {
        var all = Walk(new ParkQuery { Sort = SearchSort.Stars, Limit = 50 });
        var expected = Catalog.OrderByDescending(p => p.Stars).ThenBy(p => p.Id, StringComparer.Ordinal).Select(p => p.Id);
        Assert.Equal(expected, all.Select(h => h.Park.Park.Id));
    }

    [Theory]
    [InlineData("产业园")]
    [InlineData("生物 产业园")]
    public void RelevanceRanksNameMatchesFirstThenByFieldWeight(string text)
    {
        // The documented weights: name 40 (+100 exact, +50 prefix), region 15, industry 20, tag 5, summed over terms.
        static double Weight(Park p, string term) =>
            (p.Name.Contains(term) ? 40 + (p.Name == term ? 100 : p.Name.StartsWith(term) ? 50 : 0) : 0)
            + (p.City.Name.Contains(term) || p.District.Name.Contains(term) ? 15 : 0)
            + (p.Industries.Any(i => i.Contains(term)) ? 20 : 0) + (p.Tags.Any(t => t.Contains(term)) ? 5 : 0);
        var query = new ParkQuery { Text = text, Sort = SearchSort.Relevance, Limit = 50 };
        var expected = Catalog.Where(p => Reference(p, query)).OrderByDescending(p => text.Split(' ').Sum(t => Weight(p, t)))
            .ThenBy(p => p.Id, StringComparer.Ordinal).Select(p => p.Id).ToList();
        Assert.True(expected.Count > 20);
        Assert.Equal(expected, Walk(query).Select(h => h.Park.Park.Id));
    }

    [Fact]
    public void DistanceSortIsNearestFirstWithDistances()
    {
        var hits = Walk(new ParkQuery { Lat = 30.66, Lng = 104.07, RadiusKm = 50, Sort = SearchSort.Distance, Limit = 20 });
        Assert.NotEmpty(hits);
        Assert.All(hits, h => Assert.True(h.DistanceKm <= 50));
        Assert.Equal(hits.Select(h => h.DistanceKm).Order(), hits.Select(h => h.DistanceKm));
    }

    [Fact]
    public void RentSortUsesTheCheapestFittingUnit()
    {
        var query = new ParkQuery { SpaceTypes = [SpaceType.Office], Sort = SearchSort.Rent, Limit = 50 };
        var ids = Walk(query).Select(h => h.Park.Park.Id).ToList();
        double Cheapest(Park p) => p.Units!.Where(u => u.Status == "available" && u.SpaceType == "office" && u.Rent is not null)
            .Select(u => (double)(float)Rents.MonthlyPerM2(u.Rent!.Amount, u.Rent.Unit, u.Area)).DefaultIfEmpty(double.PositiveInfinity).Min();
        var expected = Catalog.Where(p => Reference(p, query)).OrderBy(Cheapest).ThenBy(p => p.Id, StringComparer.Ordinal).Select(p => p.Id);
        Assert.Equal(expected, ids);
    }

    [Fact]
    public void RentSortPutsParksWhoseFittingUnitsHaveNoRentLastInIdOrderAcrossPages()
    {
        static Park With(string id, params (string Type, double? Rent)[] units) => new()
        {
            Id = id, Name = id, City = new Region("440300", "深圳市"), District = new Region("440305", "南山区"), Lat = 22.5, Lng = 113.9,
            Units = units.Select((u, i) => new Unit { Id = $"u{i}", SpaceType = u.Type, Area = 1000, Status = "available",
                Rent = u.Rent is { } r ? new Rent(r, "CNY/m2/month") : null }).ToList(),
        };
        Park[] parks = [With("p-a", ("factory", null)), With("p-b", ("factory", 30), ("office", 5)), With("p-c", ("factory", 20), ("factory", null)),
            With("p-d", ("factory", null), ("office", 1)), With("p-e", ("office", 2))];
        var index = ParkSearchIndex.Build(new CatalogSnapshot(parks, parks.ToDictionary(p => p.Id, p => p.Units!), "v"), DateTimeOffset.UnixEpoch);

        var order = new List<string>();
        SearchCursor? cursor = null;
        do
        {
            var page = index.Search(new ParkQuery { SpaceTypes = [SpaceType.Factory], Sort = SearchSort.Rent, Limit = 1, After = cursor });
            Assert.Equal(4, page.Total);
            order.AddRange(page.Items.Select(h => h.Park.Park.Id));
            cursor = page.Next;
        } while (cursor is not null);
        Assert.Equal(["p-c", "p-b", "p-a", "p-d"], order);
    }

    [Fact]
    public void OneUnitMustFitEveryUnitFilterTogether()
    {
        var park = new Park
        {
            Id = "p-split", Name = "拆分园", City = new Region("440300", "深圳市"), District = new Region("440305", "南山区"), Lat = 22.5, Lng = 113.9,
            Units =
            [
                new Unit { Id = "small-cheap", SpaceType = "factory", Area = 500, Rent = new Rent(20, "CNY/m2/month"), Status = "available" },
                new Unit { Id = "big-dear", SpaceType = "factory", Area = 5000, Rent = new Rent(80, "CNY/m2/month"), Status = "available" },
                new Unit { Id = "big-cheap-leased", SpaceType = "factory", Area = 5000, Rent = new Rent(20, "CNY/m2/month"), Status = "leased" },
            ],
        };
        var index = ParkSearchIndex.Build(new CatalogSnapshot([park], new Dictionary<string, List<Unit>> { ["p-split"] = park.Units }, "v"), DateTimeOffset.UnixEpoch);
        Assert.Equal(0, index.Search(new ParkQuery { MinArea = 4000, MaxRent = 30 }).Total);
        Assert.Equal(1, index.Search(new ParkQuery { MinArea = 4000, MaxRent = 100 }).Total);
        Assert.Equal(1, index.Search(new ParkQuery { MaxArea = 1000, MaxRent = 30 }).Total);
    }

    [Fact]
    public void AnIndexWithLandlordsChangesAnswersExactlyAsAFreshBuildOfTheSameData()
    {
        // Every 40th park changes: units leased, re-priced, resized, added (with a tag too rare for a bit), its stars moved.
        var changed = SyntheticCatalog.Generate(1500, 15000, seed: 7, ecosystem: true);
        var edits = new List<(Park, IReadOnlyList<Unit>)>();
        for (var i = 5; i < changed.Count; i += 40)
        {
            var park = changed[i];
            park.Stars = (park.Stars ?? 0) % 5 + 1;
            var units = park.Units!;
            for (var k = 0; k < units.Count; k++)
            {
                if (k % 3 == 0) units[k].Status = units[k].Status == "available" ? "leased" : "available";
                if (k % 3 == 1) { units[k].Area *= 1.7; units[k].Rent = new Rent(19 + k, "CNY/m2/month"); }
            }
            if (i % 80 == 5) units.Clear();
            // Enterprises change too: some parks lose theirs, others gain an anchor in a new chain.
            if (i % 120 == 5) park.Ecosystem = null;
            else park.Ecosystem = new ParkFinder.Functions.Parks.ParkEcosystemData
            {
                Enterprises = [.. park.Ecosystem?.Enterprises ?? [], new ParkFinder.Functions.Parks.Enterprise($"x{i}", $"新晶圆{i}", "晶圆制造", null, null, "anchor", 2024, park.UpdatedAt)],
                Leases = park.Ecosystem?.Leases,
            };
            if (i % 200 == 45) foreach (var u in units) u.Status = "leased"; // nothing left on offer
            else units.Add(new Unit { Id = $"new-{i}", SpaceType = "warehouse", Area = 2500, Rent = new Rent(25, "CNY/m2/month"), Status = "available",
                CeilingHeightM = 9, FloorLoadTPerM2 = 3, PowerKva = 1200, Tags = ["有产证", "可注册", "冷链"] });
            edits.Add((park, units.ToList()));
        }
        var fresh = ParkSearchIndex.Build(new CatalogSnapshot(changed, changed.ToDictionary(p => p.Id, p => p.Units!), "v2"), DateTimeOffset.UnixEpoch);
        // Landlords' writes land in the overlay, one batch after another; the refresher later folds them into a new base.
        var first = Index.WithParks(edits.Take(10));
        var overlaid = first.WithParks(edits.Skip(10));
        Assert.Equal(edits.Count, overlaid.ChangedParkCount);
        var compacted = overlaid.Compacted();
        Assert.Equal(0, compacted.ChangedParkCount);
        // A fold of the first batch that finishes after the second batch came: the second is replayed onto it.
        var rebased = overlaid.Rebased(first, first.Compacted())!;
        Assert.Equal(edits.Count - 10, rebased.ChangedParkCount);
        Assert.Null(fresh.Rebased(first, compacted)); // a full rebuild in between wins

        foreach (var name in QueryNames.Append("rare-tag"))
            foreach (var sort in Enum.GetValues<SearchSort>())
            {
                var query = name == "rare-tag" ? new ParkQuery { Tags = ["冷链"], Sort = sort } : Build(name, sort);
                query = query with { Limit = 50 };
                if (sort == SearchSort.Distance && query.Lat is null) query = query with { Lat = 31.2, Lng = 121.5 };
                var expected = WalkKeys(fresh, query);
                Assert.Equal(expected, WalkKeys(overlaid, query));
                Assert.Equal(expected, WalkKeys(compacted, query));
                Assert.Equal(expected, WalkKeys(rebased, query));
                Assert.True(expected.Count > 0, $"{name} by {sort} should match something");
            }
        Assert.NotEqual(WalkKeys(Index, new ParkQuery { Tags = ["冷链"] }), WalkKeys(overlaid, new ParkQuery { Tags = ["冷链"] }));
        Assert.Equal(fresh.AvailableUnitCount, overlaid.AvailableUnitCount);
    }

    private static List<string> WalkKeys(ParkSearchIndex index, ParkQuery query)
    {
        var seen = new List<string>();
        SearchCursor? cursor = null;
        do
        {
            var page = index.Search(query with { After = cursor });
            seen.AddRange(page.Items.Select(h => $"{h.Park.Park.Id} {h.Park.AvailableArea} {h.Park.Park.Stars} total {page.Total}"));
            cursor = page.Next;
            if (cursor is not null) seen.Add($"cursor {cursor.Key}");
        } while (cursor is not null);
        return seen;
    }

    private static List<SearchHit> Walk(ParkQuery query)
    {
        var hits = new List<SearchHit>();
        SearchCursor? cursor = null;
        do
        {
            var page = Index.Search(query with { After = cursor });
            hits.AddRange(page.Items);
            cursor = page.Next;
        } while (cursor is not null);
        return hits;
    }

    // A park's profile, computed once per park rather than once per park and query (the walks ask thousands).
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Park, ParkFinder.Functions.Ecosystem.EcosystemProfile> Profiles = new();

    // API.md's rules read literally, one park at a time.
    private static bool Reference(Park p, ParkQuery q)
    {
        if (q.City is not null && p.City.Code != q.City) return false;
        if (q.District is not null && p.District.Code != q.District) return false;
        if (q.Industries.Length > 0 && !q.Industries.Any(p.Industries.Contains)) return false;
        if (q.MinStars is { } s && (p.Stars ?? 0) < s) return false;
        if (q.RadiusKm is { } r && ParkSearchIndex.DistanceKm(q.Lat!.Value, q.Lng!.Value, (float)p.Lat, (float)p.Lng) > r) return false;
        if (q.Text is { } text && !text.Split(' ').All(term => p.Name.Contains(term) || p.City.Name.Contains(term) || p.District.Name.Contains(term)
            || p.Industries.Any(i => i.Contains(term)) || p.Tags.Any(t => t.Contains(term)))) return false;
        var eco = Profiles.GetValue(p, park => new ParkFinder.Functions.Ecosystem.EcosystemProfile(park.Ecosystem, ParkFinder.Functions.Ecosystem.EcosystemDefinitions.Shipped));
        var track = q.Track is null ? -1 : Array.FindIndex(ParkFinder.Functions.Ecosystem.EcosystemDefinitions.Shipped.Tracks, t => t.Id == q.Track);
        if (q.MinTrackScore is { } min && eco.Tracks[track].Score < min) return false;
        if (q.Chain is { } chain && !eco.Chains.Any(c => c.Chain == chain && (!q.Anchor || c.Anchors > 0)
            && q.Segments.All(s => c.SegmentList.Any(x => x.Id == s && !x.Gap)))) return false;
        if (!q.Policies.All(c => p.Policies.Any(x => x.Category == c))) return false;
        if (!q.HasUnitFilter) return true;
        return p.Units!.Any(u => u.Status == "available"
            && (q.SpaceTypes.Length == 0 || q.SpaceTypes.Any(t => t.ToApi() == u.SpaceType))
            && u.Area >= (q.MinArea ?? 0) && u.Area <= (q.MaxArea ?? double.MaxValue)
            && (q.MinRent is null && q.MaxRent is null || u.Rent is { } rent
                && (float)Rents.MonthlyPerM2(rent.Amount, rent.Unit, u.Area) is var m && m >= (q.MinRent ?? 0) && m <= (q.MaxRent ?? double.MaxValue))
            && (q.MinCeilingHeightM is null || u.CeilingHeightM >= q.MinCeilingHeightM)
            && (q.MinFloorLoad is null || u.FloorLoadTPerM2 >= q.MinFloorLoad)
            && (q.MinPowerKva is null || u.PowerKva >= q.MinPowerKva)
            && q.Tags.All(t => u.Tags.Contains(t) || p.Tags.Contains(t)));
    }
}
