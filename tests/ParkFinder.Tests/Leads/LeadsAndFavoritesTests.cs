using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ParkFinder.Tests.Infrastructure;
using static ParkFinder.Tests.Infrastructure.Catalog;

namespace ParkFinder.Tests.Leads;

public sealed class LeadsAndFavoritesTests(LeadsAndFavoritesTests.Parks shared) : IClassFixture<LeadsAndFavoritesTests.Parks>
{
    // One world for the tests without a clock, a rate limit or a token count of their own: each asks its
    // own parks (a park's list holds only its test's requests) or reads only its own users' lists.
    public sealed class Parks : SharedWorld
    {
        protected override Task<TestWorld> StartAsync() => TestWorld.StartAsync(new Dictionary<string, string?> { ["RateLimits:LeadsPerMinute"] = "100" },
            [Park("park-a", "甲园"), Park("park-b", "乙园"), Park("p-risky", "风险园"), Park("p-ask-a", "问甲园"), Park("p-ask-b", "问乙园"),
             .. Enumerable.Range(1, 5).Select(i => Park($"park-{i}", $"园{i}"))]);
    }

    private static object Lead(string message, string category = "factory-warehouse") =>
        new { category, name = "李先生", phone = "13912345678", message, spaceType = "factory", area = 2000, consent = true };

    [Fact]
    public async Task AnInvestorFollowsTheirOwnRequestsAcrossParksAndNoOneElses()
    {
        var clock = new ShiftedClock(DateTimeOffset.UtcNow);
        await using var world = await TestWorld.StartAsync(null, s => s.AddSingleton<TimeProvider>(clock), Park("park-a", "甲园"), Park("park-b", "乙园"));
        var investor = world.Client(await world.TokenAsync("openid-follow"));
        Assert.Equal(HttpStatusCode.Created, (await investor.PostAsJsonAsync("/api/parks/park-a/leads", Lead("甲园的咨询"))).StatusCode);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Created, (await investor.PostAsJsonAsync("/api/parks/park-b/leads", Lead("乙园的咨询"))).StatusCode);
        var other = world.Client(await world.TokenAsync("openid-other"));
        Assert.Equal(HttpStatusCode.Created, (await other.PostAsJsonAsync("/api/parks/park-a/leads", Lead("别人的咨询"))).StatusCode);

        var mine = (await investor.GetJsonAsync("/api/me/leads"))["items"]!.AsArray();
        Assert.Equal(["乙园的咨询", "甲园的咨询"], mine.Select(l => l!["message"]!.GetValue<string>()));
        Assert.Equal(["park-b", "park-a"], mine.Select(l => l!["parkId"]!.GetValue<string>()));
        Assert.All(mine, l => Assert.Equal("13912345678", l!["phone"]!.GetValue<string>())); // their own number
        var page = await investor.GetJsonAsync("/api/me/leads?limit=1");
        Assert.Single(page["items"]!.AsArray());
        Assert.NotNull(page["nextCursor"]);
        Assert.Equal(["别人的咨询"], (await other.GetJsonAsync("/api/me/leads"))["items"]!.AsArray().Select(l => l!["message"]!.GetValue<string>()));
        await ProblemAssert.IsProblem(await world.Client().GetAsync("/api/me/leads"), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task LandlordsReadTheirParksLeadsNewestFirstPageByPage()
    {
        var clock = new ShiftedClock(DateTimeOffset.UtcNow);
        await using var world = await TestWorld.StartAsync(null, s => s.AddSingleton<TimeProvider>(clock), Park("park-a", "甲园"), Park("park-b", "乙园"));
        var investor = world.Client(await world.TokenAsync("openid-investor"));
        for (var i = 0; i < 5; i++)
        {
            // Five investors: one investor's repeat to the same park and category would be the same request.
            var asker = world.Client(await world.TokenAsync($"openid-investor-{i}"));
            var created = await asker.PostAsJsonAsync("/api/parks/park-a/leads", Lead($"第{i}条咨询"));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            Assert.NotNull(created.Headers.Location);
            clock.Advance(TimeSpan.FromSeconds(1));
        }
        await investor.PostAsJsonAsync("/api/parks/park-b/leads", Lead("别的园区"));

        var landlord = world.Client(await world.LandlordTokenAsync("openid-a", "park-a"));
        var messages = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await landlord.GetJsonAsync("/api/parks/park-a/leads?limit=2" + (cursor is null ? "" : "&cursor=" + cursor));
            messages.AddRange(page["items"]!.AsArray().Select(l => l!["message"]!.GetValue<string>()));
            cursor = page["nextCursor"]?.GetValue<string>();
            pages++;
        } while (cursor is not null);
        Assert.Equal(["第4条咨询", "第3条咨询", "第2条咨询", "第1条咨询", "第0条咨询"], messages);
        Assert.True(pages >= 3);

        await ProblemAssert.IsProblem(await landlord.GetAsync("/api/parks/park-a/leads?cursor=garbage!!"), HttpStatusCode.BadRequest, "invalid_cursor");
        // A cursor pointing into another park's partition still reads only this park's leads.
        var otherParkCursor = Convert.ToBase64String("park-b\n0"u8.ToArray()).TrimEnd('=');
        var foreign = await landlord.GetAsync("/api/parks/park-a/leads?cursor=" + otherParkCursor);
        if (foreign.StatusCode == HttpStatusCode.OK)
            Assert.All((await foreign.Content.ReadFromJsonAsync<JsonObject>())!["items"]!.AsArray(), l => Assert.Equal("park-a", l!["parkId"]!.GetValue<string>()));
        else
            await ProblemAssert.IsProblem(foreign, HttpStatusCode.BadRequest, "invalid_cursor");
    }

    [Fact]
    public async Task RiskyTextIs422ContentRejectedAndNothingIsStored()
    {
        var world = shared.World;
        var investor = world.Client(await world.TokenAsync("openid-investor"));
        var rejected = await investor.PostAsJsonAsync("/api/parks/p-risky/leads", Lead("代办证件，联系赌博"));
        await ProblemAssert.IsProblem(rejected, HttpStatusCode.UnprocessableEntity, "content_rejected");
        await ProblemAssert.IsProblem(await investor.PostAsJsonAsync("/api/parks/p-risky/leads", Lead("出售违禁品")), HttpStatusCode.UnprocessableEntity, "content_rejected");
        var review = await investor.PostAsJsonAsync("/api/parks/p-risky/leads", Lead("请加微信详谈"));
        Assert.Equal(HttpStatusCode.Created, review.StatusCode);
        Assert.Equal("review", (await world.LeadAsTheParkSeesItAsync(review))["contentCheck"]!.GetValue<string>());

        var landlord = world.Client(await world.LandlordTokenAsync("openid-risky-landlord", "p-risky"));
        var items = (await landlord.GetJsonAsync("/api/parks/p-risky/leads"))["items"]!.AsArray();
        Assert.Single(items);

        var invalid = await investor.PostAsJsonAsync("/api/parks/p-risky/leads", new { category = "gossip", name = "", phone = "12345" });
        var problem = await ProblemAssert.IsProblem(invalid, HttpStatusCode.BadRequest, "invalid_parameter");
        foreach (var key in new[] { "category", "name", "phone", "consent" }) Assert.True(problem.GetProperty("errors").TryGetProperty(key, out _));
        // Without the investor's consent nothing reaches the park (PIPL).
        var noConsent = await investor.PostAsJsonAsync("/api/parks/p-risky/leads",
            new { category = "office", name = "李先生", phone = "13912345678", message = "写字楼", consent = false });
        var consent = await ProblemAssert.IsProblem(noConsent, HttpStatusCode.BadRequest, "invalid_parameter");
        Assert.True(consent.GetProperty("errors").TryGetProperty("consent", out _));
        await ProblemAssert.IsProblem(await investor.PostAsJsonAsync("/api/parks/park-x/leads", Lead("hi")), HttpStatusCode.NotFound, "park_not_found");
    }

    [Fact]
    public async Task ContentCheckSharesOneAccessTokenAndRenewsAnExpiredOne()
    {
        await using var world = await TestWorld.StartAsync(new Dictionary<string, string?> { ["RateLimits:LeadsPerMinute"] = "100" }, Park("park-a", "甲园"));
        var investors = new List<HttpClient>();
        for (var i = 0; i < 11; i++) investors.Add(world.Client(await world.TokenAsync($"openid-investor-{i}")));
        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => investors[i].PostAsJsonAsync("/api/parks/park-a/leads", Lead($"并发{i}"))));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Equal(1, world.WeChat.TokenRequests);

        world.WeChat.ExpireAccessToken();
        Assert.Equal(HttpStatusCode.Created, (await investors[10].PostAsJsonAsync("/api/parks/park-a/leads", Lead("令牌过期后"))).StatusCode);
        Assert.Equal(2, world.WeChat.TokenRequests);
    }

    [Fact]
    public async Task AskingTheSameParkAboutTheSameThingWithin24HoursIsTheSameRequest()
    {
        var world = shared.World;
        var investor = world.Client(await world.TokenAsync("openid-repeat"));
        var first = await investor.PostAsJsonAsync("/api/parks/p-ask-a/leads", Lead("第一次"));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var firstId = (await first.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();

        var again = await ProblemAssert.IsProblem(await investor.PostAsJsonAsync("/api/parks/p-ask-a/leads", Lead("再问一次")), HttpStatusCode.Conflict, "duplicate_request");
        Assert.Equal(firstId, again.GetProperty("leadId").GetString());
        // Another category, or another park, is another request.
        Assert.Equal(HttpStatusCode.Created, (await investor.PostAsJsonAsync("/api/parks/p-ask-a/leads", Lead("注册问题", "registration"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await investor.PostAsJsonAsync("/api/parks/p-ask-b/leads", Lead("乙园"))).StatusCode);
        // Sent five times at once: one request.
        var racer = world.Client(await world.TokenAsync("openid-racer"));
        var raced = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => racer.PostAsJsonAsync("/api/parks/p-ask-a/leads", Lead($"同时{i}"))));
        Assert.Single(raced, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(raced.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));

        var landlord = world.Client(await world.LandlordTokenAsync("openid-ask-landlord", "p-ask-a"));
        Assert.Equal(3, (await landlord.GetJsonAsync("/api/parks/p-ask-a/leads"))["items"]!.AsArray().Count);
        Assert.Equal(3, (await investor.GetJsonAsync("/api/me/leads"))["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task LeadCreationIsRateLimitedPerUser()
    {
        await using var world = await TestWorld.StartAsync(new Dictionary<string, string?> { ["RateLimits:LeadsPerMinute"] = "2" }, Park("park-a", "甲园"));
        var one = world.Client(await world.TokenAsync("openid-one"));
        var two = world.Client(await world.TokenAsync("openid-two"));
        Assert.Equal(HttpStatusCode.Created, (await one.PostAsJsonAsync("/api/parks/park-a/leads", Lead("1", "registration"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await one.PostAsJsonAsync("/api/parks/park-a/leads", Lead("2", "policy"))).StatusCode);
        var limited = await one.PostAsJsonAsync("/api/parks/park-a/leads", Lead("3", "other"));
        await ProblemAssert.IsProblem(limited, HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.Created, (await two.PostAsJsonAsync("/api/parks/park-a/leads", Lead("other user"))).StatusCode);
    }

    [Fact]
    public async Task RefusedAttemptsDoNotUseTheAllowanceButAFloodOfThemIsStopped()
    {
        await using var world = await TestWorld.StartAsync(new Dictionary<string, string?>
            { ["RateLimits:LeadsPerMinute"] = "2", ["RateLimits:LeadAttemptsPerMinute"] = "8" }, Park("park-a", "甲园"));
        var investor = world.Client(await world.TokenAsync("openid-typos"));
        // No consent, two bad phone numbers, then the request, then the same again: one request taken of five attempts.
        await ProblemAssert.IsProblem(await investor.PostAsJsonAsync("/api/parks/park-a/leads",
            new { category = "office", name = "张三", phone = "13812345678", consent = false }), HttpStatusCode.BadRequest, "invalid_parameter");
        foreach (var phone in new[] { "1381234567", "phone" })
            await ProblemAssert.IsProblem(await investor.PostAsJsonAsync("/api/parks/park-a/leads",
                new { category = "office", name = "张三", phone, consent = true }), HttpStatusCode.BadRequest, "invalid_parameter");
        Assert.Equal(HttpStatusCode.Created, (await investor.PostAsJsonAsync("/api/parks/park-a/leads", Lead("1", "office"))).StatusCode);
        await ProblemAssert.IsProblem(await investor.PostAsJsonAsync("/api/parks/park-a/leads", Lead("1", "office")), HttpStatusCode.Conflict, "duplicate_request");
        // So the second request of the minute is still allowed, and the third is not.
        Assert.Equal(HttpStatusCode.Created, (await investor.PostAsJsonAsync("/api/parks/park-a/leads", Lead("2", "policy"))).StatusCode);
        await ProblemAssert.IsProblem(await investor.PostAsJsonAsync("/api/parks/park-a/leads", Lead("3", "land")), HttpStatusCode.TooManyRequests, "rate_limited");

        // Invalid attempts without end meet the wider limit, and then even a valid one waits.
        var flooder = world.Client(await world.TokenAsync("openid-flood"));
        for (var i = 0; i < 8; i++)
            await ProblemAssert.IsProblem(await flooder.PostAsJsonAsync("/api/parks/park-a/leads", new { category = "office", name = "x", phone = "1", consent = true }),
                HttpStatusCode.BadRequest, "invalid_parameter");
        var stopped = await flooder.PostAsJsonAsync("/api/parks/park-a/leads", Lead("valid", "office"));
        await ProblemAssert.IsProblem(stopped, HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.NotNull(stopped.Headers.RetryAfter);
    }

    [Fact]
    public async Task FavoritesAndAlertsComeInPagesLikeEveryOtherList()
    {
        var parks = Enumerable.Range(1, 5).Select(i => $"park-{i}").ToArray();
        var world = shared.World;
        var me = world.Client(await world.TokenAsync("openid-pages"));
        foreach (var park in parks) Assert.Equal(HttpStatusCode.OK, (await me.PutAsync($"/api/me/favorites/{park}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await me.PostAsJsonAsync("/api/me/alerts", new { query = "city=440300" })).StatusCode);

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await me.GetJsonAsync("/api/me/favorites?limit=2" + (cursor is null ? "" : "&cursor=" + cursor));
            var ids = page["items"]!.AsArray().Select(f => f!["parkId"]!.GetValue<string>()).ToList();
            Assert.InRange(ids.Count, 1, 2);
            seen.AddRange(ids);
            cursor = page["nextCursor"]?.GetValue<string>();
            // A favorite removed between pages moves no other across the boundary.
            if (seen.Count == 2) Assert.Equal(HttpStatusCode.NoContent, (await me.DeleteAsync($"/api/me/favorites/{ids[^1]}")).StatusCode);
        } while (cursor is not null);
        Assert.Equal(parks.Order(), seen.Order());
        await ProblemAssert.IsProblem(await me.GetAsync("/api/me/favorites?cursor=not-a-cursor!"), HttpStatusCode.BadRequest, "invalid_cursor");

        var alerts = await me.GetJsonAsync("/api/me/alerts");
        Assert.Single(alerts["items"]!.AsArray());
        Assert.Null(alerts["nextCursor"]);
    }

    [Fact]
    public async Task FavoritesArePerUser()
    {
        var world = shared.World;
        var me = world.Client(await world.TokenAsync("openid-me"));
        var other = world.Client(await world.TokenAsync("openid-other"));
        Assert.Equal(HttpStatusCode.OK, (await me.PutAsync("/api/me/favorites/park-a", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await me.PutAsync("/api/me/favorites/park-a", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await me.PutAsync("/api/me/favorites/park-b", null)).StatusCode);
        await ProblemAssert.IsProblem(await me.PutAsync("/api/me/favorites/park-nope", null), HttpStatusCode.NotFound, "park_not_found");

        var mine = (await me.GetJsonAsync("/api/me/favorites"))["items"]!.AsArray();
        Assert.Equal(["park-a", "park-b"], mine.Select(f => f!["parkId"]!.GetValue<string>()).Order());
        Assert.Equal("甲园", mine.Single(f => f!["parkId"]!.GetValue<string>() == "park-a")!["park"]!["name"]!.GetValue<string>());
        Assert.Empty((await other.GetJsonAsync("/api/me/favorites"))["items"]!.AsArray());
        await ProblemAssert.IsProblem(await other.GetAsync("/api/me/favorites/park-a"), HttpStatusCode.NotFound, "favorite_not_found");

        Assert.Equal(HttpStatusCode.NoContent, (await me.DeleteAsync("/api/me/favorites/park-a")).StatusCode);
        Assert.Equal(["park-b"], (await me.GetJsonAsync("/api/me/favorites"))["items"]!.AsArray().Select(f => f!["parkId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task NoSecretAppearsInAnyResponseOrLogLine()
    {
        var world = shared.World;
        var bodies = new List<string>();
        var login = await world.Client().PostAsJsonAsync("/api/auth/wechat", new { code = world.WeChat.CodeFor("openid-secret-test") });
        bodies.Add(await login.Content.ReadAsStringAsync());
        var token = JsonNode.Parse(bodies[0])!["token"]!.GetValue<string>();
        var investor = world.Client(token);
        bodies.Add(await (await investor.PostAsJsonAsync("/api/parks/park-a/leads", Lead("正常咨询"))).Content.ReadAsStringAsync());
        bodies.Add(await (await investor.PostAsJsonAsync("/api/parks/park-a/leads", Lead("赌博"))).Content.ReadAsStringAsync());
        bodies.Add(await (await world.Client().PostAsJsonAsync("/api/auth/wechat", new { code = "bad-code" })).Content.ReadAsStringAsync());
        world.WeChat.BusyFor(10);
        bodies.Add(await (await world.Client().PostAsJsonAsync("/api/auth/wechat", new { code = "busy-code" })).Content.ReadAsStringAsync());
        bodies.Add(await (await world.Client().GetAsync("/api/openapi.json")).Content.ReadAsStringAsync());

        var everything = string.Join("\n", bodies) + "\n" + world.Factory.Logs.All;
        string[] secrets = [WeChatStandIn.AppSecret, "test-signing-key-that-is-long-enough-0123456789abcdef", ApiFactory.AdminKey,
            Azurite.DevelopmentAccountKey, .. world.WeChat.IssuedSessionKeys];
        foreach (var secret in secrets) Assert.DoesNotContain(secret, everything);
        Assert.DoesNotContain(token, world.Factory.Logs.All);
        Assert.NotEmpty(world.WeChat.IssuedSessionKeys);
        world.WeChat.BusyFor(0);
        // An investor's phone number reaches the park's landlords through the API, never a log line.
        var landlord = world.Client(await world.LandlordTokenAsync("openid-landlord-logs", "park-a"));
        Assert.Contains("13912345678", (await landlord.GetJsonAsync("/api/parks/park-a/leads")).ToJsonString());
        await landlord.GetAsync("/api/parks/park-a/leads/export");
        Assert.DoesNotContain("13912345678", world.Factory.Logs.All);
    }
}
