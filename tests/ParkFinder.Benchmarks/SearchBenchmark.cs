using System.Diagnostics;
using ParkFinder.Functions.Parks;
using ParkFinder.Functions.Search;
using ParkFinder.Tests.Infrastructure;

namespace ParkFinder.Benchmarks;

// In-process: index memory and build time from loaded entities, then per-query latency percentiles.
public static class SearchBenchmark
{
    public static void Run(int parks, int units, int iterations)
    {
        Console.WriteLine($"## In-process search: {parks:N0} parks, {units:N0} units, {iterations:N0} runs per query");
        var catalog = SyntheticCatalog.Generate(parks, units, seed: 42);
        var snapshot = new CatalogSnapshot(catalog, catalog.ToDictionary(p => p.Id, p => p.Units!), "bench");
        var edited = catalog.Where((_, i) => i % (parks / 10) == 0).Select(p => (Park: p, Units: (IReadOnlyList<Unit>)p.Units!.Skip(1).ToList())).ToList();
        foreach (var p in catalog) p.Units = null; // the index must not rely on the import shape
        catalog = null;
        var before = Heap();
        var watch = Stopwatch.StartNew();
        var index = ParkSearchIndex.Build(snapshot, DateTimeOffset.UtcNow);
        var build = watch.Elapsed;
        snapshot = null;
        var after = Heap();
        Console.WriteLine($"index build: {build.TotalSeconds:0.00} s; heap before {before / 1e6:0} MB (loaded entities), after dropping them {after / 1e6:0} MB (index alone); available units {index.AvailableUnitCount:N0}");
        Console.WriteLine();
        Console.WriteLine("| query | matches | p50 ms | p99 ms | max ms |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var (name, query) in QuerySet.All)
        {
            var q = QuerySet.Parse(query);
            for (var i = 0; i < 50; i++) index.Search(q);
            var times = new double[iterations];
            var total = 0;
            for (var i = 0; i < iterations; i++)
            {
                var t = Stopwatch.GetTimestamp();
                var result = index.Search(q);
                times[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
                total = result.Total;
            }
            Array.Sort(times);
            Console.WriteLine($"| {name} `{query}` | {total:N0} | {Percentiles.Of(times, 50):0.000} | {Percentiles.Of(times, 99):0.000} | {times[^1]:0.000} |");
        }
        // A landlord's write: the park's units spliced into a copy of the index.
        foreach (var count in new[] { 1, edited.Count })
        {
            var splice = Stopwatch.StartNew();
            const int rounds = 5;
            for (var i = 0; i < rounds; i++) GC.KeepAlive(index.WithParks(edited.Take(count)));
            Console.WriteLine($"index copy with {count} park(s) changed: {splice.Elapsed.TotalMilliseconds / rounds:0.0} ms");
        }
        GC.KeepAlive(index);
    }

    private static long Heap()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
