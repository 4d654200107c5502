using ParkFinder.Functions.Parks;
using ParkFinder.Functions.Pinyin;
using ParkFinder.Functions.Places;
using ParkFinder.Functions.Search.Understanding;

namespace ParkFinder.Functions.Search;

// One suggestion as the user types: what it is, its label, the GET /api/parks parameters it stands for and
// how many parks those find (a park's own: its id, and 1).
public sealed record Suggestion(string Kind, string Label, IReadOnlyDictionary<string, object> Filter, int Parks, string? Id = null);

// Suggestions from the index's own facts: places with parks, parks by name or pinyin, the catalog's
// industries, the space types, chains and tracks with parks. Chinese input matches anywhere in a name,
// Latin input the start of its full pinyin or of its initials (sz: 深圳, 苏州).
public static class Suggestions
{
    public static readonly string[] Kinds = ["place", "park", "industry", "spaceType", "chain", "track"];

    // A named thing that can be suggested, with its words folded for matching.
    public sealed record Entry(string Kind, string Label, IReadOnlyDictionary<string, object> Filter, string[] Names, string[] Pinyin, int Parks);

    public static IReadOnlyList<Suggestion> For(ParkSearchIndex index, string input, int limit)
    {
        var q = Lexicon.Fold(input);
        var latin = Lexicon.IsLatin(q);
        var result = new List<Suggestion>(limit);
        bool Matches(Entry e) => latin ? e.Pinyin.Any(p => p.StartsWith(q, StringComparison.Ordinal)) : e.Names.Any(n => n.Contains(q, StringComparison.Ordinal));
        void Take(IEnumerable<Entry> entries)
        {
            foreach (var e in entries.Where(e => e.Parks > 0 && Matches(e)).OrderByDescending(e => e.Parks).Take(limit - result.Count))
                result.Add(new Suggestion(e.Kind, e.Label, e.Filter, e.Parks));
        }
        var entries = index.SuggestionEntries();
        Take(entries.Places);
        foreach (var park in index.ParksNamed(TextIndex.Normalize(q)).Take(limit - result.Count))
            result.Add(new Suggestion("park", park.Park.Name, new Dictionary<string, object> { ["q"] = park.Park.Name }, 1, park.Park.Id));
        Take(entries.Industries);
        Take(entries.Counted.Where(e => e.Kind == "spaceType"));
        Take(entries.Counted.Where(e => e.Kind == "chain"));
        Take(entries.Counted.Where(e => e.Kind == "track"));
        return result;
    }

    // Folded names and the pinyin people type for them: full and initials of the whole and of the short name.
    public static (string[] Names, string[] Pinyin) Words(params string?[] names)
    {
        var real = names.OfType<string>().Where(n => n.Length > 0).Distinct().ToArray();
        return (real.Select(Lexicon.Fold).ToArray(), real.SelectMany(n => new[] { PinyinTable.Full(n), PinyinTable.Initials(n) }).Where(p => p.Length > 0).Distinct().ToArray());
    }

    public static Entry Place(Place place, int parks)
    {
        var (names, pinyin) = Words(place.Name, place.Short);
        var level = place.Level switch { PlaceLevel.Province => "province", PlaceLevel.City => "city", _ => "district" };
        return new Entry("place", place.Name, new Dictionary<string, object> { [level] = place.Code }, names, pinyin, parks);
    }
}
