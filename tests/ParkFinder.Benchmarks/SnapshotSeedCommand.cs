using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using ParkFinder.Functions.Hosting;
using ParkFinder.Functions.Parks;
using ParkFinder.Functions.Search;
using ParkFinder.Tests.Infrastructure;

namespace ParkFinder.Benchmarks;

// Writes the synthetic catalog as the app's cold-start snapshot blob and moves the catalog version
// to it, so an app started afterwards serves the full-size index without the tables being filled
// (Azurite cannot take 550,000 entities in reasonable time: Azure/Azurite#2321).
public static class SnapshotSeedCommand
{
    public static async Task RunAsync(string connectionString, string prefix, int parks, int units)
    {
        var account = StorageClients.Account(new StorageOptions { ConnectionString = connectionString, TablePrefix = prefix });
        var parkStore = new ParkStore(account, new ParkFinder.Functions.Units.UnitStore(account), TimeProvider.System);
        var snapshots = new IndexSnapshots(account, NullLogger<IndexSnapshots>.Instance);
        await parkStore.CreateStorageAsync(CancellationToken.None);
        await snapshots.CreateStorageAsync(CancellationToken.None);
        var catalog = SyntheticCatalog.Generate(parks, units, seed: 42);
        var byPark = catalog.ToDictionary(p => p.Id, p => p.Units!);
        var watch = Stopwatch.StartNew();
        var version = await parkStore.BumpVersionAsync(CancellationToken.None);
        await snapshots.SaveAsync(new CatalogSnapshot(catalog, byPark, version, DateTimeOffset.UtcNow.UtcTicks), CancellationToken.None);
        Console.WriteLine($"snapshot of {parks:N0} parks / {units:N0} units written in {watch.Elapsed.TotalSeconds:0.0} s (version {version})");
    }
}
