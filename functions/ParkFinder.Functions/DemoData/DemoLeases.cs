using System.Globalization;
using System.Text;
using ParkFinder.Functions.Parks;

namespace ParkFinder.Functions.DemoData;

// Invented lease files for the demo parks (演示数据: no real tenant, rent or date), so the trends
// have data from the first run. Deterministic per park, so every fresh demo shows the same trends.
// Made from the units as they are: a leased unit has a lease covering it today, any other unit only
// leases that ended before today, so each park's trend vacancy this month is its unit vacancy.
public static class DemoLeases
{
    public const string FileName = "演示数据-invented-leases.csv";

    public static string Csv(Park park, DateOnly today)
    {
        var random = new Random(StableSeed(park.Id));
        var csv = new StringBuilder("unit_id,space_type,area_m2,start_date,end_date,rent,rent_unit,free_months,tenant_industry,signed_date\n");
        // Tenants' industries drawn from the park's own (their own sequence, so rents and dates stay as they were).
        var tenants = new Random(StableSeed(park.Id) + 1);
        string[] industries = park.Industries.Length > 0 ? park.Industries : ["制造业"];
        foreach (var unit in park.Units ?? [])
        {
            var asking = unit.Rent is { } r ? Rents.MonthlyPerM2(r.Amount, r.Unit, unit.Area) : 30;
            void Lease(DateOnly start, DateOnly end)
            {
                var rent = Math.Round(asking * (0.85 + random.NextDouble() * 0.25), 2);
                csv.Append(CultureInfo.InvariantCulture, $"{unit.Id},{unit.SpaceType},{unit.Area},{start:yyyy-MM-dd},{end:yyyy-MM-dd},{rent},CNY/m2/month,")
                   .Append(CultureInfo.InvariantCulture, $"{random.Next(0, 3)},{industries[tenants.Next(industries.Length)]},{start.AddDays(-random.Next(5, 40)):yyyy-MM-dd}\n");
            }
            // A leased unit's current lease began up to 18 months ago and runs at least 6 months more.
            var current = unit.Status == "leased" ? today.AddMonths(-random.Next(1, 19)) : (DateOnly?)null;
            var until = current ?? today;
            // Before it, one to three leases over the last three years with gaps between them, all ended by then
            // (a lease is active until the day before its end date).
            var start = today.AddMonths(-36 + random.Next(0, 6));
            for (var n = random.Next(1, 4); n > 0 && start.AddMonths(3) < until; n--)
            {
                var end = start.AddMonths(random.Next(6, 19));
                if (end > until) end = until;
                Lease(start, end);
                start = end.AddDays(1 + random.Next(0, 120));
            }
            if (current is { } from) Lease(from, from.AddMonths(random.Next(24, 49)));
        }
        return csv.ToString();
    }

    private static int StableSeed(string text) => text.Aggregate(17, (h, c) => unchecked(h * 31 + c));
}
