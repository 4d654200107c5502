using System.Globalization;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using ParkFinder.Functions.Hosting;
using ParkFinder.Functions.Parks;
using Azure.Data.Tables;

namespace ParkFinder.Functions.Leases;

public sealed record LeaseUpload(string ParkId, string UploadId, string Status, string? FileName, long Size, DateTimeOffset UploadedAt,
    DateTimeOffset? ProcessedAt, int? RowsAccepted, int? RowsRejected, IReadOnlyList<RowError> Errors, string? Reason, Reconciliation? Reconciliation = null);

// Lease files in Blob Storage ({parkId}/{uploadId}), their upload records (LeaseUploads:
// PartitionKey = park, RowKey = upload id) and the leases parsed from them (Leases: PartitionKey =
// park, RowKey = unit id + "|" + start date, so a lease uploaded again replaces itself).
public sealed class LeaseStore(StorageAccount account, TimeProvider time) : IOwnsStorage
{
    private readonly BlobContainerClient _files = account.Container("lease-files");
    private readonly TableClient _uploads = account.Table("LeaseUploads");
    private readonly TableClient _leases = account.Table("Leases");

    public async Task CreateStorageAsync(CancellationToken cancellationToken)
    {
        await _files.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await TableEntities.CreateAllAsync(cancellationToken, _uploads, _leases);
    }

    public const int MaxStoredErrors = 200;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<LeaseUpload> SaveUploadAsync(string parkId, byte[] content, string contentType, string? fileName, string userId, CancellationToken cancellationToken)
    {
        var uploadId = time.GetUtcNow().ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..10];
        // The file is stored first: whatever happens next, the landlord's data is not lost.
        // The upload id is new, so a retried upload overwriting its own first attempt loses nothing.
        await _files.GetBlobClient($"{parkId}/{uploadId}").UploadAsync(BinaryData.FromBytes(content), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
            Metadata = new Dictionary<string, string> { ["parkid"] = parkId, ["uploadid"] = uploadId },
        }, cancellationToken);
        var now = time.GetUtcNow();
        await _uploads.AddOnceAsync(new TableEntity(parkId, uploadId)
        {
            ["Status"] = "received", ["FileName"] = fileName, ["ContentType"] = contentType, ["Size"] = (long)content.Length,
            ["UploadedAt"] = now, ["UploadedBy"] = userId,
        }, cancellationToken);
        return new LeaseUpload(parkId, uploadId, "received", fileName, content.Length, now, null, null, null, [], null);
    }

    // With its reconciliation report once processed.
    public async Task<LeaseUpload?> GetUploadAsync(string parkId, string uploadId, CancellationToken cancellationToken) =>
        await _uploads.FindAsync(parkId, uploadId, cancellationToken: cancellationToken) is { } e
            ? ToUpload(e) is var upload && upload.Status == "processed" ? upload with { Reconciliation = await ReadReconciliationAsync(upload, cancellationToken) } : upload
            : null;

    // The report is a blob beside the file: its lists are as long as the park has units, more than a table row holds.
    public async Task SaveReconciliationAsync(LeaseUpload upload, Reconciliation report, CancellationToken cancellationToken) =>
        await ReportBlob(upload).UploadAsync(BinaryData.FromObjectAsJson(report, Json), overwrite: true, cancellationToken);

    public async Task<Reconciliation?> ReadReconciliationAsync(LeaseUpload upload, CancellationToken cancellationToken)
    {
        try
        {
            return (await ReportBlob(upload).DownloadContentAsync(cancellationToken)).Value.Content.ToObjectFromJson<Reconciliation>(Json);
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    private BlobClient ReportBlob(LeaseUpload upload) => _files.GetBlobClient($"{upload.ParkId}/{upload.UploadId}.reconciliation.json");

    public async Task<bool> HasUploadsAsync(string parkId, CancellationToken cancellationToken) =>
        await _uploads.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {parkId}"), maxPerPage: 1, select: ["RowKey"],
            cancellationToken: cancellationToken).AnyAsync(cancellationToken);

    // Files not yet through a whole run, oldest first.
    public async Task<List<LeaseUpload>> PendingUploadsAsync(CancellationToken cancellationToken) =>
        (await _uploads.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Status eq {"received"} or Status eq {"processing"}"), cancellationToken: cancellationToken)
            .Select(ToUpload).ToListAsync(cancellationToken)).OrderBy(u => u.UploadedAt).ThenBy(u => u.UploadId, StringComparer.Ordinal).ToList();

    public async Task<byte[]> ReadFileAsync(LeaseUpload upload, CancellationToken cancellationToken) =>
        (await _files.GetBlobClient($"{upload.ParkId}/{upload.UploadId}").DownloadContentAsync(cancellationToken)).Value.Content.ToArray();

    public Task MarkProcessingAsync(LeaseUpload upload, CancellationToken cancellationToken) =>
        Merge(upload, new() { ["Status"] = "processing" }, cancellationToken);

    public Task MarkFailedAsync(LeaseUpload upload, string reason, CancellationToken cancellationToken) =>
        Merge(upload, new() { ["Status"] = "failed", ["Reason"] = reason, ["ProcessedAt"] = time.GetUtcNow() }, cancellationToken);

    public Task MarkProcessedAsync(LeaseUpload upload, ParsedLeaseFile parsed, CancellationToken cancellationToken) =>
        Merge(upload, new()
        {
            ["Status"] = "processed", ["ProcessedAt"] = time.GetUtcNow(), ["RowsAccepted"] = parsed.Rows.Count,
            ["RowsRejected"] = parsed.Errors.Select(e => e.Row).Distinct().Count(),
            ["Errors"] = JsonSerializer.Serialize(StoredErrors(parsed.Errors), Json), ["ErrorCount"] = parsed.Errors.Count,
        }, cancellationToken);

    // The first rows' errors, as many as a table property holds (32K characters): a file of long reasons
    // must not make its own record unwritable, which would stop the job on it at every run.
    private static List<RowError> StoredErrors(IReadOnlyList<RowError> errors)
    {
        var kept = new List<RowError>();
        var length = 2;
        foreach (var e in errors.Take(MaxStoredErrors))
        {
            length += JsonSerializer.Serialize(e, Json).Length + 1;
            if (length > MaxErrorsJson) break;
            kept.Add(e);
        }
        return kept;
    }

    private const int MaxErrorsJson = 30_000;

    private async Task Merge(LeaseUpload upload, Dictionary<string, object?> values, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(upload.ParkId, upload.UploadId);
        foreach (var (k, v) in values) entity[k] = v;
        await _uploads.UpsertAsync(entity, TableUpdateMode.Merge, cancellationToken);
    }

    // Idempotent: the same lease always lands on the same row.
    public async Task UpsertLeasesAsync(string parkId, string uploadId, IReadOnlyList<LeaseRow> rows, CancellationToken cancellationToken)
    {
        await _leases.SubmitInChunksAsync(rows.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace,
            new TableEntity(parkId, r.UnitId + "|" + r.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            {
                ["UnitId"] = r.UnitId, ["SpaceType"] = r.SpaceType.ToApi(), ["Area"] = r.Area,
                ["StartDate"] = r.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["EndDate"] = r.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["SignedDate"] = r.Signed.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["Rent"] = r.Rent, ["RentUnit"] = r.RentUnit,
                ["MonthlyPerM2"] = r.MonthlyPerM2, ["FreeMonths"] = r.FreeMonths, ["TenantIndustry"] = r.TenantIndustry, ["UploadId"] = uploadId, ["Row"] = r.Row,
                // Private: read by no endpoint, so no named tenant's rent is ever shown.
                ["TenantName"] = r.TenantName,
            })), cancellationToken);
    }

    public async Task<List<LeaseFact>> LoadLeasesAsync(Park park, CancellationToken cancellationToken) =>
        await _leases.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {park.Id}"), cancellationToken: cancellationToken)
            .Select(e =>
            {
                SpaceTypes.TryParse(e.ReadString("SpaceType"), out var type);
                return new LeaseFact(park.Id, park.District.Code, park.City.Code, e.ReadString("UnitId") ?? "", type, e.ReadDouble("Area") ?? 0,
                    Date(e, "StartDate"), Date(e, "EndDate"), Date(e, "SignedDate"), e.ReadDouble("MonthlyPerM2") ?? 0, e.ReadDouble("FreeMonths") ?? 0,
                    e.ReadString("TenantIndustry"), e.ReadString("UploadId"), e.ReadInt32("Row") ?? 0);
            }).ToListAsync(cancellationToken);

    private static DateOnly Date(TableEntity e, string name) => DateOnly.ParseExact(e.GetString(name)!, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static LeaseUpload ToUpload(TableEntity e) => new(e.PartitionKey, e.RowKey, e.ReadString("Status") ?? "received", e.ReadString("FileName"),
        e.ReadInt64("Size") ?? 0, e.ReadTime("UploadedAt") ?? default, e.ReadTime("ProcessedAt"), e.ReadInt32("RowsAccepted"),
        e.ReadInt32("RowsRejected"), e.ReadString("Errors") is { } json ? JsonSerializer.Deserialize<List<RowError>>(json, Json) ?? [] : [], e.ReadString("Reason"));
}
