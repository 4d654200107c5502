using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using ParkFinder.Functions.Hosting;
using ParkFinder.Functions.Parks;
using ParkFinder.Functions.Search;
using ParkFinder.Functions.Units;
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
        var parkStore = new ParkStore(account, TimeProvider.System);
        var snapshots = new IndexSnapshots(account, NullLogger<IndexSnapshots>.Instance);
        await parkStore.CreateStorageAsync(CancellationToken.None);
        await snapshots.CreateStorageAsync(CancellationToken.None);
        var catalog = SyntheticCatalog.Generate(parks, units, seed: 42);
        var byPark = catalog.ToDictionary(p => p.Id, p => p.Units!);
        foreach (var p in catalog) p.Units = null;
        var watch = Stopwatch.StartNew();
        var version = await parkStore.BumpVersionAsync(CancellationToken.None);
        // Built as the app builds (the shipped definitions, Search:StaleAfterDays' default), so the app takes the image as it is.
        var now = DateTimeOffset.UtcNow;
        var snapshot = new CatalogSnapshot(catalog, byPark, version, now.UtcTicks) { StaleBefore = Freshness.StaleBefore(now, new FreshnessOptions().StaleAfterDays) };
        await snapshots.SaveAsync(snapshot, ParkSearchIndex.Build(snapshot, now), CancellationToken.None);
        Console.WriteLine($"index image of {parks:N0} parks / {units:N0} units built and written in {watch.Elapsed.TotalSeconds:0.0} s (version {version})");

        // Where a cold start's load goes, in a process that has not read an image yet (as the app's):
        // the download with the read of its header and parks, then the index from the rest; then the same warm.
        (catalog, byPark, snapshot) = (null!, null!, null!);
        GC.Collect();
        for (var run = 0; run < 2; run++)
        {
            watch.Restart();
            var image = (await snapshots.TryLoadAsync(CancellationToken.None))!;
            var read = watch.Elapsed;
            watch.Restart();
            var index = image.Index(ParkFinder.Functions.Ecosystem.EcosystemDefinitions.Shipped, now);
            var built = watch.Elapsed;
            watch.Restart();
            // What the start no longer pays: every park's record, made as parks are first shown.
            var shown = 0;
            foreach (var hit in WalkAll(index)) shown += hit.Park.SummaryJsonOpen.Length > 0 ? 1 : 0;
            var records = watch.Elapsed;
            watch.Restart();
            var rebuilt = ParkSearchIndex.Build(image.Catalog() with { StaleBefore = Freshness.StaleBefore(now, new FreshnessOptions().StaleAfterDays) }, now);
            var fallback = watch.Elapsed;
            Console.WriteLine($"{(run == 0 ? "cold" : "warm")}: image read {read.TotalSeconds:0.00} s, index from it {built.TotalSeconds:0.00} s " +
                $"(then every park's record and summary, as parks are shown: {records.TotalSeconds:0.00} s for {shown:N0}); " +
                $"another day's start (catalog from the image, full build) {fallback.TotalSeconds:0.00} s ({index.Count:N0} / {rebuilt.Count:N0} parks)");
            GC.KeepAlive(index);
        }
        static IEnumerable<SearchHit> WalkAll(ParkSearchIndex index)
        {
            SearchCursor? cursor = null;
            do
            {
                var page = index.Search(new ParkQuery { Limit = 100, After = cursor });
                foreach (var hit in page.Items) yield return hit;
                cursor = page.Next;
            } while (cursor is not null);
        }
        var blob = await account.Container("index-snapshots").GetBlobClient(IndexSnapshots.BlobName).GetPropertiesAsync();
        Console.WriteLine($"image size {blob.Value.ContentLength / 1e6:0} MB");
    }
}
