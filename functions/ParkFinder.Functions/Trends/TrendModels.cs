using ParkFinder.Functions.Parks;

namespace ParkFinder.Functions.Trends;

public sealed record LeaseFact(string ParkId, string DistrictCode, string CityCode, string UnitId, SpaceType Type, double Area,
    DateOnly Start, DateOnly End, DateOnly Signed, double MonthlyPerM2, double FreeMonths)
{
    public double EffectiveMonthlyPerM2
    {
        get
        {
            var term = (End.DayNumber - Start.DayNumber) / (365.0 / 12.0);
            return MonthlyPerM2 * (term - FreeMonths) / term;
        }
    }
}

// A unit as the Units table has it now; AskingMonthlyPerM2 only for available units with a rent.
public sealed record UnitFact(string ParkId, string DistrictCode, string CityCode, string UnitId, SpaceType Type, double Area, double? AskingMonthlyPerM2);

public readonly record struct TrendPoint(string Month, double? InventoryArea, double? OccupiedArea, double? VacancyRate, double? NetAbsorption,
    double? LeasedArea, int? LeaseCount, double? AvgContractRent, double? AvgEffectiveRent, double? AskingRentMedian, double? ExpiringNext12mArea)
{
    public static TrendPoint Empty(string month) => new(month, null, null, null, null, null, null, null, null, null, null);
}

// One scope ("park:p-1", "district:440305", "city:440300") and space type ("factory", ..., or "all").
public sealed record TrendSeries(string Scope, string SpaceType, IReadOnlyList<TrendPoint> Points);

// Months as one number (year * 12 + month - 1), so ranges are plain integer arithmetic.
public static class Months
{
    public static int Of(DateOnly d) => d.Year * 12 + d.Month - 1;
    public static int Of(DateTimeOffset d) => d.Year * 12 + d.Month - 1;
    public static string Format(int m) => $"{m / 12:D4}-{m % 12 + 1:D2}";

    public static bool TryParse(string? text, out int month)
    {
        month = 0;
        if (text is not { Length: 7 } || text[4] != '-' || !int.TryParse(text[..4], out var y) || !int.TryParse(text[5..], out var mo)
            || y < 1900 || y > 2200 || mo < 1 || mo > 12) return false;
        month = y * 12 + mo - 1;
        return true;
    }
}
