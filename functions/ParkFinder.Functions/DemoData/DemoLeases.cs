using System.Globalization;
using System.Text;
using ParkFinder.Functions.Parks;

namespace ParkFinder.Functions.DemoData;

// Invented lease files for the demo parks (演示数据: no real tenant, rent or date), so the trends
// have data from the first run. Deterministic per park, so every fresh demo shows the same trends.
public static class DemoLeases
{
    public const string FileName = "演示数据-invented-leases.csv";

    public static string Csv(Park park, DateOnly today)
    {
        var random = new Random(StableSeed(park.Id));
        var csv = new StringBuilder("unit_id,space_type,area_m2,start_date,end_date,rent,rent_unit,free_months,tenant_industry,signed_date\n");
        var units = park.Units ?? [];
        // Tenants' industries drawn from the park's own (their own sequence, so rents and dates stay as they were).
        var tenants = new Random(StableSeed(park.Id) + 1);
        string[] industries = park.Industries.Length > 0 ? park.Industries : ["制造业"];
        foreach (var unit in units)
        {
            // Two to four consecutive leases per unit over the last three years, with gaps between them.
            var start = today.AddMonths(-36 + random.Next(0, 6));
            for (var n = random.Next(2, 5); n > 0 && start < today; n--)
            {
                var months = random.Next(6, 19);
                var end = start.AddMonths(months).AddDays(-1);
                var asking = unit.Rent is { } r ? Rents.MonthlyPerM2(r.Amount, r.Unit, unit.Area) : 30;
                var rent = Math.Round(asking * (0.85 + random.NextDouble() * 0.25), 2);
                csv.Append(CultureInfo.InvariantCulture, $"{unit.Id},{unit.SpaceType},{unit.Area},{start:yyyy-MM-dd},{end:yyyy-MM-dd},{rent},CNY/m2/month,")
                   .Append(CultureInfo.InvariantCulture, $"{random.Next(0, 3)},{industries[tenants.Next(industries.Length)]},{start.AddDays(-random.Next(5, 40)):yyyy-MM-dd}\n");
                start = end.AddDays(1 + random.Next(0, 120));
            }
        }
        return csv.ToString();
    }

    private static int StableSeed(string text) => text.Aggregate(17, (h, c) => unchecked(h * 31 + c));
}
