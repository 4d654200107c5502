using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ParkFinder.Functions.Hosting;
using ParkFinder.Functions.Leases;
using ParkFinder.Tests.Infrastructure;

namespace ParkFinder.Benchmarks;

// End to end against Azurite: `files` lease files of `rows` rows for as many synthetic parks, stored
// as the upload endpoint stores them, then one run of the trend job through the admin API.
public static class LeaseJobCommand
{
    public static async Task RunAsync(string connectionString, string prefix, string baseUrl, string adminKey, int files, int rows)
    {
        using var client = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromHours(1) };
        client.DefaultRequestHeaders.Add("X-Admin-Key", adminKey);
        var parks = SyntheticCatalog.Generate(files, files * 20, seed: 9);
        (await client.PostAsJsonAsync("/api/admin/parks", parks, new JsonSerializerOptions(JsonSerializerDefaults.Web))).EnsureSuccessStatusCode();

        var store = new LeaseStore(StorageClients.Account(new StorageOptions { ConnectionString = connectionString, TablePrefix = prefix }), TimeProvider.System);
        var random = new Random(5);
        var types = new[] { "factory", "warehouse", "office", "厂房" };
        foreach (var park in parks)
        {
            var csv = new StringBuilder("unit_id,space_type,area_m2,start_date,end_date,rent,rent_unit,free_months,tenant_industry,signed_date\n");
            for (var i = 0; i < rows; i++)
            {
                var start = new DateOnly(2016, 1, 1).AddDays(random.Next(0, 3650));
                csv.Append($"{(random.Next(2) == 0 ? $"u{random.Next(20):D4}" : $"U{random.Next(400)}")},{types[random.Next(types.Length)]},{100 + random.Next(5000)},{start:yyyy-MM-dd},{start.AddMonths(random.Next(6, 61)):yyyy-MM-dd},")
                   .Append($"{20 + random.Next(60)},CNY/m2/month,{random.Next(0, 4) / 2.0},制造业,{start.AddDays(-random.Next(0, 30)):yyyy-MM-dd}\n");
            }
            await store.SaveUploadAsync(park.Id, Encoding.UTF8.GetBytes(csv.ToString()), "text/csv", $"{park.Id}.csv", "bench", CancellationToken.None);
        }
        var watch = Stopwatch.StartNew();
        var response = await client.PostAsync("/api/admin/jobs/recalculate-trends", null);
        Console.WriteLine($"## Trend job end to end: {files} files x {rows:N0} rows = {files * rows:N0} lease rows");
        Console.WriteLine($"job run {watch.Elapsed.TotalSeconds:0.0} s: {await response.Content.ReadAsStringAsync()}");
    }
}
