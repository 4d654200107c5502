using System.Diagnostics;
using ParkFinder.Functions.Alerts;
using ParkFinder.Functions.Parks;
using ParkFinder.Functions.Search;
using ParkFinder.Tests.Infrastructure;

namespace ParkFinder.Benchmarks;

// The alert job's matching: `searches` saved searches against `events` newly available units, in
// process (storage and WeChat excluded). Issue 15's target: 10,000 x 1,000 in at most 2 s.
public static class AlertBenchmark
{
    public static void Run(int searches, int events, int parks = 50_000, int units = 500_000)
    {
        var catalog = SyntheticCatalog.Generate(parks, units, seed: 42);
        var random = new Random(3);
        var candidates = catalog.SelectMany(p => (p.Units ?? []).Where(u => u.IsAvailable).Select(u => new AlertMatcher.Candidate(p, u)))
            .OrderBy(_ => random.Next()).Take(events).ToList();
        var queries = Enumerable.Range(0, searches).Select(_ => RandomSavedSearches.Next(random, catalog)).ToList();
        var now = DateTimeOffset.UtcNow;
        Console.WriteLine($"## Alert matching: {queries.Count:N0} saved searches x {candidates.Count:N0} events");
        AlertMatcher.Match(candidates.Take(10).ToList(), queries.Take(100).ToList(), now); // warm-up
        for (var run = 1; run <= 3; run++)
        {
            var watch = Stopwatch.StartNew();
            var matches = AlertMatcher.Match(candidates, queries, now);
            Console.WriteLine($"run {run}: {watch.Elapsed.TotalMilliseconds:N0} ms, {matches.Sum(m => m.Count):N0} matches, {matches.Count(m => m.Count > 0):N0} searches with a match");
        }
        // The job's previous method, one index per event, timed on a tenth of the events.
        var sample = candidates.Take(Math.Max(1, candidates.Count / 10)).ToList();
        var old = Stopwatch.StartNew();
        var oldMatches = 0;
        foreach (var c in sample)
        {
            var one = ParkSearchIndex.Build(new CatalogSnapshot([c.Park], new Dictionary<string, List<Unit>> { [c.Park.Id] = [c.Unit] }, "one"), now);
            foreach (var q in queries) if (one.Search(q).Total > 0) oldMatches++;
        }
        Console.WriteLine($"one index per event (previous job): {old.Elapsed.TotalMilliseconds:N0} ms for {sample.Count:N0} events, "
            + $"so about {old.Elapsed.TotalMilliseconds * candidates.Count / sample.Count:N0} ms for all; {oldMatches:N0} matches");
    }
}
