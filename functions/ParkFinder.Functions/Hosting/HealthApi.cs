using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;

namespace ParkFinder.Functions.Hosting;

public static partial class HealthApi
{
    public sealed record HealthResponse(string Status, string Storage);

    // The API's OpenAPI document: generated from these functions by the local host, committed, and
    // served as is, so Azure and local runs answer the same document.
    [HttpEndpoint("GetOpenApiDocument", "get", "openapi.json")]
    [ExcludeFromDescription]
    public static IResult GetOpenApiDocument() => OpenApiDocument.Value is { } bytes
        ? TypedResults.Bytes(bytes, "application/json;charset=utf-8")
        : Problems.Create(404, "not_found", "Not found.", "This build carries no OpenAPI document.");

    private static readonly Lazy<byte[]?> OpenApiDocument = new(() =>
    {
        using var stream = typeof(HealthApi).Assembly.GetManifestResourceStream("openapi.json");
        if (stream is null) return null;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    [HttpEndpoint("GetHealth", "get", "health")]
    [EndpointSummary("Health: whether storage answers")]
    [Tags("Health")]
    public static async Task<Results<Ok<HealthResponse>, ProblemHttpResult>> GetHealth(StorageHealth health, HttpContext context)
    {
        var check = await health.CurrentAsync();
        return check.Ok ? TypedResults.Ok(new HealthResponse("ok", "ok")) : Unavailable(context, check.Detail);
    }

    private static ProblemHttpResult Unavailable(HttpContext context, string detail)
    {
        context.Response.Headers.RetryAfter = "5";
        var result = Problems.Create(503, "storage_unavailable", "Storage is unavailable.", detail);
        result.ProblemDetails.Extensions["storage"] = "unavailable";
        return result;
    }
}
