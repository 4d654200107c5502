using ParkFinder.Functions.Leases;
using ParkFinder.Functions.Parks;
using ParkFinder.Functions.Trends;

namespace ParkFinder.Tests.Trends;

public sealed class TrendCalculatorTests
{
    private static List<LeaseFact> FixtureLeases() =>
        LeaseFileParser.Parse(System.Text.Encoding.UTF8.GetBytes(TrendFixture.Csv)).Rows
            .Select(r => new LeaseFact(TrendFixture.Park, TrendFixture.District, TrendFixture.City, r.UnitId, r.SpaceType, r.Area,
                r.Start, r.End, r.Signed, r.MonthlyPerM2, r.FreeMonths)).ToList();

    private static List<UnitFact> FixtureUnits() => TrendFixture.Units.Select(u => new UnitFact(TrendFixture.Park, TrendFixture.District, TrendFixture.City,
        u.Id, SpaceType.Factory, u.Area, u.Status == "available" ? u.Rent!.Amount : null)).ToList();

    [Fact]
    public void HandWorkedFixtureMatchesForEveryScopeAndType()
    {
        var series = TrendCalculator.Compute(FixtureLeases(), FixtureUnits(), TrendFixture.CurrentMonth);
        Assert.Equal(6, series.Count);
        foreach (var scope in new[] { "park:" + TrendFixture.Park, "district:" + TrendFixture.District, "city:" + TrendFixture.City })
            foreach (var type in new[] { "factory", "all" })
                TrendFixture.AssertMatches(series.Single(s => s.Scope == scope && s.SpaceType == type).Points);
    }

    [Fact]
    public void TheCurrentMonthsStockFiguresAreTakenOnTheRunDateNotAtTheMonthsEnd()
    {
        // Run on 2026-04-10: a lease ending 04-20 still counts, one starting 04-25 does not yet; at the month's end it is the reverse.
        var leases = new List<LeaseFact>
        {
            new("a", "440305", "440300", "f1", SpaceType.Factory, 100, new(2025, 4, 20), new(2026, 4, 20), new(2025, 4, 1), 30, 0),
            new("a", "440305", "440300", "f2", SpaceType.Factory, 300, new(2026, 4, 25), new(2027, 4, 25), new(2026, 4, 1), 30, 0),
        };
        List<UnitFact> units = [new("a", "440305", "440300", "f1", SpaceType.Factory, 100, null), new("a", "440305", "440300", "f2", SpaceType.Factory, 300, null)];
        var onRunDate = TrendCalculator.Compute(leases, units, Months.Of(new DateOnly(2026, 4, 10)), asOf: new DateOnly(2026, 4, 10))
            .Single(s => s.Scope == "park:a" && s.SpaceType == "all").Points;
        var april = onRunDate[^1];
        Assert.Equal("2026-04", april.Month);
        Assert.Equal(100, april.OccupiedArea);
        Assert.Equal(0.75, april.VacancyRate);
        Assert.Equal(100, april.ExpiringNext12mArea); // ends 2026-04-20, within 12 months of the run date
        Assert.Equal(0, april.NetAbsorption);         // March's end had the same 100 m2
        Assert.Equal(100, onRunDate[^2].OccupiedArea);
        var atMonthEnd = TrendCalculator.Compute(leases, units, Months.Of(new DateOnly(2026, 4, 10)))
            .Single(s => s.Scope == "park:a" && s.SpaceType == "all").Points[^1];
        Assert.Equal(300, atMonthEnd.OccupiedArea);
    }

    [Fact]
    public void OnlyTheRequestedScopesAreComputed()
    {
        var series = TrendCalculator.Compute(FixtureLeases(), FixtureUnits(), TrendFixture.CurrentMonth, new HashSet<string> { "city:440300" });
        Assert.Equal(["city:440300", "city:440300"], series.Select(s => s.Scope));
    }

    [Fact]
    public void TypesAndParksAddUpInTheirDistrict()
    {
        var leases = new List<LeaseFact>
        {
            new("a", "440305", "440300", "f1", SpaceType.Factory, 100, new(2026, 1, 1), new(2027, 1, 1), new(2026, 1, 1), 30, 0),
            new("b", "440305", "440300", "o1", SpaceType.Office, 50, new(2026, 2, 1), new(2027, 2, 1), new(2026, 2, 1), 100, 0),
        };
        var series = TrendCalculator.Compute(leases, [], Months.Of(new DateOnly(2026, 3, 1)));
        var all = series.Single(s => s.Scope == "district:440305" && s.SpaceType == "all").Points;
        Assert.Equal(["2026-01", "2026-02", "2026-03"], all.Select(p => p.Month));
        Assert.Equal([100.0, 150.0, 150.0], all.Select(p => p.OccupiedArea!.Value));
        Assert.Equal(150, all[0].InventoryArea);
        var office = series.Single(s => s.Scope == "district:440305" && s.SpaceType == "office").Points;
        Assert.Equal("2026-02", office[0].Month);
        Assert.Equal(100, office[0].AvgContractRent);
    }
}
