using System.Globalization;
using System.Text.Json;
using ParkFinder.Functions.Hosting;
using Azure.Data.Tables;

namespace ParkFinder.Functions.Trends;

// Trends table: PartitionKey = "{scope}|{spaceType}", RowKey = "yyyy", Points = that year's months as
// JSON. A year per row keeps reads of a 10-year range to ten rows and writes to one transaction per series.
public sealed class TrendStore(StorageAccount account, TimeProvider time) : IOwnsStorage
{
    private readonly TableClient _trends = account.Table("Trends");

    public Task CreateStorageAsync(CancellationToken cancellationToken) => _trends.CreateIfNotExistsAsync(cancellationToken);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string PartitionOf(string scope, string spaceType) => scope + "|" + spaceType;

    public async Task<List<TrendPoint>> ReadAsync(string scope, string spaceType, int fromMonth, int toMonth, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PartitionOf(scope, spaceType)} and RowKey ge {Year(fromMonth)} and RowKey le {Year(toMonth)}");
        var points = new List<TrendPoint>();
        await foreach (var e in _trends.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            points.AddRange(JsonSerializer.Deserialize<List<TrendPoint>>(e.ReadString("Points") ?? "[]", Json) ?? []);
        return points;
    }

    public async Task<DateTimeOffset?> ComputedAtAsync(string scope, string spaceType, CancellationToken cancellationToken) =>
        await _trends.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {PartitionOf(scope, spaceType)}"), select: ["ComputedAt"], cancellationToken: cancellationToken)
            .Select(e => e.ReadTime("ComputedAt")).MaxAsync(null, cancellationToken);

    // Replaces the series' rows; asking-rent medians of past months are kept from what was stored,
    // since they record the asking rents of their own month (METRICS.md).
    public async Task WriteAsync(TrendSeries series, CancellationToken cancellationToken)
    {
        var partition = PartitionOf(series.Scope, series.SpaceType);
        var existing = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        var askingHistory = new Dictionary<string, double>(StringComparer.Ordinal);
        await foreach (var e in _trends.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: cancellationToken))
        {
            existing[e.RowKey] = e;
            foreach (var p in JsonSerializer.Deserialize<List<TrendPoint>>(e.ReadString("Points") ?? "[]", Json) ?? [])
                if (p.AskingRentMedian is { } asking) askingHistory[p.Month] = asking;
        }
        var last = series.Points.Count == 0 ? null : series.Points[^1].Month;
        var points = series.Points.Select(p => p.Month != last && askingHistory.TryGetValue(p.Month, out var a) ? p with { AskingRentMedian = a } : p);
        var now = time.GetUtcNow();
        var actions = points.GroupBy(p => p.Month[..4]).Select(g => new TableTransactionAction(TableTransactionActionType.UpsertReplace,
            new TableEntity(partition, g.Key) { ["Points"] = JsonSerializer.Serialize(g.ToList(), Json), ["ComputedAt"] = now })).ToList();
        var years = actions.Select(a => a.Entity.RowKey).ToHashSet(StringComparer.Ordinal);
        actions.AddRange(existing.Keys.Where(y => !years.Contains(y))
            .Select(y => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, y), Azure.ETag.All)));
        await _trends.SubmitInChunksAsync(actions, cancellationToken);
    }

    private static string Year(int month) => (month / 12).ToString("D4", CultureInfo.InvariantCulture);
}
