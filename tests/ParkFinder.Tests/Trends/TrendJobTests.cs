using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ParkFinder.Functions.Trends;
using ParkFinder.Tests.Infrastructure;
using static ParkFinder.Tests.Infrastructure.Catalog;

namespace ParkFinder.Tests.Trends;

public sealed class TrendJobTests
{
    private static Task<TestWorld> StartAsync(IDictionary<string, string?>? settings = null, ShiftedClock? clock = null) =>
        TestWorld.StartAsync(settings, s => s.AddSingleton<TimeProvider>(clock ?? new ShiftedClock(new DateTimeOffset(2026, 4, 15, 8, 0, 0, TimeSpan.Zero))),
            Park(TrendFixture.Park, "趋势园", city: TrendFixture.City, district: TrendFixture.District,
                units: TrendFixture.Units.Select(u => Unit(u.Id, u.SpaceType, u.Area, u.Rent!.Amount, u.Rent.Unit, u.Status)).ToArray()));

    private static async Task<JsonNode> UploadAsync(HttpClient landlord, string csv, string contentType = "text/csv")
    {
        var response = await landlord.PostAsync($"/api/parks/{TrendFixture.Park}/leases", new ByteArrayContent(Encoding.UTF8.GetBytes(csv))
        {
            Headers = { ContentType = new MediaTypeHeaderValue(contentType) },
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, body);
        return JsonNode.Parse(body)!;
    }

    private static async Task<JsonNode> RunJobAsync(TestWorld world)
    {
        var response = await world.Factory.CreateAdminClient().PostAsync("/api/admin/jobs/recalculate-trends", null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonNode.Parse(body)!;
    }

    private static List<TrendPoint> Points(JsonNode trends) => trends["points"].Deserialize<List<TrendPoint>>(Json)!;

    [Fact]
    public async Task TheJobTurnsTheFixtureFileIntoTheHandWorkedTrends()
    {
        await using var world = await StartAsync();
        var landlord = world.Client(await world.LandlordTokenAsync("openid-landlord", TrendFixture.Park));
        var upload = await UploadAsync(landlord, TrendFixture.Csv);
        Assert.Equal("received", upload["status"]!.GetValue<string>());

        var run = await RunJobAsync(world);
        Assert.Equal("completed", run["status"]!.GetValue<string>());
        Assert.Equal(3, run["rowsAccepted"]!.GetValue<int>());

        var status = await landlord.GetJsonAsync($"/api/parks/{TrendFixture.Park}/leases/uploads/{upload["uploadId"]}");
        Assert.Equal("processed", status["status"]!.GetValue<string>());
        Assert.Equal(3, status["rowsAccepted"]!.GetValue<int>());
        Assert.Equal(0, status["rowsRejected"]!.GetValue<int>());

        var anyone = world.Client();
        foreach (var scope in new[] { $"park:{TrendFixture.Park}", $"district:{TrendFixture.District}", $"city:{TrendFixture.City}" })
            foreach (var type in new[] { "&spaceType=factory", "" })
                TrendFixture.AssertMatches(Points(await anyone.GetJsonAsync($"/api/trends?scope={scope}{type}&from=2026-01&to=2026-04")), shown: true);

        // Months without data are present with null metrics.
        var wide = Points(await anyone.GetJsonAsync($"/api/trends?scope=park:{TrendFixture.Park}&from=2025-11&to=2026-04"));
        Assert.Equal(6, wide.Count);
        Assert.Null(wide[0].OccupiedArea);
        Assert.Equal(1000, wide[2].OccupiedArea);
        var office = Points(await anyone.GetJsonAsync($"/api/trends?scope=park:{TrendFixture.Park}&spaceType=office&from=2026-01&to=2026-04"));
        Assert.All(office, p => Assert.Null(p.OccupiedArea));

        var rents = await anyone.GetJsonAsync($"/api/rents?district={TrendFixture.District}&spaceType=factory");
        Assert.Equal("2026-03", rents["latestTrend"]!["month"]!.GetValue<string>());
        Assert.Equal(120, rents["latestTrend"]!["avgContractRent"]!.GetValue<double>(), 9);
    }

    [Fact]
    public async Task TheFirstRunOfAMonthAddsTheMonthAndRecordsItsAskingRentKeepingPastOnes()
    {
        var clock = new ShiftedClock(new DateTimeOffset(2026, 4, 15, 8, 0, 0, TimeSpan.Zero));
        await using var world = await StartAsync(clock: clock);
        var landlord = world.Client(await world.LandlordTokenAsync("openid-landlord", TrendFixture.Park));
        await UploadAsync(landlord, TrendFixture.Csv);
        await RunJobAsync(world);

        // May: U3's asking rent goes up (U1 is let since April's file); no new file, yet the run brings every series to May.
        clock.Advance(TimeSpan.FromDays(17));
        landlord = world.Client(await world.TokenAsync("openid-landlord")); // the April token has expired
        var u3 = (await landlord.GetJsonAsync($"/api/parks/{TrendFixture.Park}/units?status=all"))["items"]!.AsArray().Single(u => u!["id"]!.GetValue<string>() == "U3")!;
        var patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/parks/{TrendFixture.Park}/units/U3") { Content = JsonContent.Create(new { rent = new { amount = 40, unit = "CNY/m2/month" } }) };
        patch.Headers.TryAddWithoutValidation("If-Match", u3["etag"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await landlord.SendAsync(patch)).StatusCode);
        var run = await RunJobAsync(world);
        Assert.Equal(0, run["files"]!.GetValue<int>());
        Assert.True(run["series"]!.GetValue<int>() > 0);

        var points = Points(await world.Client().GetJsonAsync($"/api/trends?scope=district:{TrendFixture.District}&spaceType=factory&from=2026-03&to=2026-05"));
        Assert.Equal(["2026-03", "2026-04", "2026-05"], points.Select(p => p.Month));
        Assert.Equal(30, points[1].AskingRentMedian);
        Assert.Equal(40, points[2].AskingRentMedian);
        Assert.Equal(1200, points[2].OccupiedArea);

        // A second run in May has nothing to do.
        Assert.Equal(0, (await RunJobAsync(world))["series"]!.GetValue<int>());
    }

    [Fact]
    public async Task UploadingTheSameFileAgainChangesNothingAndACorrectionReplacesRows()
    {
        await using var world = await StartAsync();
        var landlord = world.Client(await world.LandlordTokenAsync("openid-landlord", TrendFixture.Park));
        await UploadAsync(landlord, TrendFixture.Csv);
        await RunJobAsync(world);
        var before = await TableSnapshot.TakeAsync(world.Factory, "Leases", "Trends");

        await UploadAsync(landlord, TrendFixture.Csv);
        await RunJobAsync(world);
        Assert.Equal(before, await TableSnapshot.TakeAsync(world.Factory, "Leases", "Trends"));

        await UploadAsync(landlord, TrendFixture.Csv.Replace("U1,factory,1000,", "U1,factory,800,"));
        await RunJobAsync(world);
        var jan = Points(await world.Client().GetJsonAsync($"/api/trends?scope=park:{TrendFixture.Park}&from=2026-01&to=2026-01"))[0];
        Assert.Equal(800, jan.OccupiedArea);
        Assert.Equal(3, (await TableSnapshot.TakeAsync(world.Factory, "Leases")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task UploadsAreCheckedForSizeTypeAndEmptinessAndAnUnreadableFileIsMarkedFailed()
    {
        await using var world = await StartAsync();
        var landlord = world.Client(await world.LandlordTokenAsync("openid-landlord", TrendFixture.Park));
        var url = $"/api/parks/{TrendFixture.Park}/leases";
        var big = new ByteArrayContent(new byte[21 * 1024 * 1024]) { Headers = { ContentType = new MediaTypeHeaderValue("text/csv") } };
        await ProblemAssert.IsProblem(await landlord.PostAsync(url, big), HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
        await ProblemAssert.IsProblem(await landlord.PostAsync(url, new StringContent("{}", Encoding.UTF8, "application/json")), HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        await ProblemAssert.IsProblem(await landlord.PostAsync(url, new ByteArrayContent([]) { Headers = { ContentType = new MediaTypeHeaderValue("text/csv") } }),
            HttpStatusCode.BadRequest, "empty_file");

        var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes("no,header,here\n1,2,3")), "file", "租约.csv" } };
        var bad = await landlord.PostAsync(url, form);
        Assert.Equal(HttpStatusCode.Accepted, bad.StatusCode);
        var badId = (await bad.Content.ReadFromJsonAsync<JsonObject>())!["uploadId"]!.GetValue<string>();
        var good = await UploadAsync(landlord, TrendFixture.Csv);

        var run = await RunJobAsync(world);
        Assert.Equal(1, run["filesFailed"]!.GetValue<int>());
        var failed = await landlord.GetJsonAsync($"{url}/uploads/{badId}");
        Assert.Equal("failed", failed["status"]!.GetValue<string>());
        Assert.Contains("unit_id", failed["reason"]!.GetValue<string>());
        Assert.Equal("租约.csv", failed["fileName"]!.GetValue<string>());
        Assert.Equal("processed", (await landlord.GetJsonAsync($"{url}/uploads/{good["uploadId"]}"))["status"]!.GetValue<string>());
        await ProblemAssert.IsProblem(await landlord.GetAsync($"{url}/uploads/nope"), HttpStatusCode.NotFound, "upload_not_found");
    }

    [Fact]
    public async Task ARunTakesAtMostMaxFilesPerRunOldestFirstAndTheNextRunTheRest()
    {
        await using var world = await StartAsync(new Dictionary<string, string?> { ["Jobs:RecalculateTrends:MaxFilesPerRun"] = "2" });
        var landlord = world.Client(await world.LandlordTokenAsync("openid-landlord", TrendFixture.Park));
        var ids = new List<string>();
        for (var i = 0; i < 3; i++) ids.Add((await UploadAsync(landlord, TrendFixture.Csv))["uploadId"]!.GetValue<string>());
        Assert.Equal(2, (await RunJobAsync(world))["files"]!.GetValue<int>());
        var statuses = new List<string>();
        foreach (var id in ids) statuses.Add((await landlord.GetJsonAsync($"/api/parks/{TrendFixture.Park}/leases/uploads/{id}"))["status"]!.GetValue<string>());
        Assert.Equal(["processed", "processed", "received"], statuses);
        Assert.Equal(1, (await RunJobAsync(world))["files"]!.GetValue<int>());
    }

    [Fact]
    public async Task ARunThatFindsTheLockHeldExitsQuietly()
    {
        await using var world = await StartAsync();
        var locks = world.Factory.Services.GetRequiredService<ParkFinder.Functions.Hosting.JobLocks>();
        var held = await locks.TryAcquireAsync(TrendJob.LockBlob, TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.NotNull(held);
        Assert.Equal("skipped", (await RunJobAsync(world))["status"]!.GetValue<string>());
        await held.DisposeAsync();
        Assert.Equal("completed", (await RunJobAsync(world))["status"]!.GetValue<string>());
        var runs = (await world.Factory.CreateAdminClient().GetJsonAsync("/api/admin/jobs/recalculate-trends")).AsArray();
        Assert.Equal("completed", runs[0]!["status"]!.GetValue<string>());
    }
}
