using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using ParkFinder.Api.Auth;
using ParkFinder.Api.Leads;

namespace ParkFinder.Api.Hosting;

public sealed class RateLimitOptions
{
    [Range(1, 100_000)]
    public int LoginPerMinute { get; set; } = 20;
    [Range(1, 100_000)]
    public int LeadsPerMinute { get; set; } = 5;
}

// Per-caller fixed windows: logins per client address (no user yet), leads per signed-in user.
public static class RateLimits
{
    public static IServiceCollection AddRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration("RateLimits").ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(AuthApi.LoginRateLimit, http => Window("login:" + ClientAddress(http), Options(http).LoginPerMinute));
            o.AddPolicy(LeadsApi.CreateRateLimit, http =>
                Window("leads:" + (CurrentUser.From(http)?.Id ?? ClientAddress(http)), Options(http).LeadsPerMinute));
            o.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 60;
                var http = context.HttpContext;
                http.Response.StatusCode = 429;
                http.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                var problem = new ProblemDetails { Status = 429, Title = "Too many requests.", Detail = $"Try again in {retryAfter} s.", Type = Problems.TypeFor(429) };
                problem.Extensions["code"] = "rate_limited";
                await http.RequestServices.GetRequiredService<IProblemDetailsService>()
                    .WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
            };
        });
        return services;
    }

    private static RateLimitOptions Options(HttpContext http) => http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;

    private static RateLimitPartition<string> Window(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true,
        });

    // Behind the Functions front end the caller's address is the entry that front end appended: the
    // last one. Earlier entries come from the client and could be forged to dodge the limit.
    private static string ClientAddress(HttpContext http) =>
        http.Request.Headers["X-Forwarded-For"].ToString().Split(',')[^1].Trim() is { Length: > 0 } forwarded
            ? forwarded
            : http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
