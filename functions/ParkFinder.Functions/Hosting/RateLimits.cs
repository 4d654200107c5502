using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.Extensions.Options;

namespace ParkFinder.Functions.Hosting;

public sealed class RateLimitOptions
{
    [Range(1, 100_000)]
    public int LoginPerMinute { get; set; } = 20;
    // Consult requests a user may send per minute: only those taken count (a refused one is given back).
    [Range(1, 100_000)]
    public int LeadsPerMinute { get; set; } = 5;
    // Every attempt at sending one, refused or not: keeps floods out while typos stay free.
    [Range(1, 100_000)]
    public int LeadAttemptsPerMinute { get; set; } = 30;
}

// Per-caller fixed windows of one minute, per instance: logins per client address (no user yet);
// consult requests per signed-in user, counted twice: every attempt against a wide budget, and the
// requests taken against a narrow one. A request refused as invalid (400, 409, 422) gives its
// permit back, so an investor fixing a typo or a missing consent is never locked out.
public sealed class RateLimits(IOptions<RateLimitOptions> options, TimeProvider time)
{
    public const string Login = "login";
    public const string Leads = "leads";
    private const string LeadAttempts = "lead-attempts";

    private readonly FixedWindows _windows = new(time, TimeSpan.FromMinutes(1));

    // Null when the request may go on; else a 429 problem with Retry-After.
    public IResult? TryAcquire(HttpContext http, string policy)
    {
        switch (policy)
        {
            case Login:
                return Refused(http, _windows.TryTake(Login + ":" + ClientAddress(http), options.Value.LoginPerMinute));
            case Leads:
                var caller = Caller(http);
                if (Refused(http, _windows.TryTake(LeadAttempts + ":" + caller, options.Value.LeadAttemptsPerMinute)) is { } flood) return flood;
                return Refused(http, _windows.TryTake(Leads + ":" + caller, options.Value.LeadsPerMinute));
            default:
                throw new ArgumentException($"Unknown rate limit policy '{policy}'.", nameof(policy));
        }
    }

    // After the function answered: a consult request refused as invalid did not use the allowance.
    public void Settle(HttpContext http, string policy)
    {
        if (policy == Leads && http.Response.StatusCode is 400 or 409 or 422) _windows.GiveBack(Leads + ":" + Caller(http));
    }

    private static IResult? Refused(HttpContext http, TimeSpan? retryAfter)
    {
        if (retryAfter is not { } wait) return null;
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Problems.Create(429, "rate_limited", "Too many requests.", $"Try again in {seconds} s.");
    }

    private static string Caller(HttpContext http) => CurrentUser.From(http)?.Id ?? ClientAddress(http);

    // The connection's address. In Azure the worker's ASP.NET Core integration has already moved the
    // Functions front end's X-Forwarded-For entry there; what is left in the header came from the
    // client and could be forged to dodge the limit, so the header is never read here.
    private static string ClientAddress(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}

// Counters per key in fixed windows, with permits that can be given back (what
// System.Threading.RateLimiting's limiters cannot do). Windows that ended are dropped as new ones start.
public sealed class FixedWindows(TimeProvider time, TimeSpan length)
{
    private sealed class Window(long start)
    {
        public long Start = start;
        public int Used;
    }

    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private long _lastSweep;

    // Null when taken; otherwise how long until the window ends.
    public TimeSpan? TryTake(string key, int limit)
    {
        var now = time.GetUtcNow().UtcTicks;
        Sweep(now);
        var window = _windows.GetOrAdd(key, _ => new Window(now));
        lock (window)
        {
            if (now - window.Start >= length.Ticks)
            {
                window.Start = now;
                window.Used = 0;
            }
            if (window.Used >= limit) return TimeSpan.FromTicks(window.Start + length.Ticks - now);
            window.Used++;
            return null;
        }
    }

    public void GiveBack(string key)
    {
        if (!_windows.TryGetValue(key, out var window)) return;
        lock (window)
            if (window.Used > 0) window.Used--;
    }

    private void Sweep(long now)
    {
        var last = Interlocked.Read(ref _lastSweep);
        if (now - last < length.Ticks || Interlocked.CompareExchange(ref _lastSweep, now, last) != last) return;
        foreach (var (key, window) in _windows)
            if (now - Volatile.Read(ref window.Start) >= length.Ticks) _windows.TryRemove(key, out _);
    }
}
