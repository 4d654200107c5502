using ParkFinder.Functions.Hosting;
using System.Buffers;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Serialization;
using ParkFinder.Functions.Ecosystem;
using ParkFinder.Functions.Parks;

using ParkFinder.Functions.Units;

namespace ParkFinder.Functions.Search;

// A search hit (and a favorite's park). DistanceKm is only there when the search gave lat/lng: the
// search writes it after the pre-serialised rest.
public sealed record ParkSummary(string Id, string Name, Region City, Region District, double Lat, double Lng, string[] Industries,
    string[] SpaceTypes, int? Stars, double AvailableArea, double? VacancyRate, RentRange Rent, DateTimeOffset UpdatedAt,
    IReadOnlyDictionary<string, int> Tracks,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? DistanceKm = null);

// GET /api/parks's answer (written by SearchApi.WritePage; this record is its schema). With q: what the line
// was read as, the text left and the readings an explicit parameter replaced; with nothing found: relaxations.
public sealed record SearchPage(IReadOnlyList<ParkSummary> Items, string? NextCursor, int Total,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SearchFilters? Interpreted = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Text = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SearchFilters? Overridden = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<SearchRelaxation>? Relaxations = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, IReadOnlyList<FacetValue>>? Facets = null);

// GET /api/parks filters by their parameter names, in the types those parameters take (only those given).
// Each omitted when not given.
public sealed record SearchFilters(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Province = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? City = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? District = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string[]? SpaceType = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string[]? Industry = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? MinArea = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? MaxArea = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? MinRent = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? MaxRent = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? MinStars = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? RadiusKm = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string[]? Tag = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string[]? Policy = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Track = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? MinTrackScore = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Chain = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? MinCeilingHeightM = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? MinFloorLoad = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? MinPowerKva = null);

// One change that would find parks: a parameter dropped, or one set to a wider value; and the total it finds.
public sealed record SearchRelaxation(
    int Total,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Drop = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SearchFilters? Set = null);

public sealed record ParkDetail(string Id, string Name, Region City, Region District, double Lat, double Lng, string[] Industries,
    string[] SpaceTypes, int? Stars, double AvailableArea, double? VacancyRate, RentRange Rent, DateTimeOffset UpdatedAt,
    string? Address, string? Description, string[] Tags, Policy[] Policies, string[] Facilities, Contact? Contact, Rating? Rating,
    double TotalArea, UnitsSummary[] UnitsSummary, DateTimeOffset? LastConfirmedAt, int StaleUnits,
    IReadOnlyList<TrackPoint> Tracks, IReadOnlyList<ChainSummary> Chains, IReadOnlyList<ExternalScore> ExternalScores,
    Leads.Responsiveness? Responsiveness = null);

// A park with what search shows of it, computed once per index build from its current units.
public sealed class IndexedPark
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public IndexedPark(Park park, IReadOnlyList<Unit> units, EcosystemDefinitions? definitions = null)
    {
        Park = park;
        Ecosystem = EcosystemProfile.For(park.Ecosystem, definitions ?? EcosystemDefinitions.Shipped);
        TrackScores = Ecosystem.Tracks.Any(t => t.Score > 0)
            ? Ecosystem.Tracks.Where(t => t.Score > 0).ToDictionary(t => t.Track, t => t.Score, StringComparer.Ordinal) : NoScores;
        var types = units.Select(u => SpaceTypes.TryParse(u.SpaceType, out var t) ? t : (SpaceType?)null).OfType<SpaceType>().Distinct().Order().ToArray();
        SpaceTypeNames = types.Select(t => t.ToApi()).ToArray();
        var figures = UnitFigures.Of(units);
        InventoryArea = figures.InventoryArea;
        AvailableArea = figures.AvailableArea;
        VacancyRate = figures.VacancyRate;
        Rent = figures.AskingRent;
        // Each space type's units and figures, once: for the park page and for type-filtered searches.
        var perType = types.Select(t =>
        {
            var ofType = units.Where(u => u.SpaceType == t.ToApi()).ToList();
            return (Type: t, Units: ofType, Figures: UnitFigures.Of(ofType));
        }).ToArray();
        UnitsSummary = perType.Select(p => new UnitsSummary(p.Type.ToApi(), p.Units.Count, p.Figures.AvailableUnits, Shown.Area(p.Figures.InventoryArea),
            Shown.Area(p.Figures.AvailableArea), p.Figures.AskingRent)).ToArray();
        var updated = units.Count == 0 ? park.UpdatedAt : units.Max(u => u.UpdatedAt);
        UpdatedAt = updated > park.UpdatedAt ? updated : park.UpdatedAt;

        double staleArea = 0;
        foreach (var u in units)
            if (u.Stale) { StaleUnits++; staleArea += u.Area; }
        AvailableAreaWithStale = AvailableArea + staleArea;
        if (StaleUnits > 0) _withStale = units;

        // A search filtered to some of the park's space types shows the figures of those types only:
        // kept per type (areas, and the available units' asking rents), combined when a page is written.
        foreach (var t in types) _typeMask |= 1 << (int)t;
        if (types.Length < 2) return;
        _byType = perType.Select(p => new TypeFigures(1 << (int)p.Type, p.Figures,
            p.Units.Where(u => u.IsAvailable && u.Rent is not null).Select(u => RentView.Of(u.Rent!, u.Area)).ToArray())).ToArray();
    }

    // A space type's figures (UnitFigures' definitions) and its available units' asking rents, to combine.
    private readonly record struct TypeFigures(int Bit, UnitFigures Figures, RentView[] Rents);

    private static readonly IReadOnlyDictionary<string, int> NoScores = new Dictionary<string, int>();
    private readonly int _typeMask;
    private readonly IReadOnlyList<Unit>? _withStale; // kept only when some unit is stale: includeStale=true's figures
    private readonly TypeFigures[]? _byType;

    public static int MaskOf(IEnumerable<SpaceType> types) => types.Aggregate(0, (m, t) => m | 1 << (int)t);

    // The summary (without its closing brace) for a search filtered to these space types (a mask of
    // SpaceType bits; 0 = no filter): availableArea, vacancyRate and rent of those types only.
    public byte[] SummaryJsonOpenFor(int typeMask, bool includeStale = false)
    {
        var output = new ArrayBufferWriter<byte>();
        WriteSummaryOpen(output, typeMask, includeStale);
        return output.WrittenSpan.ToArray();
    }

    // The same, written where a search page is being written. The figures sit together in the summary,
    // so a narrowed one is the cached summary's bytes before and after them with these types' figures
    // between: one small object serialised instead of the whole summary, per park shown.
    public void WriteSummaryOpen(IBufferWriter<byte> output, int typeMask, bool includeStale)
    {
        if (includeStale && _withStale is not null)
        {
            // Rare (a search asking for stale units, in a park that has some): figured on the spot.
            var units = _withStale.Where(u => typeMask == 0 || (SpaceTypes.TryParse(u.SpaceType, out var t) && (typeMask & (1 << (int)t)) != 0)).ToList();
            var f = UnitFigures.Of(units, includeStale: true);
            output.Write(JsonSerializer.SerializeToUtf8Bytes(SummaryWith(f.AvailableArea, f.VacancyRate, f.AskingRent), Json).AsSpan()[..^1]);
            return;
        }
        var mask = typeMask & _typeMask;
        var summary = Summary;
        if (mask == 0 || mask == _typeMask || _byType is null)
        {
            output.Write(summary.Open);
            return;
        }
        output.Write(summary.Open.AsSpan(0, summary.FiguresFrom));
        WriteFigures(output, FiguresOf(mask));
        output.Write(summary.Open.AsSpan(summary.FiguresTo));
    }

    // The available area and asking rents a search summary shows for these space types (0: all), as written by WriteSummaryOpen.
    public (double AvailableArea, RentRange Rent) FiguresFor(int typeMask, bool includeStale)
    {
        if (includeStale && _withStale is not null)
        {
            var units = _withStale.Where(u => typeMask == 0 || (SpaceTypes.TryParse(u.SpaceType, out var t) && (typeMask & (1 << (int)t)) != 0)).ToList();
            var f = UnitFigures.Of(units, includeStale: true);
            return (Shown.Area(f.AvailableArea), f.AskingRent);
        }
        var mask = typeMask & _typeMask;
        if (mask == 0 || mask == _typeMask || _byType is null) return (Shown.Area(AvailableArea), Rent);
        var shown = FiguresOf(mask);
        return (shown.AvailableArea, shown.Rent);
    }

    private ShownFigures FiguresOf(int mask)
    {
        if (BitOperations.IsPow2(mask)) // one type: its figures as they are
            foreach (var f in _byType!)
                if (f.Bit == mask) return AsShown(f.Figures.AvailableArea, f.Figures.VacancyRate, f.Figures.AskingRent);
        double inventory = 0, vacant = 0, available = 0;
        var rents = new List<RentView>();
        foreach (var f in _byType!)
        {
            if ((f.Bit & mask) == 0) continue;
            (inventory, vacant, available) = (inventory + f.Figures.InventoryArea, vacant + f.Figures.VacantArea, available + f.Figures.AvailableArea);
            rents.AddRange(f.Rents);
        }
        return AsShown(available, inventory > 0 ? Math.Clamp(vacant / inventory, 0, 1) : null, Rents.Range(rents));
    }

    // The summary's three figures, as ParkSummary names and rounds them: serialised on their own, they are
    // the bytes between the cached summary's head and tail.
    private readonly record struct ShownFigures(double AvailableArea, double? VacancyRate, RentRange Rent);

    private static ShownFigures AsShown(double availableArea, double? vacancyRate, RentRange rent) => new(Shown.Area(availableArea), Shown.Rate(vacancyRate), rent);

    [ThreadStatic] private static ArrayBufferWriter<byte>? t_figures;
    [ThreadStatic] private static Utf8JsonWriter? t_figuresWriter;

    private static void WriteFigures(IBufferWriter<byte> output, ShownFigures figures)
    {
        var buffer = t_figures ??= new ArrayBufferWriter<byte>(256);
        buffer.ResetWrittenCount();
        var writer = t_figuresWriter ??= new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Json.Encoder, SkipValidation = true });
        writer.Reset(buffer);
        JsonSerializer.Serialize(writer, figures, Json);
        writer.Flush();
        output.Write(buffer.WrittenSpan[1..^1]); // without the object's braces
    }

    // The summary's bytes, and where its figures are in them: from "availableArea" to the comma before
    // "updatedAt". A property name with its quotes and colon cannot occur inside a string value, where
    // quotes are escaped. One object, so threads that both write it never see half of it.
    private sealed record SummaryBytes(byte[] Open, int FiguresFrom, int FiguresTo)
    {
        public static SummaryBytes Of(ParkSummary summary)
        {
            var open = JsonSerializer.SerializeToUtf8Bytes(summary, Json)[..^1];
            var from = open.AsSpan().IndexOf("\"availableArea\":"u8);
            var to = open.AsSpan().IndexOf(",\"updatedAt\":"u8);
            if (from < 0 || to < from) throw new InvalidOperationException("ParkSummary's figures are no longer availableArea, vacancyRate, rent before updatedAt.");
            return new SummaryBytes(open, from, to);
        }
    }

    public Park Park { get; }
    public int StaleUnits { get; }
    public double AvailableAreaWithStale { get; } // the availableArea sort's key under includeStale=true
    public EcosystemProfile Ecosystem { get; }
    // The summary's track scores: the non-zero ones, by track id.
    public IReadOnlyDictionary<string, int> TrackScores { get; }
    public string[] SpaceTypeNames { get; }
    public double InventoryArea { get; }
    public double AvailableArea { get; }
    public double? VacancyRate { get; }
    public RentRange Rent { get; }
    public UnitsSummary[] UnitsSummary { get; }
    public DateTimeOffset UpdatedAt { get; }
    // The summary without its closing brace, so distanceKm can follow. Written when first asked for, not
    // at build: a search shows a page of parks, and serialising all of them was most of a cold start's build.
    // Two threads may both write it; they write the same bytes.
    public byte[] SummaryJsonOpen => Summary.Open;
    private SummaryBytes Summary => _summary ??= SummaryBytes.Of(ToSummary());
    private SummaryBytes? _summary;

    public ParkSummary ToSummary() => SummaryWith(AvailableArea, VacancyRate, Rent);

    // The summary with these figures: the whole park's, some space types', or with stale units counted.
    private ParkSummary SummaryWith(double availableArea, double? vacancyRate, RentRange rent)
    {
        var shown = AsShown(availableArea, vacancyRate, rent);
        return new(Park.Id, Park.Name, Park.City, Park.District, Park.Lat, Park.Lng, Park.Industries, SpaceTypeNames, Park.Stars,
            shown.AvailableArea, shown.VacancyRate, shown.Rent, UpdatedAt, TrackScores);
    }

    public ParkDetail ToDetail() => new(Park.Id, Park.Name, Park.City, Park.District, Park.Lat, Park.Lng, Park.Industries,
        SpaceTypeNames, Park.Stars, Shown.Area(AvailableArea), Shown.Rate(VacancyRate), Rent, UpdatedAt, Park.Address, Park.Description,
        Park.Tags, Park.Policies, Park.Facilities, Park.Contact, Park.Rating, Shown.Area(Park.TotalArea ?? InventoryArea), UnitsSummary, Park.LastConfirmedAt, StaleUnits,
        Ecosystem.Hexagon, Ecosystem.ChainSummaries, Ecosystem.External);

}
