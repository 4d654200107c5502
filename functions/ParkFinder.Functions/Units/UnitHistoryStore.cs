using System.Text.Json;
using Azure.Data.Tables;
using ParkFinder.Functions.Hosting;

namespace ParkFinder.Functions.Units;

// The UnitHistory table (PartitionKey = park id, RowKey = unit id | inverted time | key): every change to
// a unit, newest first within its unit. Written by UnitStore after each unit write, read by the history route.
public sealed class UnitHistoryStore(StorageAccount account) : IOwnsStorage
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly TableClient _history = account.Table("UnitHistory");

    public Task CreateStorageAsync(CancellationToken cancellationToken) => _history.CreateIfNotExistsAsync(cancellationToken);

    public async Task RecordAsync(string parkId, IEnumerable<(UnitChange Change, string? Key)> changes, CancellationToken cancellationToken) =>
        await _history.SubmitInChunksAsync(changes.Select(c => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(parkId, c.Change, c.Key))),
            cancellationToken);

    // One page of a unit's changes, newest first. The filter keeps every page inside this unit's rows,
    // whatever token is sent ('}' follows '|', the separator).
    public async Task<(List<UnitChange> Items, string? Next)> PageAsync(string parkId, string unitId, int limit, string? continuationToken,
        CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {parkId} and RowKey gt {unitId + "|"} and RowKey lt {unitId + "}"}");
        return await _history.PageAsync(filter, limit, continuationToken, ToChange, cancellationToken);
    }

    // Deletes the changes made before `cutoff` (kept as long as consult requests). Idempotent.
    public Task<int> PurgeBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) => _history.DeleteOlderThanAsync(cutoff, cancellationToken);

    private static TableEntity ToEntity(string parkId, UnitChange c, string? key) =>
        new(parkId, $"{c.UnitId}|{DateTimeOffset.MaxValue.UtcTicks - c.At.UtcTicks:D19}|{key ?? Guid.NewGuid().ToString("N")[..12]}")
        {
            ["UnitId"] = c.UnitId, ["At"] = c.At, ["By"] = c.By, ["Action"] = c.Action, ["Changes"] = JsonSerializer.Serialize(c.Changes, Json),
        };

    private static UnitChange ToChange(TableEntity e) => new(e.ReadString("UnitId") ?? "", e.ReadTime("At") ?? default, e.ReadString("By") ?? "",
        e.ReadString("Action") ?? "changed", e.ReadString("Changes") is { } json ? JsonSerializer.Deserialize<List<FieldChange>>(json, Json) ?? [] : []);
}
