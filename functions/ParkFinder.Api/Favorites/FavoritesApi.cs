using Microsoft.AspNetCore.Http.HttpResults;
using ParkFinder.Api.Auth;
using ParkFinder.Api.Hosting;
using ParkFinder.Api.Parks;
using ParkFinder.Api.Search;

namespace ParkFinder.Api.Favorites;

public sealed record Favorite(string ParkId, DateTimeOffset CreatedAt, ParkSummary? Park);

// An investor's saved parks. Favorites table: PartitionKey = user id, RowKey = park id.
public static class FavoritesApi
{
    public static IEndpointRouteBuilder MapFavoritesApi(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/me/favorites").WithTags("Favorites").RequireSignedIn();
        me.MapGet("/", List).WithName("ListFavorites");
        me.MapGet("/{parkId}", Get).WithName("GetFavorite");
        me.MapPut("/{parkId}", Put).WithName("PutFavorite");
        me.MapDelete("/{parkId}", Delete).WithName("DeleteFavorite");
        return app;
    }

    public static async Task<Ok<List<Favorite>>> List(HttpContext context, FavoriteStore store, ParkIndexHolder holder, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(context)!;
        var items = (await store.ListAsync(user.Id, cancellationToken))
            .Select(f => new Favorite(f.ParkId, f.CreatedAt, holder.Current.Find(f.ParkId)?.ToSummary())).ToList();
        return TypedResults.Ok(items.OrderByDescending(f => f.CreatedAt).ToList());
    }

    public static async Task<Results<Ok<Favorite>, ProblemHttpResult>> Get(string parkId, HttpContext context, FavoriteStore store, ParkIndexHolder holder,
        CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(context)!;
        var created = ParkValidation.IdPattern().IsMatch(parkId) ? await store.GetAsync(user.Id, parkId, cancellationToken) : null;
        return created is not { } at
            ? Problems.NotFound("favorite_not_found", $"Park '{parkId}' is not among your favorites.")
            : TypedResults.Ok(new Favorite(parkId, at, holder.Current.Find(parkId)?.ToSummary()));
    }

    public static async Task<Results<Ok<Favorite>, ProblemHttpResult>> Put(string parkId, HttpContext context, FavoriteStore store, ParkIndexHolder holder,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(context)!;
        if (holder.Current.Find(parkId) is not { } park) return Problems.ParkNotFound(parkId);
        var created = await store.AddAsync(user.Id, parkId, time.GetUtcNow(), cancellationToken);
        return TypedResults.Ok(new Favorite(parkId, created, park.ToSummary()));
    }

    public static async Task<NoContent> Delete(string parkId, HttpContext context, FavoriteStore store, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(context)!;
        if (ParkValidation.IdPattern().IsMatch(parkId)) await store.DeleteAsync(user.Id, parkId, cancellationToken);
        return TypedResults.NoContent();
    }
}
