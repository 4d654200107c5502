namespace ParkFinder.Functions.Parks;

// What the features below the search index need of it, declared here beside the catalog so they need
// not know the index (Search implements it): whether this instance's index has a park and as what, the
// parks with stale units, and that a park changed (a writer tells this instance at once; other
// instances follow the park change log).
public interface IParkIndex
{
    bool IsLoaded { get; }
    Task Loaded { get; }
    bool Contains(string parkId);
    // The park as the index holds it (its confirmation included), or null.
    Park? Find(string parkId);
    IEnumerable<(Park Park, int StaleUnits)> ParksWithStaleUnits();
    Task ApplyParkChangeAsync(string parkId, CancellationToken cancellationToken);
}
