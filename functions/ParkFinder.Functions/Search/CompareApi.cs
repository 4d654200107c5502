using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using ParkFinder.Functions.Ecosystem;
using ParkFinder.Functions.Hosting;
using ParkFinder.Functions.Parks;

namespace ParkFinder.Functions.Search;

public sealed record ComparedPark(string Id, string Name, Region City, Region District, int? Stars, double AvailableArea, double? VacancyRate,
    RentRange Rent, UnitsSummary[] UnitsSummary, IReadOnlyList<TrackPoint> Tracks, IReadOnlyList<ChainSummary> Chains, Policy[] Policies,
    IReadOnlyList<ExternalScore> ExternalScores);

public sealed record ParkComparison(IReadOnlyList<ComparedPark> Parks);

// What GET /api/parks/compare reads (bound to the handler's parameters; described here for OpenAPI).
public static class CompareQuery
{
    public static readonly QueryParameterSpec[] Specs =
    [
        new("ids", "string", "2 to 4 park ids, comma-separated, in the order to show them.", Required: true),
    ];
}

public static partial class CompareApi
{
    [HttpEndpoint("CompareParks", "get", "parks/compare"), RequireIndex]
    [EndpointSummary("2 to 4 parks side by side: rents, vacancy, tracks, chain coverage, policies")]
    [Tags("Parks"), QueryParameters(typeof(CompareQuery))]
    public static Results<Ok<ParkComparison>, ProblemHttpResult> Compare(string? ids, ParkIndexHolder holder)
    {
        var list = (ids ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (list.Length is < 2 or > 4) return Problems.Invalid("ids", "give 2 to 4 park ids, comma-separated");
        if (list.Distinct(StringComparer.Ordinal).Count() != list.Length) return Problems.Invalid("ids", "a park is named twice");
        var parks = new List<ComparedPark>();
        foreach (var id in list)
        {
            if (holder.Current.Find(id) is not { } p) return Problems.ParkNotFound(id);
            var detail = p.ToDetail();
            parks.Add(new ComparedPark(detail.Id, detail.Name, detail.City, detail.District, detail.Stars, detail.AvailableArea, detail.VacancyRate,
                detail.Rent, detail.UnitsSummary, detail.Tracks, detail.Chains, detail.Policies, detail.ExternalScores));
        }
        return TypedResults.Ok(new ParkComparison(parks));
    }
}
