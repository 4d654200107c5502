using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using ParkFinder.Functions.Hosting;

namespace ParkFinder.Functions.AccessLog;

// What GET /api/parks/{parkId}/access-log reads.
public static class AccessLogQuery
{
    public static readonly QueryParameterSpec[] Specs = Paging.Specs;
}

// A park's landlords see what operators did on their park: every write and every read of investors'
// phone numbers by a token that passed as an operator's rather than as one of the park's landlords.
public static partial class AccessLogApi
{
    [HttpEndpoint("GetAccessLog", "get", "parks/{parkId}/access-log"), RequireLandlordOfPark]
    [EndpointSummary("What operators did on this park (writes and reads of personal data), newest first")]
    [Tags("Landlords"), QueryParameters(typeof(AccessLogQuery))]
    public static Task<Results<Ok<AccessLogPage>, ProblemHttpResult>> Get(string parkId, int? limit, string? cursor, AccessLogStore store,
        CancellationToken cancellationToken) =>
        Paging.ReadAsync(limit, cursor, (size, token) => store.PageAsync(parkId, size, token, cancellationToken), (items, next) => new AccessLogPage(items, next));
}
