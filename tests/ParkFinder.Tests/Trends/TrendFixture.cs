using ParkFinder.Functions.Parks;
using ParkFinder.Functions.Trends;

namespace ParkFinder.Tests.Trends;

// A small park whose monthly metrics are worked out by hand below (METRICS.md), current month 2026-04.
//   Units: U1 factory 1000 m2 available at 30/m2/month (L1 covers it: the job marks it leased); U2 factory
//   500 m2 leased; U3 factory 800 m2 available at 30/m2/month, never let. U9 is not in Units.
//   L1 U1 1000 m2 2026-01-01..2026-12-31, 30 CNY/m2/month, 2 free months, signed 2026-01-01
//   L2 U2  500 m2 2026-02-10..2026-03-15 (ends mid-month), 1.0 CNY/m2/day, signed 2026-02-01
//   L3 U9  200 m2 2026-03-01..2028-03-01 (unknown unit), 24,000 CNY/month whole unit, 0.5 free month, signed 2026-03-05
public static class TrendFixture
{
    public const string Park = "p-fixture", District = "440305", City = "440300";
    public static readonly int CurrentMonth = Months.Of(new DateOnly(2026, 4, 15));

    public const string Csv = """
        unit_id,space_type,area_m2,start_date,end_date,rent,rent_unit,free_months,tenant_industry,signed_date
        U1,factory,1000,2026-01-01,2026-12-31,30,CNY/m2/month,2,智能制造,2026-01-01
        U2,厂房,500,2026/2/10,2026/3/15,1.0,元/㎡/天,0,电子信息,2026-02-01
        U9,factory,200,2026-03-01,2028-03-01,24000,CNY/month,0.5,,2026-03-05
        """;

    public static readonly Unit[] Units =
    [
        new() { Id = "U1", SpaceType = "factory", Area = 1000, Rent = new Rent(30, "CNY/m2/month"), Status = "available" },
        new() { Id = "U2", SpaceType = "factory", Area = 500, Rent = new Rent(28, "CNY/m2/month"), Status = "leased" },
        new() { Id = "U3", SpaceType = "factory", Area = 800, Rent = new Rent(30, "CNY/m2/month"), Status = "available" },
    ];

    private static double Term(DateOnly s, DateOnly e) => (e.DayNumber - s.DayNumber) / (365.0 / 12.0);
    private static readonly double L1Effective = 30 * (Term(new(2026, 1, 1), new(2026, 12, 31)) - 2) / Term(new(2026, 1, 1), new(2026, 12, 31));
    private static readonly double L2Rent = 1.0 * 365 / 12;
    private static readonly double L3Rent = 24000.0 / 200;
    private static readonly double L3Effective = L3Rent * (Term(new(2026, 3, 1), new(2028, 3, 1)) - 0.5) / Term(new(2026, 3, 1), new(2028, 3, 1));

    // Inventory 1000 + 500 + 800 + 200 (U9 counts because a lease names it).
    public static readonly TrendPoint[] Expected =
    [
        new("2026-01", 2500, 1000, 1 - 1000 / 2500.0, 1000, 1000, 1, 30, L1Effective, null, 1000),
        new("2026-02", 2500, 1500, 1 - 1500 / 2500.0, 500, 500, 1, L2Rent, L2Rent, null, 1500),
        new("2026-03", 2500, 1200, 1 - 1200 / 2500.0, -300, 200, 1, L3Rent, L3Effective, null, 1000),
        new("2026-04", 2500, 1200, 1 - 1200 / 2500.0, 0, 0, 0, null, null, 30, 1000),
    ];

    // shown: as a response shows them (areas and rents to 0.01, rates to 4 decimals); else at full precision.
    public static void AssertMatches(IReadOnlyList<TrendPoint> actual, bool shown = false)
    {
        Assert.Equal(Expected.Select(p => p.Month), actual.Select(p => p.Month));
        for (var i = 0; i < Expected.Length; i++)
        {
            var (e, a) = (shown ? Expected[i].Shown() : Expected[i], actual[i]);
            Close(e.InventoryArea, a.InventoryArea, e.Month + " inventoryArea");
            Close(e.OccupiedArea, a.OccupiedArea, e.Month + " occupiedArea");
            Close(e.VacancyRate, a.VacancyRate, e.Month + " vacancyRate");
            Close(e.NetAbsorption, a.NetAbsorption, e.Month + " netAbsorption");
            Close(e.LeasedArea, a.LeasedArea, e.Month + " leasedArea");
            Assert.Equal(e.LeaseCount, a.LeaseCount);
            Close(e.AvgContractRent, a.AvgContractRent, e.Month + " avgContractRent");
            Close(e.AvgEffectiveRent, a.AvgEffectiveRent, e.Month + " avgEffectiveRent");
            Close(e.AskingRentMedian, a.AskingRentMedian, e.Month + " askingRentMedian");
            Close(e.ExpiringNext12mArea, a.ExpiringNext12mArea, e.Month + " expiringNext12mArea");
        }
    }

    private static void Close(double? expected, double? actual, string what)
    {
        if (expected is null) { Assert.True(actual is null, $"{what}: expected null, got {actual}"); return; }
        Assert.True(actual is not null && Math.Abs(expected.Value - actual.Value) < 1e-9, $"{what}: expected {expected}, got {actual}");
    }
}
