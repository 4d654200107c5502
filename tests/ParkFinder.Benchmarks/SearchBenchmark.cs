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
        var edited = catalog.Where((_, i) => i % (parks / 100) == 0).Select(p => (Park: p, Units: (IReadOnlyList<Unit>)p.Units!.Skip(1).ToList())).ToList();
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
            var times = Measure(() => index.Search(q), iterations);
            var total = index.Search(q).Total;
            Console.WriteLine($"| {name} `{query}` | {total:N0} | {Percentiles.Of(times, 50):0.000} | {Percentiles.Of(times, 99):0.000} | {times[^1]:0.000} |");
        }
        // A landlord's write: the park's record and units into the index's overlay (median of 200), then
        // the refresher's fold of the overlay into a new base (off the request path), and what an
        // overlay of 100 changed parks costs the broad queries until that fold.
        foreach (var count in new[] { 1, 10 })
        {
            var times = new double[200];
            for (var i = 0; i < times.Length; i++)
            {
                var t = Stopwatch.GetTimestamp();
                GC.KeepAlive(index.WithParks(edited.Take(count)));
                times[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            }
            Array.Sort(times);
            Console.WriteLine($"landlord write into the overlay, {count} park(s): p50 {Percentiles.Of(times, 50):0.000} ms, p99 {Percentiles.Of(times, 99):0.000} ms");
        }
        var overlaid = index.WithParks(edited);
        var compact = Stopwatch.StartNew();
        GC.KeepAlive(overlaid.Compacted());
        Console.WriteLine($"fold of {edited.Count} changed parks into a new base (refresher, off the request path): {compact.Elapsed.TotalMilliseconds:0} ms");
        Console.WriteLine();
        Console.WriteLine($"| with {edited.Count} changed parks in the overlay | p50 ms | p99 ms |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var (name, query) in QuerySet.All.Where(x => x.Name is "area range" or "rent range sort rent" or "specs" or "tag" or "availableArea sort"))
        {
            var q = QuerySet.Parse(query);
            var times = Measure(() => overlaid.Search(q), iterations);
            Console.WriteLine($"| {name} | {Percentiles.Of(times, 50):0.000} | {Percentiles.Of(times, 99):0.000} |");
        }
        GC.KeepAlive(index);
    }

    private static double[] Measure(Action run, int iterations)
    {
        for (var i = 0; i < 50; i++) run();
        var times = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var t = Stopwatch.GetTimestamp();
            run();
            times[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
        }
        Array.Sort(times);
        return times;
    }

    private static long Heap()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
