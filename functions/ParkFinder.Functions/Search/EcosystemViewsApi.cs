using ParkFinder.Functions.Parks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using ParkFinder.Functions.Ecosystem;
using ParkFinder.Functions.Hosting;

namespace ParkFinder.Functions.Search;

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

// What investors read of industry chains and future-industry tracks, from the read model: the
// definitions the index was built with, each park's chains with their gaps and its track scores with
// what produced them, and a region's chain panorama. (Operators change them in Ecosystem/EcosystemApi.)
public static partial class EcosystemViewsApi
{
    [HttpEndpoint("ListChains", "get", "chains"), RequireIndex]
    [EndpointSummary("The industry chains and their segments (上游/中游/下游)")]
    [Tags("Ecosystem")]
    public static Results<Ok<ChainDefinition[]>, ProblemHttpResult> ListChains(ParkIndexHolder holder) =>
        TypedResults.Ok(holder.Current.Definitions.Chains);

    [HttpEndpoint("ListTracks", "get", "tracks"), RequireIndex]
    [EndpointSummary("The future-industry tracks (未来力) and their directions")]
    [Tags("Ecosystem")]
    public static Results<Ok<TrackDefinition[]>, ProblemHttpResult> ListTracks(ParkIndexHolder holder) =>
        TypedResults.Ok(holder.Current.Definitions.Tracks);

    [HttpEndpoint("GetParkChains", "get", "parks/{parkId}/chains"), RequireIndex]
    [EndpointSummary("A park's industry chains: each segment's enterprises (anchors first) and its gaps")]
    [Tags("Ecosystem")]
    public static Results<Ok<ParkChains>, ProblemHttpResult> GetParkChains(string parkId, ParkIndexHolder holder) =>
        holder.Current.Find(parkId) is { } park ? TypedResults.Ok(new ParkChains(parkId, park.Ecosystem.Chains)) : Problems.ParkNotFound(parkId);

    [HttpEndpoint("GetParkTracks", "get", "parks/{parkId}/tracks"), RequireIndex]
    [EndpointSummary("A park's future-industry track scores, each with what produced it, and published index scores beside them")]
    [Tags("Ecosystem")]
    public static Results<Ok<ParkTracks>, ProblemHttpResult> GetParkTracks(string parkId, ParkIndexHolder holder) =>
        holder.Current.Find(parkId) is { } park ? TypedResults.Ok(new ParkTracks(parkId, park.Ecosystem.Tracks, park.Ecosystem.External)) : Problems.ParkNotFound(parkId);

    [HttpEndpoint("GetChainPanorama", "get", "chains/{chainId}/panorama"), RequireIndex]
    [EndpointSummary("A chain across a city's or district's parks: segments x parks, with counts and anchors")]
    [Tags("Ecosystem"), QueryParameters(typeof(PanoramaQuery))]
    public static Results<Ok<ChainPanorama>, ProblemHttpResult> GetChainPanorama(string chainId, string? city, string? district, ParkIndexHolder holder)
    {
        var errors = new Dictionary<string, string[]>();
        if (city is null && district is null) errors["city"] = ["city or district is required"];
        var regions = new Places.RegionCodes(errors);
        city = regions.Check("city", city, Places.PlaceLevel.City);
        district = regions.Check("district", district, Places.PlaceLevel.District);
        if (errors.Count > 0) return Problems.Invalid(errors, regions.ProblemCode);
        var index = holder.Current;
        if (index.Definitions.Chain(chainId) is not { } chain) return Problems.NotFound("chain_not_found", $"No chain is '{Problems.Short(chainId)}': GET /api/chains lists them.");
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
}
