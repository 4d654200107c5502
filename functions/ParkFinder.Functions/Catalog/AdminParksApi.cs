using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using ParkFinder.Functions.Hosting;
using ParkFinder.Functions.Search;
using Microsoft.Azure.Functions.Worker;

using ParkFinder.Functions.Parks;

namespace ParkFinder.Functions.Catalog;

public sealed record ImportResponse(int Parks, int Units);

public sealed record IndexStatus(string Version, int Parks, int AvailableUnits, DateTimeOffset BuiltAt);

public static partial class AdminParksApi
{
    [HttpEndpoint("ImportParks", "post", "admin/parks", Level = AuthorizationLevel.Function), RequireAdmin]
    [Tags("Admin")]
    [EndpointSummary("Import parks with their units (JSON or CSV, validated whole)")]
    [DocumentedBody(typeof(List<Park>), "application/json"), DocumentedBody(null, "text/csv"), ProblemResponse(413, "payload_too_large"), ProblemResponse(415, "unsupported_media_type")]
    public static async Task<Results<Ok<ImportResponse>, ProblemHttpResult>> ImportParks(HttpRequest request, ParkIndexHolder holder,
        CatalogImport import, CancellationToken cancellationToken)
    {
        var mediaType = request.GetTypedHeaders().ContentType?.MediaType.Value;
        List<Park?>? parks;
        if (mediaType is "text/csv")
        {
            var (parsed, csvErrors) = await ParkCsv.ReadAsync(request.Body, cancellationToken);
            if (csvErrors.Count > 0) return Problems.Invalid(csvErrors, "invalid_import", "The CSV has invalid rows; nothing was written.");
            parks = parsed!;
        }
        else if (mediaType is "application/json" || mediaType is null)
        {
            try
            {
                parks = await JsonSerializer.DeserializeAsync<List<Park?>>(request.Body, JsonBodies.Options, cancellationToken);
            }
            catch (JsonException ex)
            {
                return Problems.Invalid(new Dictionary<string, string[]> { [ex.Path ?? "$"] = [ex.Message] }, "invalid_json",
                    "The body is not a JSON array of parks; nothing was written.");
            }
            if (parks is null) return Problems.Invalid("$", "must be a JSON array of parks", "invalid_json");
        }
        else
        {
            return Problems.Create(415, "unsupported_media_type", "Send application/json or text/csv.", $"'{Problems.Short(mediaType)}' is not accepted.");
        }

        var errors = import.Validate(parks);
        if (errors.Count > 0) return Problems.Invalid(errors, "invalid_import", $"{errors.Count} field(s) are invalid; nothing was written.");
        var valid = parks.Select(p => p!).ToList();
        valid.ForEach(ParkValidation.Normalize);
        await import.ImportAsync(valid, cancellationToken);

        // The import moved the catalog version (durably), so every instance rebuilds within its refresh
        // period; this one's refresher is asked to rebuild now rather than at its next tick.
        holder.RequestRefresh(force: true);
        return TypedResults.Ok(new ImportResponse(valid.Count, valid.Sum(p => p.Units?.Count ?? 0)));
    }

    [HttpEndpoint("RefreshIndex", "post", "admin/index/refresh", Level = AuthorizationLevel.Function), RequireAdmin]
    [EndpointSummary("Rebuild this instance's search index now")]
    [Tags("Admin")]
    public static async Task<Ok<IndexStatus>> RefreshIndex(ParkIndexHolder holder, CancellationToken cancellationToken)
    {
        var index = await holder.RefreshAsync(force: true, cancellationToken);
        return TypedResults.Ok(new IndexStatus(index.Version, index.Count, index.AvailableUnitCount, index.BuiltAt));
    }
}
