using ParkFinder.Functions.Parks;

namespace ParkFinder.Functions.Search;

public enum SearchSort { Relevance, Distance, Rent, AvailableArea, VacancyRate, Stars, Updated, Track }

// A map's visible region, GCJ-02: south-west and north-east corners (never across the antimeridian).
public sealed record GeoBox(double SwLat, double SwLng, double NeLat, double NeLng);

// A validated search: every field already checked against API.md's ranges.
public sealed record ParkQuery
{
    public string? Text { get; init; }
    public string? Province { get; init; }
    public string? City { get; init; }
    public string? District { get; init; }
    public string[] Industries { get; init; } = [];
    public SpaceType[] SpaceTypes { get; init; } = [];
    public double? MinArea { get; init; }
    public double? MaxArea { get; init; }
    public double? MinRent { get; init; }
    public double? MaxRent { get; init; }
    public int? MinStars { get; init; }
    public double? Lat { get; init; }
    public double? Lng { get; init; }
    public double? RadiusKm { get; init; }
    // GET /api/parks/map's box: parks inside it.
    public GeoBox? Box { get; init; }
    public double? MinCeilingHeightM { get; init; }
    public double? MinFloorLoad { get; init; }
    public double? MinPowerKva { get; init; }
    public string[] Tags { get; init; } = [];
    // The ecosystem filters (track and chain as ids once resolved against the definitions; policies as category ids).
    public string? Track { get; init; }
    public int? MinTrackScore { get; init; }
    public string? Chain { get; init; }
    public string[] Segments { get; init; } = [];
    public bool Anchor { get; init; }
    public string[] Policies { get; init; } = [];
    // Stale units (API.md: availability kept fresh) count in the unit filters and figures too.
    public bool IncludeStale { get; init; }
    public SearchSort Sort { get; init; } = SearchSort.Stars;
    public int Limit { get; init; } = 20;
    public SearchCursor? After { get; init; }

    public bool HasEcosystemFilter => MinTrackScore is not null || Chain is not null || Policies.Length > 0;

    public bool HasUnitFilter => SpaceTypes.Length > 0 || MinArea is not null || MaxArea is not null || MinRent is not null
        || MaxRent is not null || MinCeilingHeightM is not null || MinFloorLoad is not null || MinPowerKva is not null || Tags.Length > 0;

    // What a cursor is bound to: every filter and the sort, not the page size or position.
    public string Fingerprint() => string.Join('|', Text, Province, City, District, AsSet(Industries), AsSet(SpaceTypes), MinArea, MaxArea, MinRent,
        MaxRent, MinStars, Lat, Lng, RadiusKm, Box, MinCeilingHeightM, MinFloorLoad, MinPowerKva, AsSet(Tags), Sort,
        Track, MinTrackScore, Chain, AsSet(Segments), Anchor, AsSet(Policies), IncludeStale);

    // A list whose order does not matter, in one order; the usual empty or single list without sorting (per request).
    private static string AsSet(string[] values) => values.Length < 2 ? string.Join(',', values) : string.Join(',', values.Order(StringComparer.Ordinal));

    private static string AsSet(SpaceType[] values) => values.Length < 2 ? string.Join(',', values) : string.Join(',', values.Order());
}
