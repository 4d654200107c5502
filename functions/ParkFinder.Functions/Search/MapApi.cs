using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using ParkFinder.Functions.Hosting;
using ParkFinder.Functions.Search.Understanding;

namespace ParkFinder.Functions.Search;

// GET /api/parks/map's answer: clusters or parks (one of the two lists is empty), and with q what it was read as.
public sealed record MapResponse(int Total, string Level, IReadOnlyList<MapCluster> Clusters, IReadOnlyList<MapPark> Parks,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SearchFilters? Interpreted = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Text = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SearchFilters? Overridden = null);

// What GET /api/parks/map reads: the box and zoom, then every filter of GET /api/parks (no order, no paging).
public static class MapParameters
{
    public static readonly QueryParameterSpec[] Specs =
    [
        new("bbox", "string", "The visible region, GCJ-02: swLat,swLng,neLat,neLng (south-west then north-east corner; not across the antimeridian).", Required: true),
        new("zoom", "integer", "The map's zoom level as the mini-program's <map> reports it: <= 7 clusters by province, 8-10 by city, 11-12 by district, above parks (or grid cells when more than 300).", 3, 20, Required: true),
        .. SearchParameters.FilterSpecs,
        new("interpret", "boolean", "Read `q` as filters (default true); false searches it as text only."),
        new("includeStale", "boolean", "Count units whose availability nobody confirmed within Search:StaleAfterDays (default false)."),
    ];

    // Reads the filters' JSON back into their record, leaving out those not given.
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static GeoBox? Box(string? text, Dictionary<string, string[]> errors)
    {
        var parts = (text ?? "").Split(',');
        var values = parts.Select(p => double.TryParse(p.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : (double?)null).ToArray();
        if (parts.Length != 4 || values.Any(v => v is null)) { errors["bbox"] = ["must be swLat,swLng,neLat,neLng: four numbers"]; return null; }
        var (swLat, swLng, neLat, neLng) = (values[0]!.Value, values[1]!.Value, values[2]!.Value, values[3]!.Value);
        if (Math.Abs(swLat) > 90 || Math.Abs(neLat) > 90 || Math.Abs(swLng) > 180 || Math.Abs(neLng) > 180) errors["bbox"] = ["latitudes within ±90, longitudes within ±180"];
        else if (swLat > neLat) errors["bbox"] = ["the south-west corner lies north of the north-east one"];
        else if (swLng > neLng) errors["bbox"] = ["crosses the antimeridian (swLng > neLng): ask for the two sides apart"];
        return errors.ContainsKey("bbox") ? null : new GeoBox(swLat, swLng, neLat, neLng);
    }
}

public static partial class MapApi
{
    [HttpEndpoint("MapParks", "get", "parks/map")]
    [EndpointSummary("The parks of a search in the map's visible region: clusters by province, city, district or grid cell, or the parks themselves")]
    [Tags("Parks"), QueryParameters(typeof(MapParameters))]
    public static Results<Ok<MapResponse>, ProblemHttpResult> Map(string? bbox, string? zoom, HttpContext context, ParkIndexHolder holder)
    {
        var errors = new Dictionary<string, string[]>();
        var box = MapParameters.Box(bbox, errors);
        if (!int.TryParse(zoom, NumberStyles.Integer, CultureInfo.InvariantCulture, out var level) || level is < 3 or > 20)
            errors["zoom"] = ["must be a whole number between 3 and 20"];
        if (SearchRequest.Read(context, holder, errors, out var problem) is not { } request) return problem!;
        var (index, reading, _, query, _) = request;
        var map = index.Map(query with { Box = box, Limit = 1 }, level);
        return TypedResults.Ok(new MapResponse(map.Total, map.Level.ToString().ToLowerInvariant(), map.Clusters, map.Parks,
            reading is null ? null : Filters(reading.Interpreted), reading?.Interpretation.Text, reading is null ? null : Filters(reading.Overridden)));
    }

    private static SearchFilters Filters(IReadOnlyList<KeyValuePair<string, string[]>> filters) =>
        JsonSerializer.Deserialize<SearchFilters>(SearchPageExtras.FiltersJson(filters), MapParameters.Json)!;
}
