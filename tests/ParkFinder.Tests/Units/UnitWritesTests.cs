using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ParkFinder.Tests.Infrastructure;
using static ParkFinder.Tests.Infrastructure.Catalog;

namespace ParkFinder.Tests.Units;

public sealed class UnitWritesTests
{
    private static HttpRequestMessage Request(HttpMethod method, string url, object? body = null, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body, options: Json) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }

    [Fact]
    public async Task TwentyConcurrentPatchesWithOneETagLetExactlyOneWin()
    {
        // The storage budget is not what this test is about: on a loaded machine (the whole suite at once) twenty
        // writes queued on the emulator may take longer than the default 5 s, and a 503 is not an ETag's answer.
        await using var world = await TestWorld.StartAsync(new Dictionary<string, string?> { ["Storage:TimeoutSeconds"] = "30" },
            Park("park-a", "甲园", units: [Unit("u1", rent: 30)]));
        var landlord = world.Client(await world.LandlordTokenAsync("openid-a", "park-a"));
        var current = await landlord.GetAsync("/api/parks/park-a/units/u1");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, current.StatusCode); // single-unit reads go through the list
        var unit = (await landlord.GetJsonAsync("/api/parks/park-a/units"))["items"]![0]!;
        var etag = unit["etag"]!.GetValue<string>();

        var attempts = Enumerable.Range(1, 20).Select(i => landlord.SendAsync(Request(HttpMethod.Patch, "/api/parks/park-a/units/u1",
            new { rent = new { amount = 100 + i, unit = "CNY/m2/month" } }, etag))).ToList();
        var responses = await Task.WhenAll(attempts);
        var winners = responses.Select((r, i) => (r, amount: 101 + i)).Where(x => x.r.StatusCode == HttpStatusCode.OK).ToList();
        // Every status in the message: a failure here once under full-suite load (session 12) left no more than the line.
        Assert.True(winners.Count == 1, "statuses: " + string.Join(", ", await Task.WhenAll(responses.Select(async r =>
            $"{(int)r.StatusCode} {(r.StatusCode == HttpStatusCode.OK ? "" : await r.Content.ReadAsStringAsync())}"))));
        foreach (var loser in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
            await ProblemAssert.IsProblem(loser, HttpStatusCode.PreconditionFailed, "etag_mismatch");

        var stored = (await landlord.GetJsonAsync("/api/parks/park-a/units"))["items"]![0]!;
        Assert.Equal(winners[0].amount, stored["rent"]!["amount"]!.GetValue<double>());
        Assert.Equal(winners[0].r.Headers.ETag!.ToString(), stored["etag"]!.GetValue<string>());
    }

    [Fact]
    public async Task PutCreatesThenNeedsACurrentIfMatchToReplace()
    {
        await using var world = await TestWorld.StartAsync(null, Park("park-a", "甲园"));
        var landlord = world.Client(await world.LandlordTokenAsync("openid-a", "park-a"));

        var created = await landlord.SendAsync(Request(HttpMethod.Put, "/api/parks/park-a/units/w1", Unit("w1", "warehouse", 3000, 1.1, "CNY/m2/day")));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var etag = created.Headers.ETag!.ToString();
        var body = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(etag, body["etag"]!.GetValue<string>());
        Assert.Equal(33.46, body["rent"]!["monthlyPerM2"]!.GetValue<double>());

        await ProblemAssert.IsProblem(await landlord.SendAsync(Request(HttpMethod.Put, "/api/parks/park-a/units/w1", Unit("w1", area: 1))),
            (HttpStatusCode)428, "etag_required");
        var replaced = await landlord.SendAsync(Request(HttpMethod.Put, "/api/parks/park-a/units/w1", Unit("w1", "warehouse", 2500), etag));
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        await ProblemAssert.IsProblem(await landlord.SendAsync(Request(HttpMethod.Put, "/api/parks/park-a/units/w1", Unit("w1", area: 9), etag)),
            HttpStatusCode.PreconditionFailed, "etag_mismatch");
        await ProblemAssert.IsProblem(await landlord.SendAsync(Request(HttpMethod.Patch, "/api/parks/park-a/units/w1", new { area = 9 }, etag)),
            HttpStatusCode.PreconditionFailed, "etag_mismatch");
        await ProblemAssert.IsProblem(await landlord.SendAsync(Request(HttpMethod.Delete, "/api/parks/park-a/units/w1", null, etag)),
            HttpStatusCode.PreconditionFailed, "etag_mismatch");
        await ProblemAssert.IsProblem(await landlord.SendAsync(Request(HttpMethod.Delete, "/api/parks/park-a/units/w1")), (HttpStatusCode)428, "etag_required");

        var stored = (await landlord.GetJsonAsync("/api/parks/park-a/units?status=all"))["items"]![0]!;
        Assert.Equal(2500, stored["area"]!.GetValue<double>());

        var bad = await landlord.SendAsync(Request(HttpMethod.Put, "/api/parks/park-a/units/w2", new { spaceType = "castle", area = -1, status = "gone" }));
        var problem = await ProblemAssert.IsProblem(bad, HttpStatusCode.BadRequest, "invalid_parameter");
        foreach (var key in new[] { "spaceType", "area", "status" }) Assert.True(problem.GetProperty("errors").TryGetProperty(key, out _));
        var wrongType = await ProblemAssert.IsProblem(await landlord.SendAsync(Request(HttpMethod.Patch, "/api/parks/park-a/units/w1", new { area = "big" }, stored["etag"]!.GetValue<string>())),
            HttpStatusCode.BadRequest, "invalid_parameter");
        Assert.Equal("must be a number (a JSON number, not a string)", wrongType.GetProperty("errors").GetProperty("area")[0].GetString());
    }

    [Fact]
    public async Task AWriteShowsInTheSameInstancesNextSearch()
    {
        await using var world = await TestWorld.StartAsync(null, Park("park-a", "甲园", units: [Unit("u1", area: 2000, rent: 30)]));
        var landlord = world.Client(await world.LandlordTokenAsync("openid-a", "park-a"));
        var anyone = world.Client();
        Assert.Equal(1, (await anyone.GetJsonAsync("/api/parks?minArea=1500"))["total"]!.GetValue<int>());
        var etag = (await landlord.GetJsonAsync("/api/parks/park-a/units"))["items"]![0]!["etag"]!.GetValue<string>();

        var leased = await landlord.SendAsync(Request(HttpMethod.Patch, "/api/parks/park-a/units/u1", new { status = "leased" }, etag));
        Assert.Equal(HttpStatusCode.OK, leased.StatusCode);
        Assert.Equal(0, (await anyone.GetJsonAsync("/api/parks?minArea=1500"))["total"]!.GetValue<int>());
        Assert.Equal(0, (await anyone.GetJsonAsync("/api/parks/park-a"))["availableArea"]!.GetValue<double>());

        var added = await landlord.SendAsync(Request(HttpMethod.Put, "/api/parks/park-a/units/u2", Unit("u2", "office", 300, 5, "CNY/m2/day")));
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(1, (await anyone.GetJsonAsync("/api/parks?spaceType=office&minRent=150"))["total"]!.GetValue<int>());

        var confirm = await landlord.PostAsync("/api/parks/park-a/availability/confirm", null);
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        Assert.NotNull((await anyone.GetJsonAsync("/api/parks/park-a"))["lastConfirmedAt"]?.GetValue<string>());
    }

    [Fact]
    public async Task InviteCodesAreSingleUseAndExpire()
    {
        var clock = new MovableClock();
        await using var world = await TestWorld.StartAsync(null, s => s.AddSingleton<TimeProvider>(clock), Park("park-a", "甲园"));
        var admin = world.Factory.CreateAdminClient();
        async Task<string> Invite() => (await (await admin.PostAsJsonAsync("/api/admin/invites", new { parkId = "park-a" })).Content.ReadFromJsonAsync<JsonObject>())!["inviteCode"]!.GetValue<string>();

        var code = await Invite();
        var first = world.Client(await world.TokenAsync("openid-first"));
        var second = world.Client(await world.TokenAsync("openid-second"));
        var bound = await first.PostAsJsonAsync("/api/landlord/bind", new { inviteCode = code });
        Assert.Equal(HttpStatusCode.OK, bound.StatusCode);
        var user = (await bound.Content.ReadFromJsonAsync<JsonObject>())!["user"]!;
        Assert.Contains("landlord", user["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal(["park-a"], user["parkIds"]!.AsArray().Select(r => r!.GetValue<string>()));
        await ProblemAssert.IsProblem(await second.PostAsJsonAsync("/api/landlord/bind", new { inviteCode = code }), HttpStatusCode.Conflict, "invite_used");
        // Logging in again keeps the binding.
        Assert.Contains("landlord", (await world.LoginAsync("openid-first"))["user"]!["roles"]!.AsArray().Select(r => r!.GetValue<string>()));

        await ProblemAssert.IsProblem(await admin.PostAsJsonAsync("/api/admin/invites", new { parkId = "park-nope" }), HttpStatusCode.NotFound, "park_not_found");

        var stale = await Invite();
        clock.Advance(TimeSpan.FromDays(8));
        var late = world.Client(await world.TokenAsync("openid-late"));
        await ProblemAssert.IsProblem(await late.PostAsJsonAsync("/api/landlord/bind", new { inviteCode = stale }), HttpStatusCode.Gone, "invite_expired");
        await ProblemAssert.IsProblem(await late.PostAsJsonAsync("/api/landlord/bind", new { inviteCode = "NOSUCHCODE" }), HttpStatusCode.NotFound, "invite_not_found");
    }

    // Real time, moved forward on demand; tokens issued after a move carry the moved time too.
    private sealed class MovableClock : TimeProvider
    {
        private TimeSpan _offset;
        public void Advance(TimeSpan by) => _offset += by;
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + _offset;
    }
}
