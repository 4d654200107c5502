using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using ParkFinder.Functions.Hosting;
using ParkFinder.Functions.Parks;
using ParkFinder.Functions.Search;

namespace ParkFinder.Functions.Ecosystem;

public sealed record ParkChains(string ParkId, IReadOnlyList<ChainInPark> Chains);

public sealed record ParkTracks(string ParkId, IReadOnlyList<TrackScore> Tracks, IReadOnlyList<ExternalScore> ExternalScores);

public sealed record PanoramaPark(string Id, string Name, int Covered, int Anchors);

public sealed record PanoramaCell(string ParkId, int Enterprises, string[] Anchors);

// A segment across the region's parks; Parks = 0 makes it a gap of the whole region.
public sealed record PanoramaSegment(string Id, string Name, string Stage, int Parks, int Enterprises, int Anchors, IReadOnlyList<PanoramaCell> Cells);

public sealed record ChainPanorama(string Chain, string Name, string? City, string? District, IReadOnlyList<PanoramaPark> Parks, IReadOnlyList<PanoramaSegment> Segments);

// What GET /api/chains/{chainId}/panorama reads (bound to the handler's parameters; described here for OpenAPI).
public static class PanoramaQuery
{
    public static readonly QueryParameterSpec[] Specs =
    [
        new("city", "string", "City adcode; the panorama of its parks (this or district)."),
        new("district", "string", "District adcode; the panorama of its parks."),
    ];
}

// Industry chains and future-industry tracks: the definitions, each park's chains with their gaps
// and its track scores with what produced them, a region's chain panorama, and the operators' side.
public static class EcosystemApi
{
    [Function("ListChains"), RequireIndex]
    public static Task ListChainsFunction([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "chains")] HttpRequest req) =>
        FunctionEndpoint.RunAsync(req, ListChains);

    [Function("ListTracks"), RequireIndex]
    public static Task ListTracksFunction([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "tracks")] HttpRequest req) =>
        FunctionEndpoint.RunAsync(req, ListTracks);

    [Function("GetParkChains"), RequireIndex]
    public static Task GetParkChainsFunction([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "parks/{parkId}/chains")] HttpRequest req) =>
        FunctionEndpoint.RunAsync(req, GetParkChains);

    [Function("GetParkTracks"), RequireIndex]
    public static Task GetParkTracksFunction([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "parks/{parkId}/tracks")] HttpRequest req) =>
        FunctionEndpoint.RunAsync(req, GetParkTracks);

    [Function("GetChainPanorama"), RequireIndex]
    public static Task GetChainPanoramaFunction([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "chains/{chainId}/panorama")] HttpRequest req) =>
        FunctionEndpoint.RunAsync(req, GetChainPanorama);

    [Function("ReplaceEcosystemDefinitions"), RequireAdmin]
    public static Task ReplaceDefinitionsFunction([HttpTrigger(AuthorizationLevel.Function, "put", Route = "admin/ecosystem")] HttpRequest req) =>
        FunctionEndpoint.RunAsync(req, ReplaceDefinitions);

    [Function("ImportExternalScore"), RequireAdmin, RequireIndex]
    public static Task ImportExternalScoreFunction([HttpTrigger(AuthorizationLevel.Function, "put", Route = "admin/parks/{parkId}/external-scores")] HttpRequest req) =>
        FunctionEndpoint.RunAsync(req, ImportExternalScore);

    [EndpointSummary("The industry chains and their segments (上游/中游/下游)")]
    [Tags("Ecosystem")]
    public static Results<Ok<ChainDefinition[]>, ProblemHttpResult> ListChains(HttpContext context, ParkIndexHolder holder) =>
        TypedResults.Ok(holder.Current.Definitions.Chains);

    [EndpointSummary("The future-industry tracks (未来力) and their directions")]
    [Tags("Ecosystem")]
    public static Results<Ok<TrackDefinition[]>, ProblemHttpResult> ListTracks(HttpContext context, ParkIndexHolder holder) =>
        TypedResults.Ok(holder.Current.Definitions.Tracks);

    [EndpointSummary("A park's industry chains: each segment's enterprises (anchors first) and its gaps")]
    [Tags("Ecosystem")]
    public static Results<Ok<ParkChains>, ProblemHttpResult> GetParkChains(string parkId, HttpContext context, ParkIndexHolder holder) =>
        holder.Current.Find(parkId) is { } park ? TypedResults.Ok(new ParkChains(parkId, park.Ecosystem.Chains)) : Problems.ParkNotFound(parkId);

    [EndpointSummary("A park's future-industry track scores, each with what produced it, and published index scores beside them")]
    [Tags("Ecosystem")]
    public static Results<Ok<ParkTracks>, ProblemHttpResult> GetParkTracks(string parkId, HttpContext context, ParkIndexHolder holder) =>
        holder.Current.Find(parkId) is { } park ? TypedResults.Ok(new ParkTracks(parkId, park.Ecosystem.Tracks, park.Ecosystem.External)) : Problems.ParkNotFound(parkId);

    [EndpointSummary("A chain across a city's or district's parks: segments x parks, with counts and anchors")]
    [Tags("Ecosystem"), QueryParameters(typeof(PanoramaQuery))]
    public static Results<Ok<ChainPanorama>, ProblemHttpResult> GetChainPanorama(string chainId, string? city, string? district, HttpContext context,
        ParkIndexHolder holder)
    {
        var errors = new Dictionary<string, string[]>();
        if (city is null && district is null) errors["city"] = ["city or district is required"];
        var regions = new Places.RegionCodes(errors);
        city = regions.Check("city", city, Places.PlaceLevel.City);
        district = regions.Check("district", district, Places.PlaceLevel.District);
        if (errors.Count > 0) return Problems.Invalid(errors, regions.ProblemCode);
        var index = holder.Current;
        if (index.Definitions.Chain(chainId) is not { } chain) return Problems.NotFound("chain_not_found", $"No chain is '{chainId}': GET /api/chains lists them.");
        var inChain = index.ParksIn(city, district, withChain: chain.Id)
            .Select(p => (Park: p, Chain: p.Ecosystem.Chains.FirstOrDefault(c => c.Chain == chain.Id)))
            .Where(x => x.Chain is not null).ToList();
        var parks = inChain.Select(x => new PanoramaPark(x.Park.Park.Id, x.Park.Park.Name, x.Chain!.Covered, x.Chain.Anchors)).ToList();
        var segments = chain.Segments.Select(s =>
        {
            var cells = inChain.Select(x => (x.Park, Segment: x.Chain!.SegmentList.First(y => y.Id == s.Id)))
                .Where(x => !x.Segment.Gap)
                .Select(x => new PanoramaCell(x.Park.Park.Id, x.Segment.Enterprises.Count,
                    x.Segment.Enterprises.Where(e => e.Role == EnterpriseRoles.Anchor).Select(e => e.Name).ToArray())).ToList();
            return new PanoramaSegment(s.Id, s.Name, s.Stage, cells.Count, cells.Sum(c => c.Enterprises), cells.Sum(c => c.Anchors.Length), cells);
        }).ToList();
        return TypedResults.Ok(new ChainPanorama(chain.Id, chain.Name, city, district, parks, segments));
    }

    [EndpointSummary("Replace the chain and track definitions (every park's figures are recomputed)")]
    [Tags("Admin")]
    public static async Task<Results<Ok<EcosystemDefinitions>, ProblemHttpResult>> ReplaceDefinitions(EcosystemDefinitions definitions, EcosystemStore store,
        ParkStore parks, ParkIndexHolder holder, CancellationToken cancellationToken)
    {
        var errors = definitions.Validate();
        if (errors.Count > 0) return Problems.Invalid(errors, "invalid_definitions", $"{errors.Count} field(s) are invalid; the definitions in use are unchanged.");
        await store.SaveDefinitionsAsync(definitions, cancellationToken);
        // Every instance rebuilds under the new definitions at its next version check; this one now.
        await parks.BumpVersionAsync(cancellationToken);
        await holder.RefreshAsync(force: true, cancellationToken);
        return TypedResults.Ok(holder.Current.Definitions);
    }

    [EndpointSummary("Import a published index's scores for a park (shown beside ours, never mixed in)")]
    [Tags("Admin")]
    public static async Task<Results<Ok<ExternalScore>, ProblemHttpResult>> ImportExternalScore(string parkId, ExternalScore score, HttpContext context,
        ParkIndexHolder holder, EcosystemStore store, ParkStore parks, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!holder.Current.Contains(parkId)) return Problems.ParkNotFound(parkId);
        var definitions = holder.Current.Definitions;
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
        await holder.ApplyParkChangeAsync(parkId, cancellationToken);
        return TypedResults.Ok(stored);
    }
}
