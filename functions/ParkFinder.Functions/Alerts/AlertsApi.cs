using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using ParkFinder.Functions.Hosting;
using ParkFinder.Functions.Search;
using Microsoft.Azure.Functions.Worker;

namespace ParkFinder.Functions.Alerts;

public sealed record AlertRequest(string? Name, string? Query);

public sealed record Alert(string Id, string? Name, string Query, DateTimeOffset CreatedAt, DateTimeOffset? LastNotifiedAt, string? LastDelivery, int? MatchingParks);

public sealed record AlertsPage(IReadOnlyList<Alert> Items, string? NextCursor);

// An investor's saved searches: a WeChat subscribe message when a matching unit becomes available.
public static partial class AlertsApi
{
    public const int MaxPerUser = 20;

    [HttpEndpoint("CreateAlert", "post", "me/alerts"), RequireSignedIn]
    [EndpointSummary("Save a search and be alerted to newly available units")]
    [Tags("Alerts")]
    [ProblemResponse(409, "alert_limit_reached")]
    public static async Task<Results<Created<Alert>, ProblemHttpResult>> Create(AlertRequest request, CurrentUser user, AlertStore store,
        ParkIndexHolder holder, TimeProvider time, CancellationToken cancellationToken)
    {
        var (stored, query, errors) = SavedSearch.Parse(request.Query, holder.Current.Definitions, holder.IsLoaded ? holder.Current.Lexicon : null);
        var name = request.Name?.Trim();
        if (name is { Length: > 40 }) errors["name"] = ["must be at most 40 characters"];
        if (errors.Count > 0) return Problems.Invalid(errors);
        var existing = await store.CountAsync(user.Id, cancellationToken);
        if (existing >= MaxPerUser)
            return Problems.Create(409, "alert_limit_reached", "Too many alerts.", $"At most {MaxPerUser} saved searches per user; delete one first.");
        var id = "a" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant();
        var alert = await store.AddAsync(user.Id, id, string.IsNullOrEmpty(name) ? null : name, stored!, cancellationToken);
        return TypedResults.Created($"/api/me/alerts/{id}", ToAlert(alert, holder));
    }

    [HttpEndpoint("ListAlerts", "get", "me/alerts"), RequireSignedIn]
    [EndpointSummary("My saved searches, newest first")]
    [Tags("Alerts"), QueryParameters(typeof(Paging))]
    public static Task<Results<Ok<AlertsPage>, ProblemHttpResult>> List(int? limit, string? cursor, CurrentUser user, AlertStore store,
        ParkIndexHolder holder, CancellationToken cancellationToken) =>
        Paging.ReadNewestFirstAsync(limit, cursor, () => store.ListAsync(user.Id, cancellationToken), a => (a.CreatedAt, a.Id), a => ToAlert(a, holder),
            (items, next) => new AlertsPage(items, next));

    [HttpEndpoint("GetAlert", "get", "me/alerts/{alertId}"), RequireSignedIn]
    [EndpointSummary("One of my saved searches")]
    [Tags("Alerts")]
    public static async Task<Results<Ok<Alert>, ProblemHttpResult>> Get(string alertId, CurrentUser user, AlertStore store, ParkIndexHolder holder,
        CancellationToken cancellationToken)
    {
        var e = IsAlertId(alertId) ? await store.GetAsync(user.Id, alertId, cancellationToken) : null;
        return e is null ? NotFound(alertId) : TypedResults.Ok(ToAlert(e, holder));
    }

    [HttpEndpoint("DeleteAlert", "delete", "me/alerts/{alertId}"), RequireSignedIn]
    [EndpointSummary("Delete a saved search")]
    [Tags("Alerts")]
    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(string alertId, CurrentUser user, AlertStore store, CancellationToken cancellationToken)
    {
        if (!IsAlertId(alertId) || await store.GetAsync(user.Id, alertId, cancellationToken) is null) return NotFound(alertId);
        await store.DeleteAsync(user.Id, alertId, cancellationToken);
        return TypedResults.NoContent();
    }

    // How many parks match now, from this instance's index: what the investor would see searching.
    private static Alert ToAlert(StoredAlert a, ParkIndexHolder holder)
    {
        var query = SavedSearch.Read(a.Query, holder.Current.Definitions);
        return new Alert(a.Id, a.Name, a.Query, a.CreatedAt, a.LastNotifiedAt, a.LastDelivery,
            query is not null && holder.IsLoaded ? holder.Current.Search(query).Total : null);
    }

    private static bool IsAlertId(string id) => id.Length == 17 && id[0] == 'a' && id.Skip(1).All(Uri.IsHexDigit);

    private static ProblemHttpResult NotFound(string alertId) => Problems.NotFound("alert_not_found", $"You have no alert '{Problems.Short(alertId)}'.");
}
