using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using ParkFinder.Functions.Hosting;
using ParkFinder.Functions.Parks;

namespace ParkFinder.Functions.Units;

public sealed record UnitHistoryPage(IReadOnlyList<UnitChange> Items, string? NextCursor);

// What GET /api/parks/{parkId}/units/{unitId}/history reads.
public static class UnitHistoryQuery
{
    public static readonly QueryParameterSpec[] Specs = Paging.Specs;
}

// Every change to a unit (a landlord's, an operator's, an import's, a lease file's reconciliation),
// for the park's landlords and operators. A deleted unit keeps its history.
public static partial class UnitHistoryApi
{
    [HttpEndpoint("GetUnitHistory", "get", "parks/{parkId}/units/{unitId}/history"), RequireLandlordOfPark]
    [EndpointSummary("A unit's changes, newest first")]
    [Tags("Landlords"), QueryParameters(typeof(UnitHistoryQuery))]
    public static Task<Results<Ok<UnitHistoryPage>, ProblemHttpResult>> GetHistory(string parkId, string unitId, int? limit, string? cursor,
        UnitHistoryStore history, CancellationToken cancellationToken) =>
        !ParkValidation.IdPattern().IsMatch(unitId)
            ? Task.FromResult<Results<Ok<UnitHistoryPage>, ProblemHttpResult>>(Problems.NotFound("unit_not_found", $"Park '{Problems.Short(parkId)}' has no unit '{Problems.Short(unitId)}'."))
            : Paging.ReadAsync(limit, cursor, (size, token) => history.PageAsync(parkId, unitId, size, token, cancellationToken),
                (items, next) => new UnitHistoryPage(items, next));
}
