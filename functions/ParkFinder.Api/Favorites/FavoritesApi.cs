using Microsoft.AspNetCore.Http.HttpResults;
using ParkFinder.Api.Auth;
using ParkFinder.Api.Hosting;
using ParkFinder.Api.Parks;
using ParkFinder.Api.Search;
using ParkFinder.Storage.Tables;

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

    public static async Task<Ok<List<Favorite>>> List(HttpContext context, AppStorage storage, ParkIndexHolder holder, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(context)!;
        var items = await storage.Favorites.QueryAsync(TableQueryFilter.Create($"PartitionKey eq {user.Id}"), cancellationToken: cancellationToken)
            .Select(e => new Favorite(e.RowKey, e.GetDateTimeOffset("CreatedAt") ?? default, holder.Current.Find(e.RowKey)?.ToSummary()))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(items.OrderByDescending(f => f.CreatedAt).ToList());
    }

    public static async Task<Results<Ok<Favorite>, ProblemHttpResult>> Get(string parkId, HttpContext context, AppStorage storage, ParkIndexHolder holder,
        CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(context)!;
        var e = ParkValidation.IdPattern().IsMatch(parkId) ? await storage.Favorites.GetEntityIfExistsAsync(user.Id, parkId, cancellationToken: cancellationToken) : null;
        return e is null
            ? Problems.NotFound("favorite_not_found", $"Park '{parkId}' is not among your favorites.")
            : TypedResults.Ok(new Favorite(parkId, e.GetDateTimeOffset("CreatedAt") ?? default, holder.Current.Find(parkId)?.ToSummary()));
    }

    public static async Task<Results<Ok<Favorite>, ProblemHttpResult>> Put(string parkId, HttpContext context, AppStorage storage, ParkIndexHolder holder,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(context)!;
        if (holder.Current.Find(parkId) is not { } park) return Problems.ParkNotFound(parkId);
        var existing = await storage.Favorites.GetEntityIfExistsAsync(user.Id, parkId, cancellationToken: cancellationToken);
        var created = existing?.GetDateTimeOffset("CreatedAt") ?? time.GetUtcNow();
        if (existing is null)
            await storage.Favorites.UpsertEntityAsync(new TableEntity(user.Id, parkId) { ["CreatedAt"] = created }, TableUpdateMode.Replace, cancellationToken);
        return TypedResults.Ok(new Favorite(parkId, created, park.ToSummary()));
    }

    public static async Task<NoContent> Delete(string parkId, HttpContext context, AppStorage storage, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(context)!;
        if (ParkValidation.IdPattern().IsMatch(parkId)) await storage.Favorites.DeleteEntityAsync(user.Id, parkId, cancellationToken: cancellationToken);
        return TypedResults.NoContent();
    }
}
