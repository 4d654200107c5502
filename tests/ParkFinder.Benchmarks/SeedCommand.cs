using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using ParkFinder.Tests.Infrastructure;

namespace ParkFinder.Benchmarks;

// Imports the synthetic catalog (seed 42, the same one the in-process benchmark uses) through the admin API.
public static class SeedCommand
{
    public static async Task RunAsync(string baseUrl, string adminKey, int parks, int units)
    {
        var catalog = SyntheticCatalog.Generate(parks, units, seed: 42);
        using var client = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(30) };
        client.DefaultRequestHeaders.Add("X-Admin-Key", adminKey);
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var watch = Stopwatch.StartNew();
        foreach (var batch in catalog.Chunk(1000))
        {
            var response = await client.PostAsJsonAsync("/api/admin/parks", batch, json);
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"import failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Console.Error.Write($"[{watch.Elapsed.TotalSeconds:0}s]");
        }
        Console.Error.WriteLine();
        var imported = watch.Elapsed;
        var refresh = await client.PostAsync("/api/admin/index/refresh", null);
        Console.WriteLine($"seeded {parks:N0} parks / {units:N0} units in {imported.TotalSeconds:0} s; index refresh (full reload from storage + build) {(watch.Elapsed - imported).TotalSeconds:0.0} s: {await refresh.Content.ReadAsStringAsync()}");
    }
}
