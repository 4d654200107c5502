using Microsoft.Extensions.Primitives;

namespace ParkFinder.Functions.Search.Understanding;

// GET /api/parks with `q` read: the request's parameters plus the filters read from the line and its
// leftover text as `q`. An explicit parameter wins over the same filter read from the line and replaces
// it whole (an area, a rent or a track is one filter of two parameters): that reading is `Overridden`.
public sealed record SearchBoxReading(IQueryCollection Effective, Interpretation Interpretation,
    IReadOnlyList<KeyValuePair<string, string[]>> Interpreted, IReadOnlyList<KeyValuePair<string, string[]>> Overridden)
{
    private static readonly string[][] Groups = [["minArea", "maxArea"], ["minRent", "maxRent"], ["track", "minTrackScore"]];

    // Null when there is nothing to read: no q, or a q the parser refuses anyway.
    public static SearchBoxReading? Read(IQueryCollection request, Lexicon lexicon)
    {
        if (!request.TryGetValue("q", out var q) || q.Count != 1 || string.IsNullOrWhiteSpace(q[0]) || q[0]!.Trim().Length > 100) return null;
        // interpret=false: the whole line is text (the request searched as it is), and the answer says so.
        if (request.TryGetValue("interpret", out var interpret) && interpret.Count == 1 && interpret[0] is "false" or "0")
            return new SearchBoxReading(request, new Interpretation([], q[0]!.Trim()), [], []);
        // Parameter names are case-insensitive (as the request's own collection): so is the copy made here.
        var effective = request.Where(kv => !string.Equals(kv.Key, "q", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.OrdinalIgnoreCase);
        // A place the request names (its canonical code: city=110100 is 110000) is where an ambiguous place is read.
        var within = Places.RegionTable.City(Single(request, "city"))?.Code ?? Places.RegionTable.Province(Single(request, "province"))?.Code;
        var interpretation = QueryReader.Read(q[0]!, lexicon, within);
        List<KeyValuePair<string, string[]>> interpreted = [], overridden = [];
        foreach (var filter in interpretation.Filters)
        {
            var group = Groups.FirstOrDefault(g => g.Contains(filter.Key)) ?? [filter.Key];
            if (group.Any(request.ContainsKey)) overridden.Add(filter);
            else
            {
                interpreted.Add(filter);
                effective[filter.Key] = new StringValues(filter.Value);
            }
        }
        // Folding (NFKC) can lengthen a line of rare ligatures past the text limit: the text searched is cut there.
        var text = interpretation.Text.Length > 100 ? interpretation.Text[..100] : interpretation.Text;
        if (text.Length > 0) effective["q"] = text;
        return new SearchBoxReading(new QueryCollection(effective), interpretation with { Text = text }, interpreted, overridden);
    }

    private static string? Single(IQueryCollection request, string name) =>
        request.TryGetValue(name, out var v) && v.Count == 1 && !string.IsNullOrWhiteSpace(v[0]) ? v[0] : null;
}
