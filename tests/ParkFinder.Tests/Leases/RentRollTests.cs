using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ParkFinder.Tests.Infrastructure;
using static ParkFinder.Tests.Infrastructure.Catalog;

namespace ParkFinder.Tests.Leases;

// The rent roll is the record of what is let (METRICS.md): rows that would let a unit beyond its area
// are refused, units the leases cover today become leased, and every change to a unit is in its history.
public sealed class RentRollTests
{
    private const string ParkId = "p-roll";
    private const string Header = "unit_id,space_type,area_m2,start_date,end_date,rent\n";
    private static readonly DateTimeOffset Now = new(2026, 6, 15, 2, 0, 0, TimeSpan.Zero); // 2026-06-15 in China

    // A: 490 m2 available; B: 1000 m2 available; C: 600 m2 marked leased; D: 300 m2 reserved.
    private static Task<TestWorld> StartAsync() =>
        TestWorld.StartAsync(null, s => s.AddSingleton<TimeProvider>(new ShiftedClock(Now)),
            Park(ParkId, "租约园", units: [Unit("A", "office", 490), Unit("B", "factory", 1000), Unit("C", "factory", 600, status: "leased"), Unit("D", "office", 300, status: "reserved")]));

    private static async Task<string> UploadAsync(HttpClient landlord, string csv)
    {
        var response = await landlord.PostAsync($"/api/parks/{ParkId}/leases", new ByteArrayContent(Encoding.UTF8.GetBytes(Header + csv))
        {
            Headers = { ContentType = new MediaTypeHeaderValue("text/csv") },
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["uploadId"]!.GetValue<string>();
    }

    private static async Task<JsonNode> ProcessAsync(TestWorld world, HttpClient landlord, string uploadId)
    {
        Assert.Equal(HttpStatusCode.OK, (await world.Factory.CreateAdminClient().PostAsync("/api/admin/jobs/recalculate-trends", null)).StatusCode);
        return await landlord.GetJsonAsync($"/api/parks/{ParkId}/leases/uploads/{uploadId}");
    }

    private static async Task<Dictionary<string, JsonNode>> UnitsAsync(HttpClient client) =>
        (await client.GetJsonAsync($"/api/parks/{ParkId}/units?status=all"))["items"]!.AsArray().ToDictionary(u => u!["id"]!.GetValue<string>(), u => u!);

    private static string[] Ids(JsonNode report, string list) => report[list]!.AsArray().Select(u => u!["unitId"]!.GetValue<string>()).ToArray();

    [Fact]
    public async Task ARowThatWouldLetAUnitBeyondItsAreaIsRefusedNamingTheLeaseItCollidesWithAcrossFiles()
    {
        await using var world = await StartAsync();
        var landlord = world.Client(await world.LandlordTokenAsync("openid-roll", ParkId));
        // Two tenants share A (300 + 190 = 490 m2): both fit.
        var first = await ProcessAsync(world, landlord, await UploadAsync(landlord, "A,office,300,2026-01-01,2027-01-01,80\nA,office,190,2026-03-01,2027-03-01,80\n"));
        Assert.Equal(2, first["rowsAccepted"]!.GetValue<int>());

        // The README's mistake: another 500 m2 on the 490 m2 unit, in a later file; and one lease larger than its unit.
        var uploadId = await UploadAsync(landlord, "A,office,500,2026-10-01,2027-09-30,80\nB,factory,1200,2026-02-01,2026-12-31,30\nB,factory,1000,2026-01-01,2026-12-31,30\n");
        var second = await ProcessAsync(world, landlord, uploadId);
        Assert.Equal("processed", second["status"]!.GetValue<string>());
        Assert.Equal(1, second["rowsAccepted"]!.GetValue<int>());
        var errors = second["errors"]!.AsArray();
        Assert.Equal([2, 3], errors.Select(e => e!["row"]!.GetValue<int>()));
        var overlap = errors[0]!["message"]!.GetValue<string>();
        Assert.Contains("unit A has 490 m2", overlap);
        Assert.Contains("2026-01-01 to 2027-01-01, 300 m2", overlap);
        Assert.Contains("2026-03-01 to 2027-03-01, 190 m2", overlap);
        Assert.Contains(first["uploadId"]!.GetValue<string>(), overlap);
        Assert.Contains("990 m2", overlap);
        Assert.Contains("1200 m2 is more than unit B's area, 1000 m2", errors[1]!["message"]!.GetValue<string>());
        Assert.Equal("area_m2", errors[1]!["column"]!.GetValue<string>());

        // Uploading the same lease again replaces it, however full its unit is; occupied area stays the unit's.
        var again = await ProcessAsync(world, landlord, await UploadAsync(landlord, "A,office,300,2026-01-01,2027-01-01,82\n"));
        Assert.Equal(1, again["rowsAccepted"]!.GetValue<int>());
        var june = (await world.Client().GetJsonAsync($"/api/trends?scope=park:{ParkId}&spaceType=office&from=2026-06&to=2026-06"))["points"]![0]!;
        Assert.Equal(490, june["occupiedArea"]!.GetValue<double>());

        // A file whose every row is refused is processed with nothing accepted, and loses nothing stored.
        var refused = await ProcessAsync(world, landlord, await UploadAsync(landlord, "A,office,10,2026-05-01,2026-08-01,80\nB,factory,2000,2026-05-01,2026-08-01,30\n"));
        Assert.Equal("processed", refused["status"]!.GetValue<string>());
        Assert.Equal(0, refused["rowsAccepted"]!.GetValue<int>());
        Assert.Equal(2, refused["rowsRejected"]!.GetValue<int>());
        june = (await world.Client().GetJsonAsync($"/api/trends?scope=park:{ParkId}&from=2026-06&to=2026-06"))["points"]![0]!;
        Assert.Equal(490 + 1000, june["occupiedArea"]!.GetValue<double>());
    }

    // Hundreds of refused rows, each with its reason, still make a processed upload (the stored reasons are cut to
    // what a record holds), and the job goes on with the next file.
    [Fact]
    public async Task AFileOfManyRefusedRowsIsProcessedAndTheJobGoesOn()
    {
        await using var world = await StartAsync();
        var landlord = world.Client(await world.LandlordTokenAsync("openid-roll", ParkId));
        var rows = string.Concat(Enumerable.Range(0, 400).Select(i => $"B,factory,600,{new DateOnly(2026, 1, 1).AddDays(i):yyyy-MM-dd},2027-06-01,30\n"));
        var many = await UploadAsync(landlord, rows);
        var next = await UploadAsync(landlord, "D,office,300,2026-01-01,2027-01-01,90\n");
        var status = await ProcessAsync(world, landlord, many);
        Assert.Equal("processed", status["status"]!.GetValue<string>());
        Assert.Equal(1, status["rowsAccepted"]!.GetValue<int>());
        Assert.Equal(399, status["rowsRejected"]!.GetValue<int>());
        Assert.InRange(status["errors"]!.AsArray().Count, 20, 200);
        Assert.Equal("processed", (await landlord.GetJsonAsync($"/api/parks/{ParkId}/leases/uploads/{next}"))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheFileMarksCoveredUnitsLeasedReportsTheRestAndALandlordsLaterChangeStands()
    {
        await using var world = await StartAsync();
        var landlord = world.Client(await world.LandlordTokenAsync("openid-roll", ParkId));
        var before = await UnitsAsync(landlord);
        // A: 486 of 490 m2 let (within 1 %): covered. B: 400 of 1000 m2: partly. C is marked leased with no lease.
        // D: let only from next year. Z is not a unit of the park.
        var uploadId = await UploadAsync(landlord, "A,office,486,2026-02-01,2027-01-31,80\nA,office,486,2025-01-01,2026-01-01,70\n"
            + "B,factory,400,2026-05-01,2028-05-01,30\nD,office,300,2027-01-01,2028-01-01,90\nZ,factory,50,2026-01-01,2027-01-01,20\nZ,factory,50,2024-01-01,2025-01-01,20\n");
        var status = await ProcessAsync(world, landlord, uploadId);

        var report = status["reconciliation"]!;
        Assert.Equal("2026-06-15", report["asOf"]!.GetValue<string>());
        Assert.Equal(["A"], Ids(report, "markedLeased"));
        Assert.Equal("2027-01-31", report["markedLeased"]![0]!["availableFrom"]!.GetValue<string>());
        Assert.Equal("available", report["markedLeased"]![0]!["status"]!.GetValue<string>());
        Assert.Equal(["B"], Ids(report, "partlyLeased"));
        Assert.Equal(400, report["partlyLeased"]![0]!["leasedArea"]!.GetValue<double>());
        Assert.Equal(["C"], Ids(report, "leasedWithoutLease"));
        Assert.Equal(["Z"], Ids(report, "unknownUnits"));
        Assert.Equal([6, 7], report["unknownUnits"]![0]!["rows"]!.AsArray().Select(r => r!.GetValue<int>()));

        // A became leased like a landlord's change: its ETag moved, search and /vacancy follow. Nothing else changed.
        var after = await UnitsAsync(landlord);
        Assert.Equal("leased", after["A"]["status"]!.GetValue<string>());
        Assert.Equal("2027-01-31", after["A"]["availableFrom"]!.GetValue<string>());
        Assert.NotEqual(before["A"]["etag"]!.GetValue<string>(), after["A"]["etag"]!.GetValue<string>());
        foreach (var id in new[] { "B", "C", "D" }) Assert.Equal(before[id]["etag"]!.GetValue<string>(), after[id]["etag"]!.GetValue<string>());
        var vacancy = await world.Client().GetJsonAsync($"/api/parks/{ParkId}/vacancy");
        Assert.Equal(Math.Round(1000 + 300.0, 2), vacancy["overall"]!["vacantArea"]!.GetValue<double>());
        var park = await world.Client().GetJsonAsync($"/api/parks/{ParkId}");
        Assert.Equal(vacancy["overall"]!["vacancyRate"]!.GetValue<double>(), park["vacancyRate"]!.GetValue<double>());

        // The history says who did it and what changed.
        var history = (await landlord.GetJsonAsync($"/api/parks/{ParkId}/units/A/history"))["items"]!.AsArray();
        var entry = history[0]!;
        Assert.Equal("reconciliation:" + uploadId, entry["by"]!.GetValue<string>());
        Assert.Equal("changed", entry["action"]!.GetValue<string>());
        var changes = entry["changes"]!.AsArray().ToDictionary(c => c!["field"]!.GetValue<string>(), c => c!);
        Assert.Equal(["availableFrom", "status"], changes.Keys.Order());
        Assert.Equal("available", changes["status"]["before"]!.GetValue<string>());
        Assert.Equal("leased", changes["status"]["after"]!.GetValue<string>());
        // The import that created A lists its fields, not the store's bookkeeping.
        var created = history[^1]!["changes"]!.AsArray().Select(c => c!["field"]!.GetValue<string>()).ToList();
        Assert.Contains("area", created);
        Assert.DoesNotContain(created, f => f.Equals("etag", StringComparison.OrdinalIgnoreCase) || f == "updatedAt" || f == "id");

        // The landlord puts A back on offer: that stands while no new file comes, however often the job runs.
        var patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/parks/{ParkId}/units/A") { Content = JsonContent.Create(new { status = "available" }) };
        patch.Headers.TryAddWithoutValidation("If-Match", after["A"]["etag"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await landlord.SendAsync(patch)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await world.Factory.CreateAdminClient().PostAsync("/api/admin/jobs/recalculate-trends", null)).StatusCode);
        Assert.Equal("available", (await UnitsAsync(landlord))["A"]["status"]!.GetValue<string>());
        // Until the next file: it marks A leased again.
        var next = await ProcessAsync(world, landlord, await UploadAsync(landlord, "D,office,300,2027-01-01,2028-01-01,90\n"));
        Assert.Equal(["A"], Ids(next["reconciliation"]!, "markedLeased"));
    }

    [Fact]
    public async Task AUnitsHistoryListsEveryChangeNewestFirstInPagesForItsParksLandlordsOnly()
    {
        await using var world = await StartAsync();
        var landlordToken = await world.LandlordTokenAsync("openid-roll", ParkId);
        var landlord = world.Client(landlordToken);
        var etag = (await UnitsAsync(landlord))["D"]["etag"]!.GetValue<string>();
        foreach (var status in new[] { "available", "leased" })
        {
            var patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/parks/{ParkId}/units/D") { Content = JsonContent.Create(new { status }) };
            patch.Headers.TryAddWithoutValidation("If-Match", etag);
            var response = await landlord.SendAsync(patch);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            etag = response.Headers.ETag!.ToString();
        }
        var first = await landlord.GetJsonAsync($"/api/parks/{ParkId}/units/D/history?limit=1");
        var newest = first["items"]!.AsArray().Single()!;
        var userId = (await world.LoginAsync("openid-roll"))["user"]!["id"]!.GetValue<string>();
        Assert.Equal(userId, newest["by"]!.GetValue<string>());
        Assert.Equal("available", newest["changes"]![0]!["before"]!.GetValue<string>());
        Assert.Equal("leased", newest["changes"]![0]!["after"]!.GetValue<string>());
        var cursor = first["nextCursor"]!.GetValue<string>();
        var second = await landlord.GetJsonAsync($"/api/parks/{ParkId}/units/D/history?limit=1&cursor={Uri.EscapeDataString(cursor)}");
        Assert.Equal("reserved", second["items"]![0]!["changes"]![0]!["before"]!.GetValue<string>());
        // The import that created the unit is the oldest entry.
        var all = (await landlord.GetJsonAsync($"/api/parks/{ParkId}/units/D/history"))["items"]!.AsArray();
        Assert.Equal(["changed", "changed", "created"], all.Select(e => e!["action"]!.GetValue<string>()));
        Assert.Equal("import", all[2]!["by"]!.GetValue<string>());
        Assert.Equal(["created"], (await landlord.GetJsonAsync($"/api/parks/{ParkId}/units/A/history"))["items"]!.AsArray().Select(e => e!["action"]!.GetValue<string>()));

        var investor = world.Client(await world.TokenAsync("openid-investor"));
        Assert.Equal(HttpStatusCode.Forbidden, (await investor.GetAsync($"/api/parks/{ParkId}/units/D/history")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await world.Client().GetAsync($"/api/parks/{ParkId}/units/D/history")).StatusCode);
        var operatorClient = world.Client(await world.TokenAsync(TestWorld.AdminOpenId));
        Assert.Equal(HttpStatusCode.OK, (await operatorClient.GetAsync($"/api/parks/{ParkId}/units/D/history")).StatusCode);
        await ProblemAssert.IsProblem(await landlord.GetAsync($"/api/parks/{ParkId}/units/D/history?cursor=not!a!cursor"), HttpStatusCode.BadRequest, "invalid_cursor");
    }
}
