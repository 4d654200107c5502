using ParkFinder.Functions.Parks;

namespace ParkFinder.Functions.Trends;

// A unit as the Units table has it now; AskingMonthlyPerM2 only for available units with a rent.
public sealed record UnitFact(string ParkId, string DistrictCode, string CityCode, string UnitId, SpaceType Type, double Area, double? AskingMonthlyPerM2);

// One month of a series (METRICS.md). Millions are made per trend run, so a missing figure is kept
// as NaN in a plain double (8 bytes, not a 16-byte double?) and shown as null.
public readonly record struct TrendPoint
{
    private readonly double _inventory, _occupied, _vacancy, _absorption, _leased, _contract, _effective, _asking, _expiring;
    private readonly int _count; // -1: none

    [System.Text.Json.Serialization.JsonConstructor]
    public TrendPoint(string month, double? inventoryArea, double? occupiedArea, double? vacancyRate, double? netAbsorption, double? leasedArea,
        int? leaseCount, double? avgContractRent, double? avgEffectiveRent, double? askingRentMedian, double? expiringNext12mArea)
    {
        Month = month;
        (_inventory, _occupied, _vacancy, _absorption, _leased) = (Raw(inventoryArea), Raw(occupiedArea), Raw(vacancyRate), Raw(netAbsorption), Raw(leasedArea));
        _count = leaseCount ?? -1;
        (_contract, _effective, _asking, _expiring) = (Raw(avgContractRent), Raw(avgEffectiveRent), Raw(askingRentMedian), Raw(expiringNext12mArea));
    }

    public string Month { get; init; }
    public double? InventoryArea { get => Of(_inventory); init => _inventory = Raw(value); }
    public double? OccupiedArea { get => Of(_occupied); init => _occupied = Raw(value); }
    public double? VacancyRate { get => Of(_vacancy); init => _vacancy = Raw(value); }
    public double? NetAbsorption { get => Of(_absorption); init => _absorption = Raw(value); }
    public double? LeasedArea { get => Of(_leased); init => _leased = Raw(value); }
    public int? LeaseCount { get => _count < 0 ? null : _count; init => _count = value ?? -1; }
    public double? AvgContractRent { get => Of(_contract); init => _contract = Raw(value); }
    public double? AvgEffectiveRent { get => Of(_effective); init => _effective = Raw(value); }
    public double? AskingRentMedian { get => Of(_asking); init => _asking = Raw(value); }
    public double? ExpiringNext12mArea { get => Of(_expiring); init => _expiring = Raw(value); }

    public static TrendPoint Empty(string month) => new(month, null, null, null, null, null, null, null, null, null, null);

    // As responses show it (Hosting/Shown); the stored point keeps full precision.
    public TrendPoint Shown() => new(Month, Hosting.Shown.Area(InventoryArea), Hosting.Shown.Area(OccupiedArea), Hosting.Shown.Rate(VacancyRate),
        Hosting.Shown.Area(NetAbsorption), Hosting.Shown.Area(LeasedArea), LeaseCount, Hosting.Shown.Rent(AvgContractRent), Hosting.Shown.Rent(AvgEffectiveRent),
        Hosting.Shown.Rent(AskingRentMedian), Hosting.Shown.Area(ExpiringNext12mArea));

    private static double Raw(double? value) => value ?? double.NaN;
    private static double? Of(double raw) => double.IsNaN(raw) ? null : raw;
}

// One scope ("park:p-1", "district:440305", "city:440300") and space type ("factory", ..., or "all").
public sealed record TrendSeries(string Scope, string SpaceType, IReadOnlyList<TrendPoint> Points);

// Months as one number (year * 12 + month - 1), so ranges are plain integer arithmetic.
public static class Months
{
    public static int Of(DateOnly d) => d.Year * 12 + d.Month - 1;
    public static int Of(DateTimeOffset d) => d.Year * 12 + d.Month - 1;
    public static string Format(int m) => $"{m / 12:D4}-{m % 12 + 1:D2}";

    // This month in China, where the parks are (the trend job's run date is a China date too).
    public static int Current(DateTimeOffset now) => Of(Units.Freshness.Day(now));

    public static bool TryParse(string? text, out int month)
    {
        month = 0;
        if (text is not { Length: 7 } || text[4] != '-' || !int.TryParse(text[..4], out var y) || !int.TryParse(text[5..], out var mo)
            || y < 1900 || y > 2200 || mo < 1 || mo > 12) return false;
        month = y * 12 + mo - 1;
        return true;
    }
}
