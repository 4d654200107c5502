namespace ParkFinder.Functions.Ecosystem;

// What Ecosystem's writers need of the search index, declared here so they need not know it (Search
// implements it): the chain and track definitions it was built with, and a rebuild under new ones.
public interface IEcosystemIndex
{
    EcosystemDefinitions Definitions { get; }
    Task RebuildAsync(CancellationToken cancellationToken);
}
