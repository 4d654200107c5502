using System.Collections.Concurrent;

namespace ParkFinder.Functions.Leads;

// How a park answers consult requests (API.md, park detail): over the requests sent in the last 90
// days that have had their full 24 hours, the median hours to the first answer (answered ones) and
// the share answered within 24 hours. Null with fewer than 5 such requests.
public sealed record Responsiveness(int Requests, double? MedianFirstResponseHours, double AnsweredWithin24hShare, DateTimeOffset AsOf)
{
    public const int MinRequests = 5;
    public static readonly TimeSpan Window = TimeSpan.FromDays(90), Deadline = TimeSpan.FromHours(24);

    public static Responsiveness? Of(IEnumerable<(DateTimeOffset Created, DateTimeOffset? FirstResponse)> requests, DateTimeOffset now)
    {
        var counted = requests.Where(r => r.Created >= now - Window && r.Created <= now - Deadline).ToList();
        if (counted.Count < MinRequests) return null;
        var hours = counted.Where(r => r.FirstResponse is not null).Select(r => (r.FirstResponse!.Value - r.Created).TotalHours).Order().ToList();
        double? median = hours.Count == 0 ? null : hours.Count % 2 == 1 ? hours[hours.Count / 2] : (hours[hours.Count / 2 - 1] + hours[hours.Count / 2]) / 2;
        var within = counted.Count(r => r.FirstResponse is { } f && f - r.Created <= Deadline);
        return new Responsiveness(counted.Count, median is { } m ? Math.Round(m, 1) : null, Math.Round((double)within / counted.Count, 4), now);
    }
}

// Each park's figure, read from its requests at most every 5 minutes per instance (the park page is
// read far more often than requests are answered). Storage trouble leaves the figure out, never the page.
public sealed class ResponsivenessCache(LeadStore leads, TimeProvider time, ILogger<ResponsivenessCache> logger)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<string, (Responsiveness? Value, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);

    public async Task<Responsiveness?> GetAsync(string parkId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(parkId, out var cached) && cached.Until > now) return cached.Value;
        try
        {
            var value = Responsiveness.Of(await leads.ResponseTimesAsync(parkId, now - Responsiveness.Window, cancellationToken), now);
            if (_cache.Count > 100_000) _cache.Clear();
            _cache[parkId] = (value, now + Lifetime);
            return value;
        }
        catch (Exception ex) when (ex is Azure.RequestFailedException or Hosting.StorageTimeoutException or TimeoutException)
        {
            logger.LogWarning("Responsiveness of {ParkId} left out: {Reason}", parkId, Hosting.StorageFailure.Describe(ex));
            return cached.Value;
        }
    }
}
