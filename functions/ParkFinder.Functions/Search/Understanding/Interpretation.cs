namespace ParkFinder.Functions.Search.Understanding;

// What the search box's line was read as: GET /api/parks filters by their own parameter names and the
// values those parameters take (in the order first read), and what was left as free text ("" when nothing).
public sealed record Interpretation(IReadOnlyList<KeyValuePair<string, string[]>> Filters, string Text)
{
    public string[]? this[string parameter] => Filters.FirstOrDefault(f => f.Key == parameter).Value;
}
