using Microsoft.AspNetCore.Http.HttpResults;
using ParkFinder.Functions.Hosting;
using ParkFinder.Functions.Parks;
using ParkFinder.Functions.Search;
using Microsoft.Azure.Functions.Worker;

namespace ParkFinder.Functions.Favorites;

public sealed record Favorite(string ParkId, DateTimeOffset CreatedAt, ParkSummary? Park);

public sealed record FavoritesPage(IReadOnlyList<Favorite> Items, string? NextCursor);

// An investor's saved parks. Favorites table: PartitionKey = user id, RowKey = park id.
public static partial class FavoritesApi
{
    [HttpEndpoint("ListFavorites", "get", "me/favorites"), RequireSignedIn]
    [EndpointSummary("My favorite parks, newest first")]
    [Tags("Favorites"), QueryParameters(typeof(Paging))]
    public static Task<Results<Ok<FavoritesPage>, ProblemHttpResult>> List(int? limit, string? cursor, CurrentUser user, FavoriteStore store,
        ParkIndexHolder holder, CancellationToken cancellationToken) =>
        Paging.ReadNewestFirstAsync(limit, cursor, () => store.ListAsync(user.Id, cancellationToken), f => (f.CreatedAt, f.ParkId),
            f => new Favorite(f.ParkId, f.CreatedAt, holder.Current.Find(f.ParkId)?.ToSummary()), (items, next) => new FavoritesPage(items, next));

    [HttpEndpoint("GetFavorite", "get", "me/favorites/{parkId}"), RequireSignedIn]
    [EndpointSummary("Whether a park is among my favorites")]
    [Tags("Favorites")]
    public static async Task<Results<Ok<Favorite>, ProblemHttpResult>> Get(string parkId, CurrentUser user, FavoriteStore store, ParkIndexHolder holder,
        CancellationToken cancellationToken)
    {
        var created = ParkValidation.IdPattern().IsMatch(parkId) ? await store.GetAsync(user.Id, parkId, cancellationToken) : null;
        return created is not { } at
            ? Problems.NotFound("favorite_not_found", $"Park '{Problems.Short(parkId)}' is not among your favorites.")
            : TypedResults.Ok(new Favorite(parkId, at, holder.Current.Find(parkId)?.ToSummary()));
    }

    [HttpEndpoint("PutFavorite", "put", "me/favorites/{parkId}"), RequireSignedIn]
    [EndpointSummary("Add a park to favorites")]
    [Tags("Favorites")]
    public static async Task<Results<Ok<Favorite>, ProblemHttpResult>> Put(string parkId, CurrentUser user, FavoriteStore store, ParkIndexHolder holder,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (holder.Current.Find(parkId) is not { } park) return Problems.ParkNotFound(parkId);
        var created = await store.AddAsync(user.Id, parkId, time.GetUtcNow(), cancellationToken);
        return TypedResults.Ok(new Favorite(parkId, created, park.ToSummary()));
    }

    [HttpEndpoint("DeleteFavorite", "delete", "me/favorites/{parkId}"), RequireSignedIn]
    [EndpointSummary("Remove a park from favorites")]
    [Tags("Favorites")]
    public static async Task<NoContent> Delete(string parkId, CurrentUser user, FavoriteStore store, CancellationToken cancellationToken)
    {
        if (ParkValidation.IdPattern().IsMatch(parkId)) await store.DeleteAsync(user.Id, parkId, cancellationToken);
        return TypedResults.NoContent();
    }
}
