using ParkFinder.Functions.Parks;
using ParkFinder.Functions.Search;

namespace ParkFinder.Functions.Alerts;

// Which saved searches a batch of newly available units meets, by the same rules as GET /api/parks:
// one small search index holds each candidate unit as a park of its own (the park's fields, that
// unit alone), and each saved search runs once against it. Cost: one index build per run and one
// search per saved search, instead of an index per event and events x searches searches.
public static class AlertMatcher
{
    public sealed record Candidate(Park Park, Unit Unit);

    // For each query, the candidates it matches (their positions in the list, ascending).
    public static List<int>[] Match(IReadOnlyList<Candidate> candidates, IReadOnlyList<ParkQuery> queries, DateTimeOffset now,
        Ecosystem.EcosystemDefinitions? definitions = null)
    {
        definitions ??= Ecosystem.EcosystemDefinitions.Shipped;
        var matches = new List<int>[queries.Count];
        if (candidates.Count == 0)
        {
            for (var q = 0; q < queries.Count; q++) matches[q] = [];
            return matches;
        }
        var parks = new List<Park>(candidates.Count);
        var units = new Dictionary<string, List<Unit>>(StringComparer.Ordinal);
        for (var i = 0; i < candidates.Count; i++)
        {
            var id = PositionId(i);
            parks.Add(candidates[i].Park.Copy(id, units: []));
            units[id] = [candidates[i].Unit];
        }
        var index = ParkSearchIndex.Build(new CatalogSnapshot(parks, units, "alerts") { Definitions = definitions }, now);
        for (var q = 0; q < queries.Count; q++)
        {
            // The queries come resolved against these definitions (SavedSearch.Read), as the search's are.
            var result = index.Search(queries[q] with { Limit = candidates.Count, After = null });
            matches[q] = result.Items.Select(hit => PositionOf(hit.Park.Park.Id)).Order().ToList();
        }
        return matches;
    }

    private static string PositionId(int i) => "c" + i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    private static int PositionOf(string id) => int.Parse(id.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);
}
