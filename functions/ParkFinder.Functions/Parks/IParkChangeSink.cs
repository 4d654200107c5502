namespace ParkFinder.Functions.Parks;

// Where a writer outside the request path (a job) tells this instance's search index that a park
// changed, as a landlord's write does; other instances follow the park change log. Declared here,
// beside the change log, so writers need not know the index (Search implements it).
public interface IParkChangeSink
{
    Task ApplyParkChangeAsync(string parkId, CancellationToken cancellationToken);
}
