using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using ParkFinder.Functions.Auth;
using ParkFinder.Functions.Hosting;
using ParkFinder.Tests.Infrastructure;

namespace ParkFinder.Tests.Auth;

public sealed class AuthApiTests(AuthApiTests.Logins shared) : IClassFixture<AuthApiTests.Logins>
{
    // The tests without settings of their own sign in with their own openids in one world; its login
    // limit leaves room for all of them (the limit is per client address, and here they share one).
    public sealed class Logins : SharedWorld
    {
        protected override Task<TestWorld> StartAsync() => TestWorld.StartAsync(new Dictionary<string, string?> { ["RateLimits:LoginPerMinute"] = "1000" });
    }

    [Fact]
    public async Task LoginExchangesTheCodeAndReturnsOurTokenWithoutTheSessionKey()
    {
        var world = shared.World;
        var response = await world.Client().PostAsJsonAsync("/api/auth/wechat", new { code = world.WeChat.CodeFor("openid-1") });
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = JsonNode.Parse(body)!;
        Assert.Equal(["investor"], json["user"]!["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Empty(json["user"]!["parkIds"]!.AsArray());
        Assert.True(DateTimeOffset.Parse(json["expiresAt"]!.GetValue<string>()) > DateTimeOffset.UtcNow);
        Assert.DoesNotContain("openid-1", body);
        Assert.NotEmpty(world.WeChat.IssuedSessionKeys);
        Assert.All(world.WeChat.IssuedSessionKeys, key => Assert.DoesNotContain(key, body));

        // The same openid logs in as the same user.
        var again = await world.LoginAsync("openid-1");
        Assert.Equal(json["user"]!["id"]!.GetValue<string>(), again["user"]!["id"]!.GetValue<string>());
        var favorites = await world.Client(json["token"]!.GetValue<string>()).GetAsync("/api/me/favorites");
        Assert.Equal(HttpStatusCode.OK, favorites.StatusCode);
    }

    [Fact]
    public async Task InvalidOrReusedCodeIs401WeChatCodeInvalid()
    {
        var world = shared.World;
        var client = world.Client();
        await ProblemAssert.IsProblem(await client.PostAsJsonAsync("/api/auth/wechat", new { code = "never-issued" }), HttpStatusCode.Unauthorized, "wechat_code_invalid");
        var code = world.WeChat.CodeFor("openid-2");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/auth/wechat", new { code })).StatusCode);
        await ProblemAssert.IsProblem(await client.PostAsJsonAsync("/api/auth/wechat", new { code }), HttpStatusCode.Unauthorized, "wechat_code_invalid");
        await ProblemAssert.IsProblem(await client.PostAsJsonAsync("/api/auth/wechat", new { code = "" }), HttpStatusCode.BadRequest, "invalid_parameter");
        await ProblemAssert.IsProblem(await client.PostAsync("/api/auth/wechat", new StringContent("{\"code\":", System.Text.Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest, "invalid_json");
    }

    [Fact]
    public async Task BusyWeChatIsRetriedAndRateLimitOrLastingBusyIs503()
    {
        var world = shared.World;
        var client = world.Client();
        world.WeChat.BusyFor(2);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/auth/wechat", new { code = world.WeChat.CodeFor("openid-3") })).StatusCode);

        world.WeChat.BusyFor(3);
        var busy = await client.PostAsJsonAsync("/api/auth/wechat", new { code = world.WeChat.CodeFor("openid-3") });
        await ProblemAssert.IsProblem(busy, HttpStatusCode.ServiceUnavailable, "wechat_unavailable");
        Assert.NotNull(busy.Headers.RetryAfter);
        world.WeChat.BusyFor(0);
        await ProblemAssert.IsProblem(await client.PostAsJsonAsync("/api/auth/wechat", new { code = "rate-limited" }), HttpStatusCode.ServiceUnavailable, "wechat_unavailable");
    }

    [Fact]
    public async Task WeChatDownIs503NotA500()
    {
        await using var world = await TestWorld.StartAsync(new Dictionary<string, string?>
        {
            ["WeChat:BaseAddress"] = $"http://127.0.0.1:{Azurite.FreePort()}",
            ["WeChat:TimeoutSeconds"] = "1",
        });
        var response = await world.Client().PostAsJsonAsync("/api/auth/wechat", new { code = "anything" });
        await ProblemAssert.IsProblem(response, HttpStatusCode.ServiceUnavailable, "wechat_unavailable");
    }

    [Fact]
    public async Task ForgedExpiredOrMalformedTokensAre401InvalidToken()
    {
        var world = shared.World;
        var real = await world.TokenAsync("openid-4");
        var user = CurrentUserFrom(real);
        var forged = new BearerTokens(Options.Create(new AuthOptions { SigningKey = "another-signing-key-of-sufficient-length-000" }), TimeProvider.System).Issue(user).Token;
        var expired = new BearerTokens(Options.Create(new AuthOptions { SigningKey = "test-signing-key-that-is-long-enough-0123456789abcdef", TokenLifetimeMinutes = 5 }),
            new ShiftedClock(TimeSpan.FromHours(-3))).Issue(user).Token;
        var parts = real.Split('.');
        var tamperedPayload = parts[0] + "." + parts[1].Replace(parts[1][5], parts[1][5] == 'a' ? 'b' : 'a') + "." + parts[2];

        foreach (var token in new[] { forged, expired, "not-a-jwt", tamperedPayload, real + "x" })
        {
            var response = await world.Client(token).GetAsync("/api/me/favorites");
            await ProblemAssert.IsProblem(response, HttpStatusCode.Unauthorized, "invalid_token");
        }
        Assert.Equal(HttpStatusCode.OK, (await world.Client(real).GetAsync("/api/me/favorites")).StatusCode);
        // A public route ignores a bad token rather than failing.
        Assert.Equal(HttpStatusCode.OK, (await world.Client("not-a-jwt").GetAsync("/api/parks")).StatusCode);
    }

    [Fact]
    public async Task LoginIsRateLimitedPerClientWith429AndRetryAfter()
    {
        await using var world = await TestWorld.StartAsync(new Dictionary<string, string?> { ["RateLimits:LoginPerMinute"] = "3" });
        var client = world.Client();
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/auth/wechat", new { code = world.WeChat.CodeFor("openid-5") })).StatusCode);
        var limited = await client.PostAsJsonAsync("/api/auth/wechat", new { code = world.WeChat.CodeFor("openid-5") });
        await ProblemAssert.IsProblem(limited, HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.NotNull(limited.Headers.RetryAfter);

        // An X-Forwarded-For header the client sends does not buy a new window: only the connection's address counts.
        var forged = new HttpRequestMessage(HttpMethod.Post, "/api/auth/wechat") { Content = JsonContent.Create(new { code = world.WeChat.CodeFor("openid-5") }) };
        forged.Headers.TryAddWithoutValidation("X-Forwarded-For", "203.0.113.9, 198.51.100.7");
        await ProblemAssert.IsProblem(await client.SendAsync(forged), HttpStatusCode.TooManyRequests, "rate_limited");
        // Another address has a window of its own.
        var code = world.WeChat.CodeFor("openid-6");
        var other = await world.Factory.Server.SendAsync(context =>
        {
            context.Connection.RemoteIpAddress = System.Net.IPAddress.Parse("198.51.100.7");
            context.Request.Method = "POST";
            context.Request.Path = "/api/auth/wechat";
            context.Request.ContentType = "application/json";
            var body = System.Text.Encoding.UTF8.GetBytes($"{{\"code\":\"{code}\"}}");
            context.Request.ContentLength = body.Length;
            context.Request.Body = new MemoryStream(body);
            context.Features.Set<Microsoft.AspNetCore.Http.Features.IHttpRequestBodyDetectionFeature>(new HasBody());
        });
        Assert.True(other.Response.StatusCode == 200, await new StreamReader(other.Response.Body).ReadToEndAsync());
    }

    private static CurrentUser CurrentUserFrom(string token)
    {
        var payload = token.Split('.')[1];
        var json = JsonNode.Parse(Convert.FromBase64String(payload.Replace('-', '+').Replace('_', '/').PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=')))!;
        return new CurrentUser(json["sub"]!.GetValue<string>(), ["investor"], []);
    }

    private sealed class ShiftedClock(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + shift;
    }

    private sealed class HasBody : Microsoft.AspNetCore.Http.Features.IHttpRequestBodyDetectionFeature
    {
        public bool CanHaveBody => true;
    }
}
