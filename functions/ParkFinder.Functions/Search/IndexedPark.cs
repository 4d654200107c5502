using System.Text.Json;
using System.Text.Json.Serialization;
using ParkFinder.Functions.Parks;

using ParkFinder.Functions.Units;

namespace ParkFinder.Functions.Search;

public sealed record ParkSummary(string Id, string Name, Region City, Region District, double Lat, double Lng, string[] Industries,
    string[] SpaceTypes, int? Stars, double AvailableArea, double? VacancyRate, RentRange Rent, DateTimeOffset UpdatedAt);

public sealed record ParkDetail(string Id, string Name, Region City, Region District, double Lat, double Lng, string[] Industries,
    string[] SpaceTypes, int? Stars, double AvailableArea, double? VacancyRate, RentRange Rent, DateTimeOffset UpdatedAt,
    string? Address, string? Description, string[] Tags, Policy[] Policies, string[] Facilities, Contact? Contact, Rating? Rating,
    double TotalArea, UnitsSummary[] UnitsSummary, DateTimeOffset? LastConfirmedAt);

// A park with what search shows of it, computed once per index build from its current units.
public sealed class IndexedPark
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public IndexedPark(Park park, IReadOnlyList<Unit> units)
    {
        Park = park;
        var types = units.Select(u => SpaceTypes.TryParse(u.SpaceType, out var t) ? t : (SpaceType?)null).OfType<SpaceType>().Distinct().Order().ToArray();
        SpaceTypeNames = types.Select(t => t.ToApi()).ToArray();
        var figures = UnitFigures.Of(units);
        InventoryArea = figures.InventoryArea;
        AvailableArea = figures.AvailableArea;
        VacancyRate = figures.VacancyRate;
        Rent = figures.AskingRent;
        UnitsSummary = types.Select(t =>
        {
            var ofType = units.Where(u => u.SpaceType == t.ToApi()).ToList();
            var f = UnitFigures.Of(ofType);
            return new UnitsSummary(t.ToApi(), ofType.Count, f.AvailableUnits, f.InventoryArea, f.AvailableArea, f.AskingRent);
        }).ToArray();
        var updated = units.Count == 0 ? park.UpdatedAt : units.Max(u => u.UpdatedAt);
        UpdatedAt = updated > park.UpdatedAt ? updated : park.UpdatedAt;

        var summary = JsonSerializer.SerializeToUtf8Bytes(ToSummary(), Json);
        SummaryJsonOpen = summary[..^1]; // without the closing brace, so distanceKm can follow
    }

    public Park Park { get; }
    public string[] SpaceTypeNames { get; }
    public double InventoryArea { get; }
    public double AvailableArea { get; }
    public double? VacancyRate { get; }
    public RentRange Rent { get; }
    public UnitsSummary[] UnitsSummary { get; }
    public DateTimeOffset UpdatedAt { get; }
    public byte[] SummaryJsonOpen { get; }

    public ParkSummary ToSummary() => new(Park.Id, Park.Name, Park.City, Park.District, Park.Lat, Park.Lng, Park.Industries,
        SpaceTypeNames, Park.Stars, Math.Round(AvailableArea, 2), Round(VacancyRate), Rent, UpdatedAt);

    public ParkDetail ToDetail() => new(Park.Id, Park.Name, Park.City, Park.District, Park.Lat, Park.Lng, Park.Industries,
        SpaceTypeNames, Park.Stars, Math.Round(AvailableArea, 2), Round(VacancyRate), Rent, UpdatedAt, Park.Address, Park.Description,
        Park.Tags, Park.Policies, Park.Facilities, Park.Contact, Park.Rating, Park.TotalArea ?? InventoryArea, UnitsSummary, Park.LastConfirmedAt);

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 4) : null;
}
