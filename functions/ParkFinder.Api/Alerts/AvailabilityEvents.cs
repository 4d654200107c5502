using System.Globalization;
using ParkFinder.Api.Hosting;
using ParkFinder.Storage.Tables;

namespace ParkFinder.Api.Alerts;

// "This unit just became available", queued for the alert job. AlertEvents table: PartitionKey
// "available", RowKey = time + park + unit, so the job reads them oldest first and deletes each once handled.
public sealed class AvailabilityEvents(AppStorage storage, TimeProvider time, ILogger<AvailabilityEvents> logger)
{
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
            await storage.AlertEvents.UpsertEntityAsync(new TableEntity(Partition, key) { ["ParkId"] = parkId, ["UnitId"] = unitId, ["At"] = now },
                TableUpdateMode.Replace, cancellationToken);
        }
        catch (Exception ex) when (ex is Azure.RequestFailedException or HttpRequestException || ex is TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Availability of {ParkId}/{UnitId} not queued for alerts: {Reason}", parkId, unitId, StorageFailure.Describe(ex));
        }
    }
}
