namespace ParkFinder.Functions.Parks;

// Its view's monthlyPerM2 is computed: a unit sent back as read keeps it, and it is ignored.
[Hosting.ReadOnlyFields("monthlyPerM2")]
public sealed record Rent(double Amount, string Unit);

public sealed record RentView(double Amount, string Unit, double MonthlyPerM2)
{
    public static RentView Of(Rent rent, double area) =>
        new(rent.Amount, rent.Unit, Hosting.Shown.Rent(Rents.MonthlyPerM2(rent.Amount, rent.Unit, area)));
}

public sealed record RentRange(RentView? Min, RentView? Median, RentView? Max);

// Rent normalisation (API.md): every rent compares as CNY per m2 per month.
public static class Rents
{
    public const double SquareMetresPerMu = 666.67;
    public static readonly string[] Units = ["CNY/m2/day", "CNY/m2/month", "CNY/m2/year", "CNY/month", "CNY/mu/year"];

    public static double MonthlyPerM2(double amount, string unit, double area) => unit switch
    {
        "CNY/m2/day" => amount * 365.0 / 12.0,
        "CNY/m2/month" => amount,
        "CNY/m2/year" => amount / 12.0,
        "CNY/month" => area > 0 ? amount / area : double.NaN,
        "CNY/mu/year" => amount / SquareMetresPerMu / 12.0,
        _ => double.NaN,
    };

    // The API's unit names plus the Chinese ones found in landlords' files (METRICS.md).
    public static string? NormalizeUnit(string? unit) => unit?.Trim() switch
    {
        null or "" => null,
        "CNY/m2/day" or "元/㎡/天" or "元/平方米/天" or "元/m2/天" => "CNY/m2/day",
        "CNY/m2/month" or "元/㎡/月" or "元/平方米/月" or "元/m2/月" => "CNY/m2/month",
        "CNY/m2/year" or "元/㎡/年" or "元/平方米/年" or "元/m2/年" => "CNY/m2/year",
        "CNY/month" or "元/月" => "CNY/month",
        "CNY/mu/year" or "元/亩/年" => "CNY/mu/year",
        _ => null,
    };

    // Min, median (lower middle) and max by monthlyPerM2, each shown in its landlord's own unit.
    public static RentRange Range(IEnumerable<RentView> rents)
    {
        var sorted = rents.Where(r => double.IsFinite(r.MonthlyPerM2)).OrderBy(r => r.MonthlyPerM2).ToList();
        if (sorted.Count == 0) return new RentRange(null, null, null);
        return new RentRange(sorted[0], sorted[(sorted.Count - 1) / 2], sorted[^1]);
    }
}
