using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using ParkFinder.Functions.Hosting;
using ParkFinder.Functions.Parks;

namespace ParkFinder.Functions.Ecosystem;

// The operators' side of industry chains and future-industry tracks: the definitions and published
// index scores. What investors read of them is the read model's (Search/EcosystemViewsApi).
public static partial class EcosystemApi
{
    [HttpEndpoint("ReplaceEcosystemDefinitions", "put", "admin/ecosystem", Level = AuthorizationLevel.Function), RequireAdmin]
    [EndpointSummary("Replace the chain and track definitions (every park's figures are recomputed)")]
    [Tags("Admin")]
    public static async Task<Results<Ok<EcosystemDefinitions>, ProblemHttpResult>> ReplaceDefinitions(EcosystemDefinitions definitions, EcosystemStore store,
        ParkStore parks, IEcosystemIndex index, CancellationToken cancellationToken)
    {
        var errors = definitions.Validate();
        if (errors.Count > 0) return Problems.Invalid(errors, "invalid_definitions", $"{errors.Count} field(s) are invalid; the definitions in use are unchanged.");
        await store.SaveDefinitionsAsync(definitions, cancellationToken);
        // Every instance rebuilds under the new definitions at its next version check; this one now.
        await parks.BumpVersionAsync(cancellationToken);
        await index.RebuildAsync(cancellationToken);
        return TypedResults.Ok(index.Definitions);
    }

    // What importing a published score works with, bound as one parameter ([AsParameters]).
    public sealed record ScoreServices(IParkIndex ParkIndex, IEcosystemIndex Index, EcosystemStore Store, ParkStore Parks, TimeProvider Time);

    [HttpEndpoint("ImportExternalScore", "put", "admin/parks/{parkId}/external-scores", Level = AuthorizationLevel.Function), RequireAdmin, RequireIndex]
    [EndpointSummary("Import a published index's scores for a park (shown beside ours, never mixed in)")]
    [Tags("Admin")]
    public static async Task<Results<Ok<ExternalScore>, ProblemHttpResult>> ImportExternalScore(string parkId, ExternalScore score, [AsParameters] ScoreServices services, CancellationToken cancellationToken)
    {
        var (parkIndex, index, store, parks, time) = services;
        if (!parkIndex.Contains(parkId)) return Problems.ParkNotFound(parkId);
        var definitions = index.Definitions;
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(score.Source) || score.Source.Length > 100) errors["source"] = ["is required, at most 100 characters"];
        if (score.Date == default || score.Date > DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)) errors["date"] = ["is required and not in the future"];
        if (score.Tracks is null || score.Tracks.Count == 0) errors["tracks"] = ["at least one track's score"];
        else
            foreach (var (track, value) in score.Tracks)
            {
                if (definitions.TrackIndex(track) < 0) errors[$"tracks.{track}"] = ["is not a track id"];
                else if (!(value >= 0 && value <= 100)) errors[$"tracks.{track}"] = ["must be 0 to 100"];
                else if (score.Tracks.Keys.Count(k => definitions.TrackIndex(k) == definitions.TrackIndex(track)) > 1)
                    errors[$"tracks.{track}"] = ["names a track given twice (by id and by name)"];
            }
        if (score.Total is { } total && !(total >= 0 && total <= 1000)) errors["total"] = ["must be 0 to 1000"];
        if (score.Url is not null && !(Uri.TryCreate(score.Url, UriKind.Absolute, out var url) && url.Scheme is "https" or "http")) errors["url"] = ["must be an http(s) address"];
        if (errors.Count > 0) return Problems.Invalid(errors);
        var stored = score with
        {
            Source = score.Source.Trim(),
            Tracks = score.Tracks!.ToDictionary(kv => definitions.Tracks[definitions.TrackIndex(kv.Key)].Id, kv => kv.Value),
        };
        await store.SaveExternalScoreAsync(parkId, stored, cancellationToken);
        await parks.RecordParkChangeAsync(parkId, cancellationToken);
        await parkIndex.ApplyParkChangeAsync(parkId, cancellationToken);
        return TypedResults.Ok(stored);
    }
}
