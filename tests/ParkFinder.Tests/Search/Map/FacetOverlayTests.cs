using ParkFinder.Functions.Parks;
using ParkFinder.Functions.Search;
using ParkFinder.Tests.Infrastructure;

namespace ParkFinder.Tests.Search.Map;

// Facets follow a landlord's write as search does: through the overlay, after the refresher folds it into a new
// base, and for a tag the index has never seen.
public sealed class FacetOverlayTests
{
    private static readonly List<Park> Parks = SyntheticCatalog.Generate(400, 4000, seed: 21, ecosystem: true);

    private static ParkSearchIndex Build() => ParkSearchIndex.Build(
        new CatalogSnapshot(Parks, Parks.ToDictionary(p => p.Id, p => p.Units!), "v1"), DateTimeOffset.UnixEpoch);

    [Fact]
    public void FacetCountsEqualTheSearchesBeforeAndAfterAWriteIsFoldedIntoTheBase()
    {
        var index = Build();
        var query = new ParkQuery { SpaceTypes = [SpaceType.Factory], Limit = 1 };
        AssertFacetsMatchSearch(index, query); // the flat facet columns are made here, on the first base
        // A park gains a policy, a new tag on a new unit, and loses its units of other types.
        var park = Parks[3];
        var changed = park.Copy(park.Id, units: []);
        changed.Policies = [.. park.Policies, new Policy("rent", "新租金补贴", null)];
        var units = new List<Unit> { Infrastructure.Catalog.Unit("new-1", "factory", 4321, 33, tags: ["全新标签"]) };
        var overlaid = index.WithParks([(changed, (IReadOnlyList<Unit>)units)]);
        AssertFacetsMatchSearch(overlaid, query);
        AssertFacetsMatchSearch(overlaid.Compacted(), query);
        Assert.Contains(overlaid.Facets(query with { SpaceTypes = [] }, ["tag"])["tag"], v => v.Value == "全新标签" && v.Parks == 1);
    }

    private static void AssertFacetsMatchSearch(ParkSearchIndex index, ParkQuery query)
    {
        foreach (var (facet, values) in index.Facets(query, ParkSearchIndex.FacetNames))
            foreach (var v in values)
            {
                var q = facet switch
                {
                    "district" => query with { District = v.Value },
                    "city" => query with { City = v.Value },
                    "spaceType" => query with { SpaceTypes = [SpaceTypes.All.Single(t => t.ToApi() == v.Value)] },
                    "industry" => query with { Industries = [v.Value] },
                    "policy" => query with { Policies = [v.Value] },
                    "stars" => query with { MinStars = int.Parse(v.Value) },
                    "track" => query with { Track = v.Value, MinTrackScore = 60 },
                    "chain" => query with { Chain = v.Value },
                    _ => query with { Tags = [v.Value] },
                };
                var total = index.Search(q).Total;
                Assert.True(total == v.Parks, $"{facet}={v.Value}: facet {v.Parks}, search {total}");
            }
    }
}
