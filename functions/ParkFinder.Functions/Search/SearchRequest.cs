using Microsoft.AspNetCore.Http.HttpResults;
using ParkFinder.Functions.Hosting;
using ParkFinder.Functions.Search.Understanding;

namespace ParkFinder.Functions.Search;

// A search as GET /api/parks and GET /api/parks/map take it: the search box's line read with the words of the
// index that answers (one index for the whole request), every filter checked, tracks and chains resolved.
public sealed record SearchRequest(ParkSearchIndex Index, SearchBoxReading? Reading, SearchParameters Parameters, ParkQuery Query, string? CursorToken)
{
    // Null with the problem to answer: bad parameters (with the route's own `errors` too), or the index still loading.
    public static SearchRequest? Read(HttpContext context, ParkIndexHolder holder, Dictionary<string, string[]> errors, out ProblemHttpResult? problem)
    {
        var index = holder.IsLoaded ? holder.Current : null;
        var reading = index is null ? null : SearchBoxReading.Read(context.Request.Query, index.Lexicon);
        var parameters = new SearchParameters(reading?.Effective ?? context.Request.Query);
        var query = parameters.Parse(out var cursorToken);
        foreach (var (name, messages) in errors) parameters.Errors[name] = messages;
        problem = query is null || parameters.Errors.Count > 0 ? Problems.Invalid(parameters.Errors, parameters.ErrorCode)
            : index is null ? SearchApi.NotReady(context) : null;
        if (problem is not null) return null;
        query = EcosystemFilters.Resolve(query!, index!.Definitions, parameters.Errors);
        if (parameters.Errors.Count > 0) { problem = Problems.Invalid(parameters.Errors); return null; }
        return new SearchRequest(index, reading, parameters, query, cursorToken);
    }
}
