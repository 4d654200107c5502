using System.Diagnostics;

namespace ParkFinder.Benchmarks;

// HTTP load from a separate process: `concurrency` workers cycle through the query set for `seconds`.
public static class LoadCommand
{
    public static async Task RunAsync(string baseUrl, int seconds, int concurrency)
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
        var urls = QuerySet.All.Select(q => "/api/parks?" + q.Query).ToArray();

        await Drive(client, urls, TimeSpan.FromSeconds(Math.Min(5, seconds)), concurrency); // warm-up, not counted
        var (latencies, errors, elapsed) = await Drive(client, urls, TimeSpan.FromSeconds(seconds), concurrency);
        var sorted = latencies.ToArray();
        Array.Sort(sorted);
        Console.WriteLine($"## HTTP load: {concurrency} connections, {seconds} s, {urls.Length} queries in rotation");
        Console.WriteLine($"requests {sorted.Length:N0}, errors {errors}, throughput {sorted.Length / elapsed.TotalSeconds:N0} req/s, " +
                          $"p50 {Percentiles.Of(sorted, 50):0.0} ms, p99 {Percentiles.Of(sorted, 99):0.0} ms, max {sorted[^1]:0.0} ms");
    }

    private static async Task<(List<double>, int, TimeSpan)> Drive(HttpClient client, string[] urls, TimeSpan duration, int concurrency)
    {
        var all = new List<double>[concurrency];
        var errors = 0;
        var started = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async w =>
        {
            var mine = all[w] = new List<double>(100_000);
            var body = new byte[64 * 1024]; // each response is read to its end, into one buffer per worker
            var i = w;
            while (started.Elapsed < duration)
            {
                var t = Stopwatch.GetTimestamp();
                try
                {
                    // Read whole but not kept: buffering each body into a new stream made this client take a larger
                    // share of the two cores it shares with the app under test.
                    using var response = await client.GetAsync(urls[i++ % urls.Length], HttpCompletionOption.ResponseHeadersRead);
                    await using var stream = await response.Content.ReadAsStreamAsync();
                    while (await stream.ReadAsync(body) > 0) { }
                    if (!response.IsSuccessStatusCode) Interlocked.Increment(ref errors);
                }
                catch (Exception e) when (e is HttpRequestException or IOException) { Interlocked.Increment(ref errors); } // IOException: cut mid-body
                mine.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }
        }));
        return (all.SelectMany(x => x).ToList(), errors, started.Elapsed);
    }
}
