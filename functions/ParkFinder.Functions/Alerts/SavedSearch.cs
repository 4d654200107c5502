using Microsoft.AspNetCore.WebUtilities;
using ParkFinder.Functions.Search;

namespace ParkFinder.Functions.Alerts;

// A saved search is GET /api/parks's query string without a position: the same filters, checked
// by the same rules. sort and limit are dropped (an alert has no order); anything else unknown is refused.
public static class SavedSearch
{
    private static readonly HashSet<string> Filters = new(SearchParameters.FilterSpecs.Select(f => f.Name), StringComparer.Ordinal);
    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal) { "sort", "limit", "interpret", "facets" };

    // The stored form (the kept filters, re-encoded) and the query; or the errors, keyed "query.{parameter}".
    // Track, chain and segment names resolve against the definitions in use, as GET /api/parks does.
    // With the catalog's words, q is read as GET /api/parks reads it, and the filters it stands for are what is
    // stored (an alert keeps meaning what the user saw, and its query shows what was understood).
    public static (string? Stored, ParkQuery? Query, Dictionary<string, string[]> Errors) Parse(string? queryString,
        Ecosystem.EcosystemDefinitions? definitions = null, Search.Understanding.Lexicon? words = null)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(queryString) || queryString.Length > 2000)
        {
            errors["query"] = ["must be GET /api/parks's query string with at least one filter, at most 2,000 characters"];
            return (null, null, errors);
        }
        var parsed = QueryHelpers.ParseQuery(queryString.TrimStart('?'));
        if (words is not null && Search.Understanding.SearchBoxReading.Read(new QueryCollection(parsed), words) is { } reading)
            parsed = reading.Effective.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        foreach (var name in parsed.Keys.Where(k => !Filters.Contains(k) && !Ignored.Contains(k)))
            errors["query." + name] = [name == "cursor" ? "a saved search has no position" : "is not a filter of GET /api/parks"];
        var kept = parsed.Where(kv => Filters.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        if (kept.Count == 0 && errors.Count == 0) errors["query"] = ["needs at least one filter: an alert on every park would never stop"];
        var parameters = new SearchParameters(new QueryCollection(kept));
        var query = parameters.Parse(out _);
        if (query is not null) query = EcosystemFilters.Resolve(query, definitions ?? Ecosystem.EcosystemDefinitions.Shipped, parameters.Errors);
        // track (and anchor=false) narrow nothing by themselves.
        if (query is not null && kept.All(kv => kv.Key is "track" or "anchor" || (kv.Key == "minTrackScore" && kv.Value.All(v => v == "0")))) errors["query"] = ["needs at least one filter: an alert on every park would never stop"];
        foreach (var (name, messages) in parameters.Errors) errors["query." + name] = messages;
        if (errors.Count > 0) return (null, null, errors);
        var stored = QueryString.Create(kept.SelectMany(kv => kv.Value.Select(v => new KeyValuePair<string, string?>(kv.Key, v)))).Value![1..];
        return (stored, query! with { Limit = 1 }, errors);
    }

    // A stored alert's query; null if it no longer parses (it was valid when saved).
    public static ParkQuery? Read(string stored, Ecosystem.EcosystemDefinitions? definitions = null) => Parse(stored, definitions).Query;
}
