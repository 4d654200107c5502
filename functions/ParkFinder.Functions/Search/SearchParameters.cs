using System.Globalization;
using Microsoft.Extensions.Primitives;
using ParkFinder.Functions.Hosting;
using ParkFinder.Functions.Parks;
using ParkFinder.Functions.Places;

namespace ParkFinder.Functions.Search;

// Reads GET /api/parks's query string into a ParkQuery, collecting every error by parameter name.
public sealed class SearchParameters(IQueryCollection query)
{
    public const int MaxLimit = 50, DefaultLimit = 20;
    private static readonly string[] ApiSpaceTypes = ["land", "factory", "warehouse", "office"];

    // GET /api/parks's filters (what a saved search keeps), then its order and paging; the parser
    // below reads exactly these names.
    public static readonly QueryParameterSpec[] FilterSpecs =
    [
        new("q", "string", "The search box's line (at most 100 characters): places, space types, areas, rents, stars, industries, tags, policies and tracks are read as filters (see `interpreted`), the rest is searched as text in park names (also by pinyin), districts, industries and tags."),
        new("province", "string", "Province adcode (GB/T 2260), e.g. 320000; a municipality's is its city's, e.g. 110000."),
        new("city", "string", "City adcode (GB/T 2260), e.g. 440300; a municipality's 110000 and 110100 are the same city."),
        new("district", "string", "District adcode, e.g. 440305."),
        new("industry", "string", "A leading industry, e.g. 生物医药; any of several (at most 10).", Repeated: true),
        new("spaceType", "string", "Space type; any of several.", Values: ApiSpaceTypes, Repeated: true),
        new("minArea", "number", "An available unit of at least this area (m2).", 0, 1e8),
        new("maxArea", "number", "An available unit of at most this area (m2).", 0, 1e8),
        new("minRent", "number", "An available unit asking at least this rent (CNY/m2/month).", 0, 1e6),
        new("maxRent", "number", "An available unit asking at most this rent (CNY/m2/month).", 0, 1e6),
        new("minStars", "integer", "Park rating at least.", 1, 5),
        new("lat", "number", "Latitude, GCJ-02 (with lng).", -90, 90),
        new("lng", "number", "Longitude, GCJ-02 (with lat).", -180, 180),
        new("radiusKm", "number", "Within this distance of lat/lng (km).", 0, MaxRadiusKm),
        new("minCeilingHeightM", "number", "An available unit with at least this clear height (m).", 0, 100),
        new("minFloorLoad", "number", "An available unit with at least this floor load (t/m2).", 0, 100),
        new("minPowerKva", "number", "An available unit with at least this power (kVA).", 0, 1e6),
        new("tag", "string", "A tag of the park or of an available unit; all of several.", Repeated: true),
        new("track", "string", "A future-industry track (id or name, GET /api/tracks), e.g. future-health or 未来健康: for minTrackScore and sort=track."),
        new("minTrackScore", "integer", "The park's score in `track` at least this (0-100).", 0, 100),
        new("chain", "string", "An industry chain (id or name, GET /api/chains), e.g. new-energy-vehicle or 新能源汽车: an enterprise of the park in it."),
        new("segment", "string", "A segment of `chain` (id or name), e.g. battery-pack or 电池包: an enterprise in it; all of several.", Repeated: true),
        new("anchor", "boolean", "With chain: an anchor enterprise (链主/龙头) of the park in that chain."),
        new("policy", "string", "A policy category the park offers (id or label): funding 资金扶持, talent 人才, tax 税收, rent 租金, registration 注册, other 其他; all of several.", Repeated: true),
    ];

    public static readonly QueryParameterSpec[] Specs =
    [
        .. FilterSpecs,
        new("sort", "string", "Order; default relevance with q, distance with lat/lng, else stars.",
            Values: ["relevance", "distance", "rent", "availableArea", "vacancyRate", "stars", "updated", "track"]),
        new("interpret", "boolean", "Read `q` as filters (default true); false searches it as text only."),
        new("facets", "string", "Counts beside the page for the filter sheet: any of district, city, spaceType, industry, policy, stars, track, chain, tag (repeatable or comma-separated).", Repeated: true),
        new("includeStale", "boolean", "Count units whose availability nobody confirmed within Search:StaleAfterDays (default false)."),
        new("limit", "integer", "Page size (default 20).", 1, MaxLimit),
        new("cursor", "string", "The previous page's nextCursor."),
    ];
    public const double MaxRadiusKm = 200;
    public Dictionary<string, string[]> Errors { get; } = new();
    private RegionCodes? _regions;
    private RegionCodes Regions => _regions ??= new RegionCodes(Errors);

    // unknown_region when every error is a code the region table does not know.
    public string ErrorCode => _regions?.ProblemCode ?? "invalid_parameter";

    // The facets asked for (valid once Parse has run without errors).
    public string[] Facets { get; private set; } = [];

    public ParkQuery? Parse(out string? cursorToken)
    {
        if (query.ContainsKey("facets")) // read only when asked for: nothing is allocated for it per search otherwise
        {
            Facets = Many("facets").SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct().ToArray();
            foreach (var facet in Facets.Where(f => !ParkSearchIndex.FacetNames.Contains(f)))
                Error("facets", $"'{Problems.Short(facet)}' is not one of {string.Join(", ", ParkSearchIndex.FacetNames)}");
        }
        cursorToken = Single("cursor");
        var text = Single("q")?.Trim();
        if (text is { Length: > 100 }) Error("q", "must be at most 100 characters");
        if (text is not null && TextIndex.Terms(text).Length == 0) text = null;
        var province = Region("province", PlaceLevel.Province);
        var city = Region("city", PlaceLevel.City);
        var district = Region("district", PlaceLevel.District);
        var industries = Many("industry");
        if (industries.Length > 10) Error("industry", "at most 10 values");
        var spaceTypes = new List<SpaceType>();
        foreach (var value in Many("spaceType"))
            if (SpaceTypes.TryParseApi(value, out var type)) spaceTypes.Add(type);
            else Error("spaceType", $"'{Problems.Short(value)}' is not one of land, factory, warehouse, office");
        var minArea = Number("minArea", 0, 1e8);
        var maxArea = Number("maxArea", 0, 1e8);
        if (minArea > maxArea) Error("maxArea", "must be >= minArea");
        var minRent = Number("minRent", 0, 1e6);
        var maxRent = Number("maxRent", 0, 1e6);
        if (minRent > maxRent) Error("maxRent", "must be >= minRent");
        var minStars = Integer("minStars", 1, 5);
        var lat = Number("lat", -90, 90);
        var lng = Number("lng", -180, 180);
        if ((lat is null) != (lng is null)) Error(lat is null ? "lat" : "lng", "lat and lng go together");
        var radius = Number("radiusKm", 0, MaxRadiusKm);
        if (radius is not null && radius <= 0) Error("radiusKm", "must be > 0");
        if (radius is not null && lat is null) Error("radiusKm", "needs lat and lng");
        var tags = Many("tag");
        if (tags.Length > 10) Error("tag", "at most 10 values");
        var limit = Integer("limit", 1, MaxLimit) ?? DefaultLimit;
        var track = Single("track")?.Trim();
        var minTrackScore = Integer("minTrackScore", 0, 100);
        if (minTrackScore is not null && track is null) Error("minTrackScore", "needs track");
        var chain = Single("chain")?.Trim();
        var segments = Many("segment");
        if (segments.Length > 10) Error("segment", "at most 10 values");
        if (segments.Length > 0 && chain is null) Error("segment", "needs chain");
        var anchor = Boolean("anchor") ?? false;
        var includeStale = Boolean("includeStale") ?? false;
        Boolean("interpret");
        if (anchor && chain is null) Error("anchor", "needs chain");
        var policies = new List<string>();
        foreach (var value in Many("policy"))
            if (PolicyCategory(value) is { } category) policies.Add(category);
            else Error("policy", $"'{Problems.Short(value)}' is not one of funding, talent, tax, rent, registration, other (or 资金扶持, 人才, 税收, 租金, 注册, 其他)");

        var sortText = Single("sort");
        SearchSort sort;
        if (sortText is null) sort = text is not null ? SearchSort.Relevance : lat is not null ? SearchSort.Distance : SearchSort.Stars;
        else if (!TryParseSort(sortText, out sort))
            Error("sort", "must be one of relevance, distance, rent, availableArea, vacancyRate, stars, updated, track");
        if (sort == SearchSort.Distance && lat is null) Error("sort", "distance needs lat and lng");
        if (sort == SearchSort.Track && track is null) Error("sort", "track needs track");

        if (Errors.Count > 0) return null;
        return new ParkQuery
        {
            Text = text, Province = province, City = city, District = district, Industries = industries, SpaceTypes = spaceTypes.Distinct().ToArray(),
            MinArea = minArea, MaxArea = maxArea, MinRent = minRent, MaxRent = maxRent, MinStars = minStars,
            Lat = lat, Lng = lng, RadiusKm = radius, Tags = tags, Sort = sort, Limit = limit,
            MinCeilingHeightM = Number("minCeilingHeightM", 0, 100), MinFloorLoad = Number("minFloorLoad", 0, 100),
            MinPowerKva = Number("minPowerKva", 0, 1e6),
            IncludeStale = includeStale,
            Track = track, MinTrackScore = minTrackScore, Chain = chain, Segments = segments, Anchor = anchor, Policies = policies.Distinct().ToArray(),
        };
    }

    // The region checker is made only when a code is given (most searches name none).
    private string? Region(string name, PlaceLevel level) => Single(name) is { } value ? Regions.Check(name, value, level) : null;

    private static bool TryParseSort(string text, out SearchSort sort)
    {
        (var ok, sort) = text switch
        {
            "relevance" => (true, SearchSort.Relevance),
            "distance" => (true, SearchSort.Distance),
            "rent" => (true, SearchSort.Rent),
            "availableArea" => (true, SearchSort.AvailableArea),
            "vacancyRate" => (true, SearchSort.VacancyRate),
            "stars" => (true, SearchSort.Stars),
            "updated" => (true, SearchSort.Updated),
            "track" => (true, SearchSort.Track),
            _ => (false, default),
        };
        return ok;
    }

    // Parks' policy categories (ParkValidation), by id or by the label a district site uses.
    public static string? PolicyCategory(string value) => value switch
    {
        "funding" or "资金扶持" or "资金" or "扶持资金" => "funding",
        "talent" or "人才" or "人才政策" => "talent",
        "tax" or "税收" or "税收优惠" => "tax",
        "rent" or "租金" or "租金补贴" or "房租补贴" => "rent",
        "registration" or "注册" or "注册服务" => "registration",
        "other" or "其他" => "other",
        _ => null,
    };

    private bool? Boolean(string name)
    {
        var value = Single(name);
        if (value is null) return null;
        if (value is "true" or "1") return true;
        if (value is "false" or "0") return false;
        Error(name, "must be true or false");
        return null;
    }

    private void Error(string name, string message)
    {
        Errors[name] = Errors.TryGetValue(name, out var existing) ? [.. existing, message] : [message];
    }

    private string? Single(string name)
    {
        if (!query.TryGetValue(name, out StringValues values) || values.Count == 0) return null;
        if (values.Count > 1) { Error(name, "must be given once"); return null; }
        return string.IsNullOrWhiteSpace(values[0]) ? null : values[0];
    }

    private string[] Many(string name) =>
        query.TryGetValue(name, out var values) ? values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).Distinct().ToArray() : [];

    private double? Number(string name, double min, double max)
    {
        var value = Single(name);
        if (value is null) return null;
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) || !double.IsFinite(n))
        {
            Error(name, "must be a number");
            return null;
        }
        if (n < min || n > max) { Error(name, $"must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}"); return null; }
        return n;
    }

    private int? Integer(string name, int min, int max)
    {
        var value = Single(name);
        if (value is null) return null;
        if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) { Error(name, "must be a whole number"); return null; }
        if (n < min || n > max) { Error(name, $"must be between {min} and {max}"); return null; }
        return n;
    }
}
