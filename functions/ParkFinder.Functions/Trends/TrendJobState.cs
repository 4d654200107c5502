using System.Globalization;
using Azure.Data.Tables;
using ParkFinder.Functions.Hosting;

namespace ParkFinder.Functions.Trends;

// The Jobs table: the trend job's runs (PartitionKey = job name, RowKey = inverted start time, so
// the newest reads first) and which month each park's trends reach (PartitionKey "trend-parks").
public sealed class TrendJobState(StorageAccount account) : IOwnsStorage
{
    private const string TrendParks = "trend-parks";
    private readonly TableClient _jobs = account.Table("Jobs");

    public Task CreateStorageAsync(CancellationToken cancellationToken) => _jobs.CreateIfNotExistsAsync(cancellationToken);

    // Parks with lease data whose trends end before this month.
    public async Task<List<string>> ParksBehindAsync(int currentMonth, CancellationToken cancellationToken) =>
        await _jobs.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {TrendParks} and LastMonth lt {currentMonth}"), select: ["RowKey"],
            cancellationToken: cancellationToken).Select(e => e.RowKey).ToListAsync(cancellationToken);

    public async Task MarkCurrentAsync(IEnumerable<string> parkIds, int currentMonth, CancellationToken cancellationToken) =>
        await _jobs.SubmitInChunksAsync(parkIds.Select(id => new TableTransactionAction(TableTransactionActionType.UpsertReplace,
            new TableEntity(TrendParks, id) { ["LastMonth"] = currentMonth })), cancellationToken);

    public async Task RecordAsync(string job, JobRun run, CancellationToken cancellationToken) =>
        await _jobs.UpsertAsync(new TableEntity(job, (DateTimeOffset.MaxValue.UtcTicks - run.StartedAt.UtcTicks).ToString("D19", CultureInfo.InvariantCulture))
        {
            ["Status"] = run.Status, ["StartedAt"] = run.StartedAt, ["DurationMs"] = run.DurationMs, ["Files"] = run.Files, ["FilesFailed"] = run.FilesFailed,
            ["RowsAccepted"] = run.RowsAccepted, ["RowsRejected"] = run.RowsRejected, ["Series"] = run.Series, ["Error"] = run.Error,
            ["ParseMs"] = run.ParseMs, ["WriteMs"] = run.WriteMs, ["ComputeMs"] = run.ComputeMs,
        }, TableUpdateMode.Replace, cancellationToken);

    public async Task<List<JobRun>> RecentRunsAsync(string job, int count, CancellationToken cancellationToken)
    {
        await foreach (var page in _jobs.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {job}"), count, cancellationToken: cancellationToken)
            .AsPages(pageSizeHint: count))
            return page.Values.Select(e => new JobRun(e.ReadString("Status") ?? "", e.ReadTime("StartedAt") ?? default, e.ReadDouble("DurationMs") ?? 0,
                e.ReadInt32("Files") ?? 0, e.ReadInt32("FilesFailed") ?? 0, e.ReadInt32("RowsAccepted") ?? 0, e.ReadInt32("RowsRejected") ?? 0,
                e.ReadInt32("Series") ?? 0, e.ReadString("Error"), e.ReadDouble("ParseMs") ?? 0, e.ReadDouble("WriteMs") ?? 0, e.ReadDouble("ComputeMs") ?? 0))
                .ToList();
        return [];
    }
}
