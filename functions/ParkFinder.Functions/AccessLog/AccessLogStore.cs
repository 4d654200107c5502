using Azure.Data.Tables;
using ParkFinder.Functions.Hosting;

namespace ParkFinder.Functions.AccessLog;

public sealed record AccessLogPage(IReadOnlyList<OperatorAccess> Items, string? NextCursor);

// The AccessLog table (PartitionKey = park id, RowKey = inverted time | key): what operators did on a
// park's landlord routes, newest first, for the park's landlords. Written by the guard before the
// function runs, so nothing an operator reads or changes goes unrecorded.
public sealed class AccessLogStore(StorageAccount account) : IOwnsStorage, IOperatorAccessLog
{
    private readonly TableClient _log = account.Table("AccessLog");

    public Task CreateStorageAsync(CancellationToken cancellationToken) => _log.CreateIfNotExistsAsync(cancellationToken);

    public async Task RecordAsync(string parkId, OperatorAccess entry, CancellationToken cancellationToken) =>
        await _log.AddEntityAsync(new TableEntity(parkId, $"{DateTimeOffset.MaxValue.UtcTicks - entry.At.UtcTicks:D19}|{Guid.NewGuid():N}")
        {
            ["At"] = entry.At, ["OperatorId"] = entry.OperatorId, ["Operation"] = entry.Operation, ["Method"] = entry.Method,
            ["Path"] = entry.Path, ["Reason"] = entry.Reason,
        }, cancellationToken);

    public Task<(List<OperatorAccess> Items, string? Next)> PageAsync(string parkId, int limit, string? continuationToken, CancellationToken cancellationToken) =>
        _log.PageAsync(TableClient.CreateQueryFilter($"PartitionKey eq {parkId}"), limit, continuationToken, ToEntry, cancellationToken);

    // Kept as long as the consult requests whose reads it records (the PurgeLeads run). Idempotent.
    public Task<int> PurgeBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) => _log.DeleteOlderThanAsync(cutoff, cancellationToken);

    private static OperatorAccess ToEntry(TableEntity e) => new(e.ReadTime("At") ?? default, e.ReadString("OperatorId") ?? "", e.ReadString("Operation") ?? "",
        e.ReadString("Method") ?? "", e.ReadString("Path") ?? "", e.ReadString("Reason") ?? "");
}
