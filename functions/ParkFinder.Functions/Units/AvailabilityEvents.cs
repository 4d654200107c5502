using System.Globalization;
using ParkFinder.Functions.Hosting;
using Azure.Data.Tables;

namespace ParkFinder.Functions.Units;

// "This unit just became available", queued for the alert job. AlertEvents table: PartitionKey
// "available", RowKey = time + park + unit, so the job reads them oldest first and deletes each once handled.
public sealed record AvailabilityEvent(string Key, string ParkId, string UnitId);

public sealed class AvailabilityEvents(StorageAccount account, TimeProvider time, ILogger<AvailabilityEvents> logger) : IOwnsStorage
{
    private readonly TableClient _events = account.Table("AlertEvents");

    public Task CreateStorageAsync(CancellationToken cancellationToken) => _events.CreateIfNotExistsAsync(cancellationToken);

    public const string Partition = "available";

    // Available now and not before (or new): what saved-search alerts wait for.
    public static bool BecameAvailable(string? previousStatus, string status) => status == "available" && previousStatus != "available";

    // Best effort: the landlord's write has already succeeded and must not be reported as failed.
    public async Task RecordAsync(string parkId, string unitId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var key = $"{now.UtcTicks.ToString("D19", CultureInfo.InvariantCulture)}|{parkId}|{unitId}";
        try
        {
            await _events.UpsertAsync(new TableEntity(Partition, key) { ["ParkId"] = parkId, ["UnitId"] = unitId, ["At"] = now },
                TableUpdateMode.Replace, cancellationToken);
        }
        catch (Exception ex) when (StorageFailure.IsUnavailable(ex) && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Availability of {ParkId}/{UnitId} not queued for alerts: {Reason}", parkId, unitId, StorageFailure.Describe(ex));
        }
    }

    // The oldest events first, at most max of them.
    public async Task<List<AvailabilityEvent>> OldestAsync(int max, CancellationToken cancellationToken) =>
        await _events.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken: cancellationToken)
            .Take(max).Select(e => new AvailabilityEvent(e.RowKey, e.ReadString("ParkId") ?? "", e.ReadString("UnitId") ?? "")).ToListAsync(cancellationToken);

    public async Task DeleteAsync(AvailabilityEvent handled, CancellationToken cancellationToken) =>
        await _events.DeleteEntityAsync(Partition, handled.Key, cancellationToken: cancellationToken);
}
