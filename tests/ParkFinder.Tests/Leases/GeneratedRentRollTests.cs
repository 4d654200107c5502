using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using ParkFinder.Functions.Hosting;
using ParkFinder.Functions.Parks;
using ParkFinder.Tests.Infrastructure;
using static ParkFinder.Tests.Infrastructure.Catalog;

namespace ParkFinder.Tests.Leases;

// Generated parks and lease files (shared units across files, overlaps, ended and future leases, unknown
// units), run through the job over HTTP; then the rules of METRICS.md hold everywhere, whatever the data.
public sealed class GeneratedRentRollTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 15, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 6, 15);
    private static readonly string[] Districts = ["440305", "440306"];

    private sealed record Plan(Park Park, bool Clean, List<string> Files);

    // Clean parks: every lease names a known unit and covers it whole or not at all today, and every unit
    // marked leased has an active lease. Messy parks: anything a landlord's files may hold.
    private static List<Plan> Generate(int seed)
    {
        var random = new Random(seed);
        var plans = new List<Plan>();
        for (var p = 0; p < 8; p++)
        {
            var clean = p % 2 == 0;
            var units = Enumerable.Range(1, random.Next(3, 8)).Select(u => Unit($"U{u}", u % 2 == 0 ? "office" : "factory", 100 + random.Next(40) * 50,
                status: random.Next(3) switch { 0 => "available", 1 => "reserved", _ => "leased" })).ToList();
            var city = p < 6 ? "440300" : "110000";
            var park = Park($"p-gen-{p}", $"生成园{p}", city: city, district: city == "440300" ? Districts[p % 2] : "110108", units: units.ToArray());
            var rows = new List<string>();
            string Row(string unit, string type, double area, DateOnly start, DateOnly end) =>
                string.Create(CultureInfo.InvariantCulture, $"{unit},{type},{area},{start:yyyy-MM-dd},{end:yyyy-MM-dd},{20 + random.Next(60)}");
            foreach (var u in units)
            {
                // Ended leases, sometimes two tenants at once.
                var start = Today.AddMonths(-30 + random.Next(6));
                rows.Add(Row(u.Id, u.SpaceType, u.Area, start, start.AddMonths(6)));
                if (random.Next(2) == 0) rows.Add(Row(u.Id, u.SpaceType, u.Area / 2, start.AddMonths(8), start.AddMonths(14)));
                // A future lease, after any lease of today ends.
                if (random.Next(3) == 0) rows.Add(Row(u.Id, u.SpaceType, u.Area, Today.AddMonths(20), Today.AddMonths(40)));
                // Today: a clean park lets a leased unit whole (one or two tenants), and some available ones too.
                var letToday = clean ? u.Status == "leased" || (u.Status == "available" && random.Next(3) == 0) : random.Next(3) == 0;
                if (letToday)
                {
                    var from = Today.AddMonths(-random.Next(1, 5));
                    if (random.Next(2) == 0) rows.Add(Row(u.Id, u.SpaceType, u.Area, from, Today.AddMonths(random.Next(2, 20))));
                    else
                    {
                        rows.Add(Row(u.Id, u.SpaceType, u.Area - 40, from, Today.AddMonths(random.Next(2, 20))));
                        rows.Add(Row(u.Id, u.SpaceType, 40, from.AddDays(3), Today.AddMonths(random.Next(2, 20))));
                    }
                }
                if (!clean)
                {
                    // Partly let, or an overlap the check must refuse.
                    if (random.Next(2) == 0) rows.Add(Row(u.Id, u.SpaceType, Math.Round(u.Area * 0.4), Today.AddMonths(-2), Today.AddMonths(10)));
                    if (random.Next(2) == 0) rows.Add(Row(u.Id, u.SpaceType, u.Area, Today.AddMonths(-3), Today.AddMonths(3)));
                }
            }
            if (!clean)
            {
                rows.Add(Row("X9", "factory", 300, Today.AddMonths(-1), Today.AddMonths(11))); // not a unit of the park
                rows.Add(Row("X8", "office", 120, Today.AddMonths(-20), Today.AddMonths(-8)));
            }
            // Shuffled into two or three files: the same unit's leases arrive in different files.
            var files = Enumerable.Range(0, random.Next(2, 4)).Select(_ => new StringBuilder("unit_id,space_type,area_m2,start_date,end_date,rent\n")).ToList();
            foreach (var row in rows.OrderBy(_ => random.Next())) files[random.Next(files.Count)].Append(row).Append('\n');
            plans.Add(new Plan(park, clean, files.Select(f => f.ToString()).ToList()));
        }
        return plans;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task AfterTheJobNoUnitIsOverLetCoveredUnitsAreLeasedAndEveryViewOfVacancyAgrees(int seed)
    {
        var plans = Generate(seed);
        await using var world = await TestWorld.StartAsync(null, s => s.AddSingleton<TimeProvider>(new ShiftedClock(Now)), plans.Select(p => p.Park).ToArray());
        var landlordToken = await world.TokenAsync(TestWorld.AdminOpenId); // an operator may upload for any park
        var landlord = world.Client(landlordToken);
        foreach (var plan in plans)
            foreach (var file in plan.Files)
                Assert.Equal(HttpStatusCode.Accepted, (await landlord.PostAsync($"/api/parks/{plan.Park.Id}/leases",
                    new ByteArrayContent(Encoding.UTF8.GetBytes(file)) { Headers = { ContentType = new MediaTypeHeaderValue("text/csv") } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await world.Factory.CreateAdminClient().PostAsync("/api/admin/jobs/recalculate-trends", null)).StatusCode);

        var leases = world.Factory.Services.GetRequiredService<StorageAccount>().Table("Leases");
        var anyone = world.Client();
        foreach (var plan in plans)
        {
            var stored = await leases.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {plan.Park.Id}")).ToListAsync();
            var units = (await anyone.GetJsonAsync($"/api/parks/{plan.Park.Id}/units?status=all"))["items"]!.AsArray()
                .ToDictionary(u => u!["id"]!.GetValue<string>(), u => u!);
            foreach (var (id, unit) in units)
            {
                var area = unit["area"]!.GetValue<double>();
                var ofUnit = stored.Where(e => e.GetString("UnitId") == id)
                    .Select(e => (Start: DateOnly.Parse(e.GetString("StartDate")), End: DateOnly.Parse(e.GetString("EndDate")), Area: e.GetDouble("Area")!.Value)).ToList();
                // No day on which more than the unit is let (the let area peaks on a day a lease starts).
                foreach (var day in ofUnit.Select(l => l.Start))
                    Assert.True(ofUnit.Where(l => l.Start <= day && day < l.End).Sum(l => l.Area) <= area + 0.005, $"{plan.Park.Id}/{id} over-let on {day}");
                var today = ofUnit.Where(l => l.Start <= Today && Today < l.End).Sum(l => l.Area);
                if (today >= area * 0.99) Assert.True(unit["status"]!.GetValue<string>() == "leased", $"{plan.Park.Id}/{id} is covered today but {unit["status"]}");
            }
            if (!plan.Clean) continue;
            var vacancy = (await anyone.GetJsonAsync($"/api/parks/{plan.Park.Id}/vacancy"))["overall"]!["vacancyRate"]!.GetValue<double>();
            var trend = (await anyone.GetJsonAsync($"/api/trends?scope=park:{plan.Park.Id}&from=2026-06&to=2026-06"))["points"]![0]!;
            Assert.Equal(vacancy, trend["vacancyRate"]!.GetValue<double>());
            Assert.Equal(vacancy, (await anyone.GetJsonAsync($"/api/parks/{plan.Park.Id}"))["vacancyRate"]!.GetValue<double>());
        }

        // A district's and a city's inventory, occupied and leased areas are the sums of their parks', month by month.
        var regions = plans.GroupBy(p => "district:" + p.Park.District.Code).Concat(plans.GroupBy(p => "city:" + p.Park.City.Code));
        foreach (var region in regions)
        {
            var whole = await PointsAsync(anyone, region.Key);
            var parts = new List<JsonArray>();
            foreach (var plan in region) parts.Add(await PointsAsync(anyone, "park:" + plan.Park.Id));
            // Months in which every park of the region has figures (a park's series begins with its first lease).
            for (var m = 0; m < whole.Count; m++)
                if (parts.All(p => p[m]!["inventoryArea"] is not null))
                foreach (var metric in new[] { "inventoryArea", "occupiedArea", "leasedArea" })
                {
                    var sum = parts.Sum(p => p[m]![metric]?.GetValue<double>() ?? 0);
                    Assert.True(Math.Abs((whole[m]![metric]?.GetValue<double>() ?? 0) - sum) <= 0.01 * parts.Count,
                        $"{region.Key} {whole[m]!["month"]} {metric}: {whole[m]![metric]} vs parks' {sum}");
                }
        }
    }

    private static async Task<JsonArray> PointsAsync(HttpClient client, string scope) =>
        (await client.GetJsonAsync($"/api/trends?scope={scope}&from=2024-01&to=2026-06"))["points"]!.AsArray();
}
