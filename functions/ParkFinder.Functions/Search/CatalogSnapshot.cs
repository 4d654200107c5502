using ParkFinder.Functions.Parks;

namespace ParkFinder.Functions.Search;

// What the search index is built from: the catalog's parks and units as read at one version.
// ChangesFrom: the time (ticks) from which park changes are not yet in it.
// Definitions: the chain and track definitions the parks' ecosystem figures are computed under.
public sealed record CatalogSnapshot(IReadOnlyList<Park> Parks, IReadOnlyDictionary<string, List<Unit>> UnitsByPark, string Version, long ChangesFrom = 0)
{
    public Ecosystem.EcosystemDefinitions Definitions { get; init; } = Ecosystem.EcosystemDefinitions.Shipped;
    // Units on offer confirmed before this are stale (Units/Freshness); null: none is.
    public DateTimeOffset? StaleBefore { get; init; }
}
