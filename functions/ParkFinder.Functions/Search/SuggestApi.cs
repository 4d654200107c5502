using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using ParkFinder.Functions.Hosting;

namespace ParkFinder.Functions.Search;

public sealed record SuggestionList(IReadOnlyList<Suggestion> Items, string? NextCursor = null);

// What GET /api/suggest reads (bound to the handler's parameters; described here for OpenAPI).
public static class SuggestQuery
{
    public static readonly QueryParameterSpec[] Specs =
    [
        new("q", "string", "What the user has typed so far: at least one Chinese character or two Latin letters (pinyin or initials), at most 50 characters.", Required: true),
        new("limit", "integer", "How many suggestions (default 8).", 1, 10),
    ];
}

public static partial class SuggestApi
{
    [HttpEndpoint("Suggest", "get", "suggest"), RequireIndex]
    [EndpointSummary("Suggestions as the user types: places, parks, industries, space types, chains and tracks, each with the filter it stands for")]
    [Tags("Parks"), QueryParameters(typeof(SuggestQuery))]
    public static Results<Ok<SuggestionList>, ProblemHttpResult> Suggest(string? q, string? limit, ParkIndexHolder holder)
    {
        var text = q?.Trim() ?? "";
        var folded = Understanding.Lexicon.Fold(text);
        var chinese = folded.Count(Pinyin.PinyinTable.IsChinese);
        var letters = folded.Count(char.IsAsciiLetterLower);
        if (text.Length > 50) return Problems.Invalid("q", "must be at most 50 characters");
        if (chinese < 1 && letters < 2) return Problems.Invalid("q", "type at least one Chinese character or two Latin letters");
        var size = 8;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.Integer, CultureInfo.InvariantCulture, out size) || size is < 1 or > 10))
            return Problems.Invalid("limit", "must be a whole number between 1 and 10");
        return TypedResults.Ok(new SuggestionList(Suggestions.For(holder.Current, text, size)));
    }
}
