using ParkFinder.Functions.Alerts;
using ParkFinder.Functions.Parks;
using ParkFinder.Functions.Search;
using ParkFinder.Tests.Infrastructure;

namespace ParkFinder.Tests.Alerts;

// The batch matcher must say exactly what searching each event's park-with-that-unit-alone says
// (the rule the alert job had, one index per event), for every kind of saved search.
public sealed class AlertMatcherTests
{
    [Fact]
    public void MatchingAllEventsAtOnceEqualsSearchingEachEventsParkAlone()
    {
        var now = new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero);
        var catalog = SyntheticCatalog.Generate(300, 3000, seed: 7);
        var random = new Random(11);
        var candidates = catalog.SelectMany(p => (p.Units ?? []).Where(u => u.IsAvailable).Select(u => new AlertMatcher.Candidate(p, u)))
            .OrderBy(_ => random.Next()).Take(120).ToList();
        var queries = Enumerable.Range(0, 150).Select(_ => RandomSavedSearches.Next(random, catalog)).ToList();

        var matches = AlertMatcher.Match(candidates, queries, now);

        // Each event's park alone, with only that event's unit: one index per event, searched by every query.
        var alone = candidates.Select(c => ParkSearchIndex.Build(
            new CatalogSnapshot([c.Park], new Dictionary<string, List<Unit>> { [c.Park.Id] = [c.Unit] }, "one"), now)).ToList();
        var matched = 0;
        for (var q = 0; q < queries.Count; q++)
        {
            var expected = new List<int>();
            for (var c = 0; c < candidates.Count; c++)
                if (alone[c].Search(queries[q]).Total > 0) expected.Add(c);
            Assert.Equal(expected, matches[q]);
            matched += expected.Count;
        }
        // The generated searches are neither all-matching nor all-empty: the comparison says something.
        Assert.InRange(matched, queries.Count / 2, queries.Count * candidates.Count / 2);
    }
}
