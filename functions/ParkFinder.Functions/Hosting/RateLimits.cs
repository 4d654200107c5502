using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using ParkFinder.Functions.Auth;

namespace ParkFinder.Functions.Hosting;

public sealed class RateLimitOptions
{
    [Range(1, 100_000)]
    public int LoginPerMinute { get; set; } = 20;
    [Range(1, 100_000)]
    public int LeadsPerMinute { get; set; } = 5;
}

// Per-caller fixed windows, per instance: logins per client address (no user yet), leads per signed-in user.
public sealed class RateLimits(IOptions<RateLimitOptions> options) : IDisposable
{
    public const string Login = "login";
    public const string Leads = "leads";

    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = key.StartsWith(Login + ":", StringComparison.Ordinal) ? options.Value.LoginPerMinute : options.Value.LeadsPerMinute,
            Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true,
        }));

    // Null when the request may go on; else a 429 problem with Retry-After.
    public IResult? TryAcquire(HttpContext http, string policy)
    {
        var key = policy switch
        {
            Login => Login + ":" + ClientAddress(http),
            Leads => Leads + ":" + (CurrentUser.From(http)?.Id ?? ClientAddress(http)),
            _ => throw new ArgumentException($"Unknown rate limit policy '{policy}'.", nameof(policy)),
        };
        using var lease = _limiter.AttemptAcquire(key);
        if (lease.IsAcquired) return null;
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 60;
        http.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        return Problems.Create(429, "rate_limited", "Too many requests.", $"Try again in {retryAfter} s.");
    }

    // The connection's address. In Azure the worker's ASP.NET Core integration has already moved the
    // Functions front end's X-Forwarded-For entry there; what is left in the header came from the
    // client and could be forged to dodge the limit, so the header is never read here.
    private static string ClientAddress(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    public void Dispose() => _limiter.Dispose();
}
