using System.Diagnostics;
using ParkFinder.Functions.Leases;
using ParkFinder.Functions.Parks;
using ParkFinder.Functions.Trends;

namespace ParkFinder.Benchmarks;

// The metric computation alone: synthetic leases over synthetic parks, ten years of history.
public static class TrendBenchmark
{
    public static void Run(int leases, int parks)
    {
        Console.WriteLine($"## Trend computation: {leases:N0} leases over {parks:N0} parks");
        var random = new Random(42);
        var cities = new[] { ("440300", new[] { "440305", "440306", "440307" }), ("110000", new[] { "110108", "110115" }), ("510100", new[] { "510107", "510116" }) };
        var parkInfo = Enumerable.Range(0, parks).Select(i =>
        {
            var (city, districts) = cities[i % cities.Length];
            return (Id: $"p{i:D5}", City: city, District: districts[random.Next(districts.Length)]);
        }).ToArray();
        var types = SpaceTypes.All;
        var facts = new List<LeaseFact>(leases);
        for (var i = 0; i < leases; i++)
        {
            var p = parkInfo[random.Next(parks)];
            var start = new DateOnly(2016, 1, 1).AddDays(random.Next(0, 3650));
            var end = start.AddMonths(random.Next(6, 61));
            facts.Add(new LeaseFact(p.Id, p.District, p.City, $"u{random.Next(200)}", types[random.Next(types.Length)], 50 + random.Next(5000),
                start, end, start.AddDays(-random.Next(0, 60)), 10 + random.NextDouble() * 100, random.Next(0, 4) / 2.0));
        }
        var units = parkInfo.SelectMany(p => Enumerable.Range(0, 20).Select(u => new UnitFact(p.Id, p.District, p.City, $"u{u}", types[u % 4], 1000, u % 3 == 0 ? 40 : null))).ToList();

        GC.Collect();
        var before = GC.GetTotalMemory(true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(true);
        var watch = Stopwatch.StartNew();
        // As the job computes: the current month's stock figures on the run date.
        var series = TrendCalculator.Compute(facts, units, Months.Of(new DateOnly(2026, 11, 1)), asOf: new DateOnly(2026, 11, 15));
        var elapsed = watch.Elapsed;
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        Console.WriteLine($"{series.Count:N0} series, {series.Sum(s => s.Points.Count):N0} monthly points in {elapsed.TotalSeconds:0.00} s; " +
                          $"allocated {(GC.GetTotalAllocatedBytes(true) - allocatedBefore) / 1e6:N0} MB; process peak working set {peak / 1e6:N0} MB (inputs included, {before / 1e6:N0} MB before)");
        // The points are made as the job writes each series; making every one of them costs this much more.
        watch.Restart();
        double check = 0;
        foreach (var s in series) foreach (var p in s.Points) check += p.OccupiedArea ?? 0;
        Console.WriteLine($"materialising all {series.Sum(s => s.Points.Count):N0} points as the writer reads them: {watch.Elapsed.TotalSeconds:0.00} s (checksum {check:E3})");
    }
}
