using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ParkFinder.Api.Hosting;
using ParkFinder.Api.Parks;
using ParkFinder.Api.Search;
using ParkFinder.Tests.Infrastructure;

namespace ParkFinder.Benchmarks;

// Writes the synthetic catalog as the app's cold-start snapshot blob and moves the catalog version
// to it, so an app started afterwards serves the full-size index without the tables being filled
// (Azurite cannot take 550,000 entities in reasonable time: Azure/Azurite#2321).
public static class SnapshotSeedCommand
{
    public static async Task RunAsync(string connectionString, string prefix, int parks, int units)
    {
        var storage = new AppStorage(Options.Create(new StorageOptions { ConnectionString = connectionString, TablePrefix = prefix }));
        await storage.EnsureCreatedAsync(CancellationToken.None);
        var catalog = SyntheticCatalog.Generate(parks, units, seed: 42);
        var byPark = catalog.ToDictionary(p => p.Id, p => p.Units!);
        var watch = Stopwatch.StartNew();
        var version = await new ParkStore(storage, TimeProvider.System).BumpVersionAsync(CancellationToken.None);
        await new IndexSnapshots(storage, NullLogger<IndexSnapshots>.Instance).SaveAsync(new CatalogSnapshot(catalog, byPark, version, DateTimeOffset.UtcNow.UtcTicks), CancellationToken.None);
        Console.WriteLine($"snapshot of {parks:N0} parks / {units:N0} units written in {watch.Elapsed.TotalSeconds:0.0} s (version {version})");
    }
}
