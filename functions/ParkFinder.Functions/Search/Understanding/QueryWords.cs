using System.Text.Json;
using System.Text.Json.Serialization;

namespace ParkFinder.Functions.Search.Understanding;

// The everyday words of the search box (query-words.json): space types, industry synonyms, policy
// and tag words, star words and the filler that means nothing for a search.
public sealed record QueryWords(
    Dictionary<string, string[]> SpaceTypes,
    IndustryWords[] Industries,
    Dictionary<string, string[]> Policies,
    Dictionary<string, string[]> Tags,
    string[] Stars,
    string[] Filler,
    string[] StandaloneFiller)
{
    public static QueryWords Shipped { get; } = Load();

    private static QueryWords Load()
    {
        using var stream = typeof(QueryWords).Assembly.GetManifestResourceStream("query-words.json")
            ?? throw new InvalidOperationException("query-words.json is not embedded");
        return JsonSerializer.Deserialize<QueryWords>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidOperationException("query-words.json is empty");
    }
}

// Words that name an industry, and the catalog's industry names they stand for.
public sealed record IndustryWords(string[] Words, [property: JsonPropertyName("industries")] string[] Industries);
