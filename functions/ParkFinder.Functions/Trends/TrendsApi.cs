using Microsoft.AspNetCore.Http.HttpResults;
using ParkFinder.Functions.Hosting;
using ParkFinder.Functions.Parks;
using Microsoft.Azure.Functions.Worker;

namespace ParkFinder.Functions.Trends;

public sealed record TrendsResponse(string Scope, string? SpaceType, IReadOnlyList<TrendPoint> Points, DateTimeOffset? ComputedAt);

// What GET /api/trends reads (bound to the handler's parameters; described here for OpenAPI).
public static class TrendsQuery
{
    public static readonly QueryParameterSpec[] Specs =
    [
        new("scope", "string", "park:{parkId}, district:{adcode} or city:{adcode}.", Required: true),
        new("spaceType", "string", "Space type; all types when absent.", Values: ["land", "factory", "warehouse", "office"]),
        new("from", "string", "First month, yyyy-MM."),
        new("to", "string", "Last month, yyyy-MM (default: this month)."),
    ];
}

public static partial class TrendsApi
{
    public const int MaxMonths = 120;

    // What the trends are read from, bound as one parameter ([AsParameters]).
    public sealed record TrendServices(IParkIndex Index, TrendStore Store, TimeProvider Time);

    [HttpEndpoint("GetTrends", "get", "trends")]
    [EndpointSummary("Monthly vacancy and rent trends of a park, district or city")]
    [Tags("Trends"), QueryParameters(typeof(TrendsQuery))]
    [ProblemResponse(404, "park_not_found")]
    public static async Task<Results<Ok<TrendsResponse>, ProblemHttpResult>> GetTrends(string? scope, string? spaceType, string? from, string? to, [AsParameters] TrendServices services, CancellationToken cancellationToken)
    {
        var (index, store, time) = services;
        var errors = new Dictionary<string, string[]>();
        var regions = new Places.RegionCodes(errors);
        if (!ValidScope(scope)) errors["scope"] = ["must be park:{id}, district:{adcode} or city:{adcode}"];
        else scope = RegionScope(scope!, regions);
        if (spaceType is not null && !SpaceTypes.TryParseApi(spaceType, out _))
            errors["spaceType"] = ["must be land, factory, warehouse or office (omit for all types)"];
        var current = Months.Current(time.GetUtcNow());
        var toMonth = current;
        if (to is not null && !Months.TryParse(to, out toMonth)) errors["to"] = ["must be a month like 2026-11"];
        var fromMonth = toMonth - 11;
        if (from is not null && !Months.TryParse(from, out fromMonth)) errors["from"] = ["must be a month like 2026-01"];
        if (!errors.ContainsKey("from") && !errors.ContainsKey("to"))
        {
            if (fromMonth > toMonth) errors["from"] = ["must not be after to"];
            else if (toMonth - fromMonth + 1 > MaxMonths) errors["from"] = [$"at most {MaxMonths} months per request"];
        }
        if (errors.Count > 0) return Problems.Invalid(errors, regions.ProblemCode);
        if (scope!.StartsWith("park:", StringComparison.Ordinal) && index.IsLoaded && !index.Contains(scope[5..]))
            return Problems.ParkNotFound(scope[5..]);

        var type = spaceType ?? TrendCalculator.AllTypes;
        var stored = (await store.ReadAsync(scope, type, fromMonth, toMonth, cancellationToken)).ToDictionary(p => p.Month, StringComparer.Ordinal);
        // Every month of the range is present; months without data carry null metrics.
        var points = Enumerable.Range(fromMonth, toMonth - fromMonth + 1).Select(Months.Format)
            .Select(m => stored.TryGetValue(m, out var p) ? p.Shown() : TrendPoint.Empty(m)).ToList();
        return TypedResults.Ok(new TrendsResponse(scope, spaceType, points, await store.ComputedAtAsync(scope, type, cancellationToken)));
    }

    // A region scope names a place of the region table (city:110100 is city:110000); a park scope passes as it is.
    private static string RegionScope(string scope, Places.RegionCodes regions) =>
        scope.StartsWith("city:", StringComparison.Ordinal) ? "city:" + (regions.Check("scope", scope[5..], Places.PlaceLevel.City) ?? scope[5..])
        : scope.StartsWith("district:", StringComparison.Ordinal) ? "district:" + (regions.Check("scope", scope[9..], Places.PlaceLevel.District) ?? scope[9..])
        : scope;

    private static bool ValidScope(string? scope) => scope switch
    {
        null => false,
        _ when scope.StartsWith("park:", StringComparison.Ordinal) => ParkValidation.IdPattern().IsMatch(scope[5..]),
        _ when scope.StartsWith("district:", StringComparison.Ordinal) => ParkValidation.IsAdcode(scope[9..]),
        _ when scope.StartsWith("city:", StringComparison.Ordinal) => ParkValidation.IsAdcode(scope[5..]),
        _ => false,
    };
}
