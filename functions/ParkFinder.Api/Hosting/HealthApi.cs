using Microsoft.AspNetCore.Http.HttpResults;

namespace ParkFinder.Api.Hosting;

public static class HealthApi
{
    public sealed record HealthResponse(string Status, string Storage);

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        // The Functions host polls GET / until the custom handler answers.
        app.MapGet("/", () => TypedResults.Text("ParkFinder")).ExcludeFromDescription();
        app.MapGet("/api/health", GetHealth).WithName("GetHealth").WithTags("Health");
        return app;
    }

    public static async Task<Results<Ok<HealthResponse>, ProblemHttpResult>> GetHealth(StorageAccount storage, StorageInitializer initializer, HttpContext context, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        try
        {
            // One small read of each service: the tables' list (at most one row) and the containers' list.
            await foreach (var _ in storage.TableService.QueryAsync(maxPerPage: 1, cancellationToken: timeout.Token).AsPages(pageSizeHint: 1)) break;
            await foreach (var _ in storage.BlobService.GetBlobContainersAsync(cancellationToken: timeout.Token).AsPages(pageSizeHint: 1)) break;
            if (!initializer.Ready.IsCompleted)
                return Unavailable(context, "Storage answers but is not initialised yet.");
            return TypedResults.Ok(new HealthResponse("ok", "ok"));
        }
        catch (Exception ex) when (StorageFailure.IsUnavailable(ex) && !cancellationToken.IsCancellationRequested)
        {
            return Unavailable(context, "Storage did not answer: " + StorageFailure.Describe(ex));
        }
    }

    private static ProblemHttpResult Unavailable(HttpContext context, string detail)
    {
        context.Response.Headers.RetryAfter = "5";
        var result = Problems.Create(503, "storage_unavailable", "Storage is unavailable.", detail);
        result.ProblemDetails.Extensions["storage"] = "unavailable";
        return result;
    }
}
