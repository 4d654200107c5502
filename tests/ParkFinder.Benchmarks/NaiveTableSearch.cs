using System.Diagnostics;
using System.Text.Json;
using ParkFinder.Functions.Parks;
using ParkFinder.Functions.Search;
using Azure.Data.Tables;

namespace ParkFinder.Benchmarks;

// The straightforward design this project does not use: each search queries Table Storage — the
// city partition (or the whole table) with an OData filter for what OData can express, then each
// candidate park's Units partition — and finishes filtering and sorting in memory.
public static class NaiveTableSearch
{
    public static async Task RunAsync(string connectionString, string prefix, int runs, int capSeconds = 60)
    {
        var service = new TableServiceClient(connectionString);
        var parksTable = service.GetTableClient(prefix + "Parks");
        var unitsTable = service.GetTableClient(prefix + "Units");
        Console.WriteLine($"## Naive per-request Table Storage search (up to {runs} runs per query, median; a query is stopped after {capSeconds} s)");
        Console.WriteLine();
        Console.WriteLine("| query | matches | median ms |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var (name, query) in QuerySet.All)
        {
            var q = QuerySet.Parse(query);
            var times = new List<double>();
            var matches = 0;
            var stopped = false;
            for (var r = 0; r < runs && !stopped; r++)
            {
                using var cap = new CancellationTokenSource(TimeSpan.FromSeconds(capSeconds));
                var t = Stopwatch.GetTimestamp();
                try
                {
                    matches = await SearchAsync(parksTable, unitsTable, q, cap.Token);
                }
                catch (OperationCanceledException)
                {
                    stopped = true;
                }
                times.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                if (times[^1] > 5_000) break; // slow enough: one run says it
            }
            times.Sort();
            Console.WriteLine(stopped
                ? $"| {name} `{query}` | ? | > {capSeconds * 1000:N0} (stopped) |"
                : $"| {name} `{query}` | {matches:N0} | {times[times.Count / 2]:N0} |");
        }
    }

    private static async Task<int> SearchAsync(TableClient parksTable, TableClient unitsTable, ParkQuery q, CancellationToken cancellationToken)
    {
        var filters = new List<string>();
        if (q.City is not null) filters.Add(TableClient.CreateQueryFilter($"PartitionKey eq {q.City}"));
        if (q.District is not null) filters.Add(TableClient.CreateQueryFilter($"DistrictCode eq {q.District}"));
        if (q.MinStars is { } s) filters.Add(TableClient.CreateQueryFilter($"Stars ge {s}"));
        var parks = new List<Park>();
        await foreach (var e in parksTable.QueryAsync<TableEntity>(filters.Count == 0 ? null : string.Join(" and ", filters), cancellationToken: cancellationToken))
        {
            var p = ParkEntities.ToPark(e);
            if (q.Industries.Length > 0 && !q.Industries.Any(p.Industries.Contains)) continue;
            if (q.Text is { } text && !(p.Name.Contains(text) || p.District.Name.Contains(text) || p.Industries.Any(i => i.Contains(text)) || p.Tags.Any(x => x.Contains(text)))) continue;
            if (q.RadiusKm is { } r && ParkSearchIndex.DistanceKm(q.Lat!.Value, q.Lng!.Value, p.Lat, p.Lng) > r) continue;
            parks.Add(p);
        }
        var matched = new List<(Park Park, double Key)>();
        foreach (var p in parks)
        {
            // Every result needs its units for the summary (available area, rents), filtered or not.
            var unitFilter = new List<string> { TableClient.CreateQueryFilter($"PartitionKey eq {p.Id}") };
            if (q.HasUnitFilter) unitFilter.Add(TableClient.CreateQueryFilter($"Status eq {"available"}"));
            if (q.MinArea is { } minA) unitFilter.Add(TableClient.CreateQueryFilter($"Area ge {minA}"));
            if (q.MaxArea is { } maxA) unitFilter.Add(TableClient.CreateQueryFilter($"Area le {maxA}"));
            if (q.MinCeilingHeightM is { } c) unitFilter.Add(TableClient.CreateQueryFilter($"CeilingHeightM ge {c}"));
            var units = await unitsTable.QueryAsync<TableEntity>(string.Join(" and ", unitFilter), cancellationToken: cancellationToken).Select(ParkEntities.ToUnit).ToListAsync(cancellationToken);
            var fits = units.Where(u => u.IsAvailable
                && (q.SpaceTypes.Length == 0 || q.SpaceTypes.Any(t => t.ToApi() == u.SpaceType))
                && (q.MinRent is null && q.MaxRent is null || u.Rent is { } rent && Rents.MonthlyPerM2(rent.Amount, rent.Unit, u.Area) is var m && m >= (q.MinRent ?? 0) && m <= (q.MaxRent ?? double.MaxValue))
                && (q.MinFloorLoad is null || u.FloorLoadTPerM2 >= q.MinFloorLoad)
                && (q.MinPowerKva is null || u.PowerKva >= q.MinPowerKva)
                && q.Tags.All(t => u.Tags.Contains(t) || p.Tags.Contains(t))).ToList();
            if (q.HasUnitFilter && fits.Count == 0) continue;
            matched.Add((p, -(p.Stars ?? 0)));
        }
        _ = matched.OrderBy(m => m.Key).ThenBy(m => m.Park.Id, StringComparer.Ordinal).Take(q.Limit).Select(m => JsonSerializer.Serialize(m.Park.Id)).ToList();
        return matched.Count;
    }
}
