using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ParkFinder.Tests.Infrastructure;
using static ParkFinder.Tests.Infrastructure.Catalog;

namespace ParkFinder.Tests.Leads;

// A consult request is answered and followed: new -> contacted -> visited -> won | lost, moved by the
// park's landlords with ETags; still new a day later it is overdue.
public sealed class LeadLifecycleTests(LeadLifecycleTests.ThreeParks shared) : IClassFixture<LeadLifecycleTests.ThreeParks>
{
    // One world; each test without a clock of its own works on its own park with its own landlord, so
    // a park's list holds only that test's requests.
    public sealed class ThreeParks : SharedWorld
    {
        protected override Task<TestWorld> StartAsync() => TestWorld.StartAsync(null, Park("park-a", "甲园"), Park("park-b", "乙园"), Park("park-c", "丙园"));
    }

    private static object Lead(string message) =>
        new { category = "factory-warehouse", name = "李先生", phone = "13912345678", message, consent = true };

    private static HttpRequestMessage Move(string url, string status, string? etag, string? note = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, url) { Content = JsonContent.Create(new { status, note }) };
        if (etag is not null) request.Headers.TryAddWithoutValidation("If-Match", etag);
        return request;
    }

    [Fact]
    public async Task LandlordsMoveARequestForwardOnlyWithTheVersionTheyReadAndTheFirstAnswerIsTimed()
    {
        var world = shared.World;
        var investor = world.Client(await world.TokenAsync("openid-asker"));
        Assert.Equal(HttpStatusCode.Created, (await investor.PostAsJsonAsync("/api/parks/park-a/leads", Lead("想看厂房"))).StatusCode);
        var landlord = world.Client(await world.LandlordTokenAsync("openid-a", "park-a"));
        var lead = (await landlord.GetJsonAsync("/api/parks/park-a/leads"))["items"]![0]!;
        Assert.Equal("new", lead["status"]!.GetValue<string>());
        Assert.False(lead["overdue"]!.GetValue<bool>());
        Assert.Null(lead["firstResponseAt"]);
        var url = $"/api/parks/park-a/leads/{lead["id"]!.GetValue<string>()}";
        var etag = lead["etag"]!.GetValue<string>();

        await ProblemAssert.IsProblem(await landlord.SendAsync(Move(url, "contacted", null)), (HttpStatusCode)428, "etag_required");
        await ProblemAssert.IsProblem(await landlord.SendAsync(Move(url, "visited", etag)), HttpStatusCode.BadRequest, "invalid_transition");
        await ProblemAssert.IsProblem(await landlord.SendAsync(Move(url, "gone", etag)), HttpStatusCode.BadRequest, "invalid_parameter");
        var contacted = await landlord.SendAsync(Move(url, "contacted", etag, "已电话联系"));
        Assert.Equal(HttpStatusCode.OK, contacted.StatusCode);
        var body = (await contacted.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("contacted", body["status"]!.GetValue<string>());
        Assert.Equal("已电话联系", body["note"]!.GetValue<string>());
        Assert.NotNull(body["firstResponseAt"]);
        // The version read before that move is stale now.
        await ProblemAssert.IsProblem(await landlord.SendAsync(Move(url, "visited", etag)), HttpStatusCode.PreconditionFailed, "etag_mismatch");
        etag = contacted.Headers.ETag!.ToString();
        var visited = await landlord.SendAsync(Move(url, "visited", etag));
        Assert.Equal(HttpStatusCode.OK, visited.StatusCode);
        var won = await landlord.SendAsync(Move(url, "won", visited.Headers.ETag!.ToString()));
        Assert.Equal(HttpStatusCode.OK, won.StatusCode);
        await ProblemAssert.IsProblem(await landlord.SendAsync(Move(url, "lost", won.Headers.ETag!.ToString())), HttpStatusCode.BadRequest, "invalid_transition");
        Assert.Equal(body["firstResponseAt"]!.ToString(), (await won.Content.ReadFromJsonAsync<JsonObject>())!["firstResponseAt"]!.ToString());

        // The investor follows it; nobody else can move it.
        Assert.Equal("won", (await investor.GetJsonAsync("/api/me/leads"))["items"]![0]!["status"]!.GetValue<string>());
        await ProblemAssert.IsProblem(await investor.SendAsync(Move(url, "lost", "*")), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsProblem(await landlord.SendAsync(Move("/api/parks/park-a/leads/nope", "contacted", "*")), HttpStatusCode.NotFound, "lead_not_found");
    }

    // The pipeline landlords work: spam and declined requests close as lost from any open state, a deal can be won
    // without a visit, and nothing moves back or out of won and lost.
    [Fact]
    public async Task ARequestIsLostFromAnyOpenStateWonFromContactedAndNeverMovesBack()
    {
        var world = shared.World;
        var landlord = world.Client(await world.LandlordTokenAsync("openid-b", "park-b"));
        async Task<(string Url, string Etag)> NewRequestAsync(string asker)
        {
            var investor = world.Client(await world.TokenAsync(asker));
            Assert.Equal(HttpStatusCode.Created, (await investor.PostAsJsonAsync("/api/parks/park-b/leads", Lead("想看厂房 " + asker))).StatusCode);
            var lead = (await landlord.GetJsonAsync("/api/parks/park-b/leads"))["items"]![0]!;
            return ($"/api/parks/park-b/leads/{lead["id"]!.GetValue<string>()}", lead["etag"]!.GetValue<string>());
        }
        async Task<string> MoveOkAsync(string url, string status, string etag)
        {
            var response = await landlord.SendAsync(Move(url, status, etag));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{status}: {await response.Content.ReadAsStringAsync()}");
            return response.Headers.ETag!.ToString();
        }

        var (spam, spamEtag) = await NewRequestAsync("openid-spam");
        spamEtag = await MoveOkAsync(spam, "lost", spamEtag);
        await ProblemAssert.IsProblem(await landlord.SendAsync(Move(spam, "contacted", spamEtag)), HttpStatusCode.BadRequest, "invalid_transition");

        var (quick, quickEtag) = await NewRequestAsync("openid-quick");
        quickEtag = await MoveOkAsync(quick, "contacted", quickEtag);
        await ProblemAssert.IsProblem(await landlord.SendAsync(Move(quick, "new", quickEtag)), HttpStatusCode.BadRequest, "invalid_transition");
        quickEtag = await MoveOkAsync(quick, "won", quickEtag);
        await ProblemAssert.IsProblem(await landlord.SendAsync(Move(quick, "lost", quickEtag)), HttpStatusCode.BadRequest, "invalid_transition");

        var (declined, declinedEtag) = await NewRequestAsync("openid-declined");
        declinedEtag = await MoveOkAsync(declined, "contacted", declinedEtag);
        declinedEtag = await MoveOkAsync(declined, "visited", declinedEtag);
        await ProblemAssert.IsProblem(await landlord.SendAsync(Move(declined, "contacted", declinedEtag)), HttpStatusCode.BadRequest, "invalid_transition");
        await MoveOkAsync(declined, "lost", declinedEtag);
    }

    [Fact]
    public async Task LandlordsExportTheirRequestsAsCsvThatExcelOpensInChinese()
    {
        var world = shared.World;
        var investor = world.Client(await world.TokenAsync("openid-csv"));
        Assert.Equal(HttpStatusCode.Created, (await investor.PostAsJsonAsync("/api/parks/park-c/leads",
            new { category = "office", name = "王, 小明", phone = "13800138000", message = "=HYPERLINK(\"x\")\n第二行", spaceType = "office", consent = true })).StatusCode);
        var landlord = world.Client(await world.LandlordTokenAsync("openid-c", "park-c"));
        var response = await landlord.GetAsync("/api/parks/park-c/leads/export");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]); // the BOM Excel needs to read UTF-8
        var text = System.Text.Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("时间,类别,姓名,电话,留言,", text);
        Assert.Contains("\"王, 小明\",13800138000,\"'=HYPERLINK(\"\"x\"\")\n第二行\"", text); // quoted, formula defused
        // Categories, space types and statuses by the names a Chinese Excel user reads, as in the WeChat messages.
        var row = text.Split("\r\n")[1];
        Assert.StartsWith("写字楼租售,", row[17..]);
        Assert.Contains(",写字楼,", row);
        Assert.Contains(",待联系,", row);
        Assert.DoesNotContain("office", text);
        Assert.DoesNotContain(",new,", text);
        await ProblemAssert.IsProblem(await investor.GetAsync("/api/parks/park-c/leads/export"), HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task ARequestStillNewADayLaterIsOverdueUntilAnswered()
    {
        var clock = new ShiftedClock(DateTimeOffset.UtcNow);
        await using var world = await TestWorld.StartAsync(null, s => s.AddSingleton<TimeProvider>(clock), Park("park-a", "甲园"));
        var investor = world.Client(await world.TokenAsync("openid-waiting"));
        Assert.Equal(HttpStatusCode.Created, (await investor.PostAsJsonAsync("/api/parks/park-a/leads", Lead("等了一天"))).StatusCode);
        var early = world.Client(await world.LandlordTokenAsync("openid-a", "park-a"));
        Assert.Empty((await early.GetJsonAsync("/api/parks/park-a/leads?overdue=true"))["items"]!.AsArray());

        clock.Advance(TimeSpan.FromHours(25));
        var landlord = world.Client(await world.TokenAsync("openid-a")); // a fresh token: the first one has expired
        var overdue = (await landlord.GetJsonAsync("/api/parks/park-a/leads?overdue=true"))["items"]!.AsArray();
        var lead = Assert.Single(overdue)!;
        Assert.True(lead["overdue"]!.GetValue<bool>());

        var answered = await landlord.SendAsync(Move($"/api/parks/park-a/leads/{lead["id"]!.GetValue<string>()}", "contacted", lead["etag"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Empty((await landlord.GetJsonAsync("/api/parks/park-a/leads?overdue=true"))["items"]!.AsArray());
        Assert.False((await landlord.GetJsonAsync("/api/parks/park-a/leads"))["items"]![0]!["overdue"]!.GetValue<bool>());
    }
}
