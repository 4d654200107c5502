using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace ParkFinder.Functions.Hosting;

public sealed class AuthOptions
{
    // Signs our session tokens (HMAC-SHA256); at least 32 characters.
    [Required, MinLength(32)]
    public string SigningKey { get; set; } = "";
    // Accepted in X-Admin-Key on admin routes; unset means the header is refused.
    [MinLength(16)]
    public string? AdminApiKey { get; set; }
    // WeChat openids that get the admin role at login.
    public string[] AdminOpenIds { get; set; } = [];
    [Range(5, 7 * 24 * 60)]
    public int TokenLifetimeMinutes { get; set; } = 120;
}

// What an operator did on a park's landlord route (a write, or a read of personal data), and where it
// is kept: declared here, where the guard records it; the AccessLog feature stores and lists it.
public sealed record OperatorAccess(DateTimeOffset At, string OperatorId, string Operation, string Method, string Path, string Reason);

public interface IOperatorAccessLog
{
    Task RecordAsync(string parkId, OperatorAccess access, CancellationToken cancellationToken);
}

// The checks before a function runs, in both hosts: who the caller is (bearer token), whether the
// function's access attribute lets them in, whether a write names the version it changes
// (RequireIfMatch), and whether their rate limit allows another request.
public sealed class FunctionGuard(BearerTokens tokens, IOptions<AuthOptions> options, RateLimits rateLimits, IOperatorAccessLog accessLog, IIndexReadiness index, TimeProvider time)
{
    public const string AdminKeyHeader = "X-Admin-Key";
    private const string SignInFirst = "Sign in with WeChat first (POST /api/auth/wechat).";

    // Null to go on; otherwise the problem to answer instead.
    public async Task<IResult?> CheckAsync(HttpContext http, HttpFunction function)
    {
        await tokens.AuthenticateAsync(http);
        var denied = function.Access switch
        {
            CallerAccess.Admin => CheckAdmin(http),
            CallerAccess.LandlordOfPark => CheckLandlord(http),
            CallerAccess.SignedIn when CurrentUser.From(http) is null => Unauthorized(http, SignInFirst),
            _ => null,
        };
        if (denied is not null) return denied;
        if (function.RequiresIndex && !index.IsLoaded)
        {
            http.Response.Headers.RetryAfter = "2";
            return Problems.Create(503, "index_loading", "The park index is still loading.", "Try again in a moment.");
        }
        await RecordOperatorAsync(http, function);
        if (function.IfMatch is { OptionalToCreate: false } ifMatch && string.IsNullOrEmpty(http.Request.Headers.IfMatch.ToString())) return Problems.EtagRequired(ifMatch.Resource);
        return function.RateLimitPolicy is { } policy ? rateLimits.TryAcquire(http, policy) : null;
    }

    // An operator passes every landlord route; what they change there, and every read of investors'
    // phone numbers, is recorded for the park's landlords before it happens (no record, no access).
    private async Task RecordOperatorAsync(HttpContext http, HttpFunction function)
    {
        if (function.Access != CallerAccess.LandlordOfPark || CurrentUser.From(http) is not { IsAdmin: true } user) return;
        var parkId = http.Request.RouteValues["parkId"] as string ?? "";
        var write = !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method);
        if (user.ParkIds.Contains(parkId) || !(write || function.ReadsPersonalData) || !Ids.Pattern().IsMatch(parkId)) return;
        await accessLog.RecordAsync(parkId, new OperatorAccess(time.GetUtcNow(), user.Id, function.Name, http.Request.Method,
            http.Request.Path.Value ?? "", write ? "write" : "personal_data"), http.RequestAborted);
    }

    // After the function answered (whatever it answered): what the guard took is settled.
    public void Settle(HttpContext http, HttpFunction function)
    {
        if (function.RateLimitPolicy is { } policy) rateLimits.Settle(http, policy);
    }

    // Admin routes: an admin token, or the operator key in X-Admin-Key. 401 without either, 403 for another role.
    private IResult? CheckAdmin(HttpContext http)
    {
        var presented = http.Request.Headers[AdminKeyHeader].ToString();
        if (presented.Length > 0)
            return options.Value.AdminApiKey is { Length: > 0 } key && FixedTimeEquals(presented, key) ? null : Unauthorized(http, "The admin key is not valid.");
        return CurrentUser.From(http) switch
        {
            { IsAdmin: true } => null,
            null => Unauthorized(http, $"Send an admin token or the {AdminKeyHeader} header."),
            _ => Forbidden("This route is for operators."),
        };
    }

    // Routes of one park ({parkId}): its bound landlords and admins.
    private static IResult? CheckLandlord(HttpContext http)
    {
        var user = CurrentUser.From(http);
        if (user is null) return Unauthorized(http, SignInFirst);
        var parkId = http.Request.RouteValues["parkId"] as string ?? "";
        return user.IsAdmin || user.ParkIds.Contains(parkId) ? null : Forbidden("Only this park's landlords may do this.");
    }

    private static IResult Unauthorized(HttpContext http, string detail)
    {
        http.Response.Headers.WWWAuthenticate = "Bearer";
        var code = http.Items.ContainsKey(BearerTokens.InvalidTokenItem) ? "invalid_token" : "unauthorized";
        return Problems.Create(401, code, "Authentication is required.", code == "invalid_token" ? "The token is invalid or expired." : detail);
    }

    private static IResult Forbidden(string detail) => Problems.Create(403, "forbidden", "Not allowed.", detail);

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(a)), SHA256.HashData(Encoding.UTF8.GetBytes(b)));
}
