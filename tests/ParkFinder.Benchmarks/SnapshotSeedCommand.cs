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

        // Where a cold start's snapshot load goes, in a process that has not read JSON yet (as the app's):
        // the whole read as the app does it, then the download alone and the inflate alone; JSON is the rest.
        catalog = null;
        byPark = null;
        GC.Collect();
        watch.Restart();
        var loaded = await snapshots.TryLoadAsync(CancellationToken.None);
        var whole = watch.Elapsed;
        GC.KeepAlive(loaded);
        loaded = null;
        GC.Collect();
        watch.Restart();
        GC.KeepAlive(await snapshots.TryLoadAsync(CancellationToken.None));
        var again = watch.Elapsed; // the same read with the code warm: what is left is the work itself, not JIT
        watch.Restart();
        var blob = (await account.Container("index-snapshots").GetBlobClient(IndexSnapshots.BlobName).DownloadContentAsync()).Value.Content;
        var download = watch.Elapsed;
        watch.Restart();
        await using (var gzip = new System.IO.Compression.GZipStream(blob.ToStream(), System.IO.Compression.CompressionMode.Decompress))
            await gzip.CopyToAsync(Stream.Null);
        var inflate = watch.Elapsed;
        Console.WriteLine($"snapshot read back in {whole.TotalSeconds:0.00} s: download {download.TotalSeconds:0.00} s ({blob.ToMemory().Length / 1e6:0} MB), " +
            $"inflate {inflate.TotalSeconds:0.00} s, JSON into objects about {(whole - download - inflate).TotalSeconds:0.00} s; read again warm in {again.TotalSeconds:0.00} s");
    }
}
