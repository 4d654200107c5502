using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using ParkFinder.Api.Hosting;

namespace ParkFinder.Api.Auth;

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

public static class Authorization
{
    public const string AdminKeyHeader = "X-Admin-Key";

    // Admin routes: an admin token, or the operator key in X-Admin-Key. 401 without either, 403 for another role.
    public static RouteGroupBuilder RequireAdmin(this RouteGroupBuilder group) => group.AddEndpointFilter(async (context, next) =>
    {
        var http = context.HttpContext;
        var presented = http.Request.Headers[AdminKeyHeader].ToString();
        if (presented.Length > 0)
        {
            var key = http.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.AdminApiKey;
            return key is { Length: > 0 } && FixedTimeEquals(presented, key)
                ? await next(context)
                : Unauthorized(http, "The admin key is not valid.");
        }
        return CurrentUser.From(http) switch
        {
            { IsAdmin: true } => await next(context),
            null => Unauthorized(http, $"Send an admin token or the {AdminKeyHeader} header."),
            _ => Forbidden("This route is for operators."),
        };
    });

    // Routes for any signed-in user.
    public static RouteGroupBuilder RequireSignedIn(this RouteGroupBuilder group) => group.AddEndpointFilter(async (context, next) =>
        CurrentUser.From(context.HttpContext) is null
            ? Unauthorized(context.HttpContext, "Sign in with WeChat first (POST /api/auth/wechat).")
            : await next(context));

    public static RouteHandlerBuilder RequireSignedInUser(this RouteHandlerBuilder route) => route.AddEndpointFilter(async (context, next) =>
        CurrentUser.From(context.HttpContext) is null
            ? Unauthorized(context.HttpContext, "Sign in with WeChat first (POST /api/auth/wechat).")
            : await next(context));

    // Routes of one park ({parkId}): its bound landlords and admins.
    public static RouteHandlerBuilder RequireLandlordOfPark(this RouteHandlerBuilder route) => route.AddEndpointFilter(async (context, next) =>
    {
        var http = context.HttpContext;
        var user = CurrentUser.From(http);
        if (user is null) return Unauthorized(http, "Sign in with WeChat first (POST /api/auth/wechat).");
        var parkId = http.GetRouteValue("parkId") as string ?? "";
        return user.IsAdmin || user.ParkIds.Contains(parkId)
            ? await next(context)
            : Forbidden("Only this park's landlords may do this.");
    });

    internal static object Unauthorized(HttpContext http, string detail)
    {
        http.Response.Headers.WWWAuthenticate = "Bearer";
        var code = http.Items.ContainsKey(BearerTokens.InvalidTokenItem) ? "invalid_token" : "unauthorized";
        return Problems.Create(401, code, "Authentication is required.", code == "invalid_token" ? "The token is invalid or expired." : detail);
    }

    private static object Forbidden(string detail) => Problems.Create(403, "forbidden", "Not allowed.", detail);

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(a)), SHA256.HashData(Encoding.UTF8.GetBytes(b)));
}
