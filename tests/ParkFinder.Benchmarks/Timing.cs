using System.Diagnostics;
using ParkFinder.Functions.Parks;
using ParkFinder.Functions.Search;
using ParkFinder.Tests.Infrastructure;

namespace ParkFinder.Benchmarks;

// What the in-process benchmarks share: the synthetic index at a size, and per-call times, sorted.
public static class Timing
{
    public static ParkSearchIndex SyntheticIndex(int parks, int units)
    {
        var catalog = SyntheticCatalog.Generate(parks, units, seed: 42);
        return ParkSearchIndex.Build(new CatalogSnapshot(catalog, catalog.ToDictionary(p => p.Id, p => p.Units!), "bench"), DateTimeOffset.UtcNow);
    }

    public static double[] Measure(Action run, int iterations) => Measure([run], iterations);

    // Each run `iterations` times, interleaved, after 20 warm-up calls each: the times of every call, ascending (ms).
    public static double[] Measure(Action[] runs, int iterations)
    {
        foreach (var run in runs) for (var i = 0; i < 20; i++) run();
        var times = new double[iterations * runs.Length];
        for (var i = 0; i < iterations; i++)
            for (var r = 0; r < runs.Length; r++)
            {
                var t = Stopwatch.GetTimestamp();
                runs[r]();
                times[i * runs.Length + r] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            }
        Array.Sort(times);
        return times;
    }
}
