using System.Globalization;
using System.Text.Json;
using ParkFinder.Api.Hosting;
using ParkFinder.Api.Parks;
using ParkFinder.Api.Trends;
using ParkFinder.Storage.Tables;

namespace ParkFinder.Api.Leases;

public sealed record LeaseUpload(string ParkId, string UploadId, string Status, string? FileName, long Size, DateTimeOffset UploadedAt,
    DateTimeOffset? ProcessedAt, int? RowsAccepted, int? RowsRejected, IReadOnlyList<RowError> Errors, string? Reason);

// Lease files in Blob Storage ({parkId}/{uploadId}), their upload records (LeaseUploads:
// PartitionKey = park, RowKey = upload id) and the leases parsed from them (Leases: PartitionKey =
// park, RowKey = unit id + "|" + start date, so a lease uploaded again replaces itself).
public sealed class LeaseStore(AppStorage storage, TimeProvider time)
{
    public const int MaxStoredErrors = 200;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<LeaseUpload> SaveUploadAsync(string parkId, byte[] content, string contentType, string? fileName, string userId, CancellationToken cancellationToken)
    {
        var uploadId = time.GetUtcNow().ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..10];
        // The file is stored first: whatever happens next, the landlord's data is not lost.
        await storage.LeaseFiles.UploadAsync($"{parkId}/{uploadId}", BinaryData.FromBytes(content), overwrite: false, contentType: contentType,
            metadata: new Dictionary<string, string> { ["parkid"] = parkId, ["uploadid"] = uploadId }, cancellationToken: cancellationToken);
        var now = time.GetUtcNow();
        await storage.LeaseUploads.AddEntityAsync(new TableEntity(parkId, uploadId)
        {
            ["Status"] = "received", ["FileName"] = fileName, ["ContentType"] = contentType, ["Size"] = (long)content.Length,
            ["UploadedAt"] = now, ["UploadedBy"] = userId,
        }, cancellationToken);
        return new LeaseUpload(parkId, uploadId, "received", fileName, content.Length, now, null, null, null, [], null);
    }

    public async Task<LeaseUpload?> GetUploadAsync(string parkId, string uploadId, CancellationToken cancellationToken) =>
        await storage.LeaseUploads.GetEntityIfExistsAsync(parkId, uploadId, cancellationToken: cancellationToken) is { } e ? ToUpload(e) : null;

    // Files not yet through a whole run, oldest first.
    public async Task<List<LeaseUpload>> PendingUploadsAsync(CancellationToken cancellationToken) =>
        (await storage.LeaseUploads.QueryAsync(TableQueryFilter.Create($"Status eq {"received"} or Status eq {"processing"}"), cancellationToken: cancellationToken)
            .Select(ToUpload).ToListAsync(cancellationToken)).OrderBy(u => u.UploadedAt).ThenBy(u => u.UploadId, StringComparer.Ordinal).ToList();

    public async Task<byte[]> ReadFileAsync(LeaseUpload upload, CancellationToken cancellationToken) =>
        (await storage.LeaseFiles.DownloadContentAsync($"{upload.ParkId}/{upload.UploadId}", cancellationToken)).Content.ToArray();

    public Task MarkProcessingAsync(LeaseUpload upload, CancellationToken cancellationToken) =>
        Merge(upload, new() { ["Status"] = "processing" }, cancellationToken);

    public Task MarkFailedAsync(LeaseUpload upload, string reason, CancellationToken cancellationToken) =>
        Merge(upload, new() { ["Status"] = "failed", ["Reason"] = reason, ["ProcessedAt"] = time.GetUtcNow() }, cancellationToken);

    public Task MarkProcessedAsync(LeaseUpload upload, ParsedLeaseFile parsed, CancellationToken cancellationToken) =>
        Merge(upload, new()
        {
            ["Status"] = "processed", ["ProcessedAt"] = time.GetUtcNow(), ["RowsAccepted"] = parsed.Rows.Count,
            ["RowsRejected"] = parsed.Errors.Select(e => e.Row).Distinct().Count(),
            ["Errors"] = JsonSerializer.Serialize(parsed.Errors.Take(MaxStoredErrors), Json), ["ErrorCount"] = parsed.Errors.Count,
        }, cancellationToken);

    private async Task Merge(LeaseUpload upload, Dictionary<string, object?> values, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(upload.ParkId, upload.UploadId);
        foreach (var (k, v) in values) entity[k] = v;
        await storage.LeaseUploads.UpsertEntityAsync(entity, TableUpdateMode.Merge, cancellationToken);
    }

    // Idempotent: the same lease always lands on the same row.
    public async Task UpsertLeasesAsync(string parkId, string uploadId, IReadOnlyList<LeaseRow> rows, CancellationToken cancellationToken)
    {
        foreach (var chunk in rows.Chunk(TableClient.MaxTransactionActions))
            await storage.Leases.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace,
                new TableEntity(parkId, r.UnitId + "|" + r.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                {
                    ["UnitId"] = r.UnitId, ["SpaceType"] = r.SpaceType.ToApi(), ["Area"] = r.Area,
                    ["StartDate"] = r.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["EndDate"] = r.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    ["SignedDate"] = r.Signed.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["Rent"] = r.Rent, ["RentUnit"] = r.RentUnit,
                    ["MonthlyPerM2"] = r.MonthlyPerM2, ["FreeMonths"] = r.FreeMonths, ["TenantIndustry"] = r.TenantIndustry, ["UploadId"] = uploadId,
                })), cancellationToken);
    }

    public async Task<List<LeaseFact>> LoadLeasesAsync(Park park, CancellationToken cancellationToken) =>
        await storage.Leases.QueryAsync(TableQueryFilter.Create($"PartitionKey eq {park.Id}"), cancellationToken: cancellationToken)
            .Select(e =>
            {
                SpaceTypes.TryParse(e.GetString("SpaceType"), out var type);
                return new LeaseFact(park.Id, park.District.Code, park.City.Code, e.GetString("UnitId") ?? "", type, e.GetDouble("Area") ?? 0,
                    Date(e, "StartDate"), Date(e, "EndDate"), Date(e, "SignedDate"), e.GetDouble("MonthlyPerM2") ?? 0, e.GetDouble("FreeMonths") ?? 0);
            }).ToListAsync(cancellationToken);

    private static DateOnly Date(TableEntity e, string name) => DateOnly.ParseExact(e.GetString(name)!, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static LeaseUpload ToUpload(TableEntity e) => new(e.PartitionKey, e.RowKey, e.GetString("Status") ?? "received", e.GetString("FileName"),
        e.GetInt64("Size") ?? 0, e.GetDateTimeOffset("UploadedAt") ?? default, e.GetDateTimeOffset("ProcessedAt"), e.GetInt32("RowsAccepted"),
        e.GetInt32("RowsRejected"), e.GetString("Errors") is { } json ? JsonSerializer.Deserialize<List<RowError>>(json, Json) ?? [] : [], e.GetString("Reason"));
}
