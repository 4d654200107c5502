using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using ParkFinder.Functions.Hosting;

namespace ParkFinder.Functions.Scorecards;

// Assessments (PartitionKey = park id, RowKey = "latest": the park's last imported assessment) and
// the operators' indicator tree (container "scorecards").
public sealed class ScorecardStore(StorageAccount account) : IOwnsStorage
{
    private readonly TableClient _assessments = account.Table("Assessments");
    private readonly BlobContainerClient _trees = account.Container("scorecards");
    private const string TreeBlob = "indicators.json";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task CreateStorageAsync(CancellationToken cancellationToken)
    {
        await _assessments.CreateIfNotExistsAsync(cancellationToken);
        await _trees.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
    }

    public async Task<IndicatorTree> GetTreeAsync(CancellationToken cancellationToken)
    {
        try
        {
            var content = (await _trees.GetBlobClient(TreeBlob).DownloadContentAsync(cancellationToken)).Value.Content;
            return IndicatorTree.FromJson(content.ToString()) ?? IndicatorTree.Shipped;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return IndicatorTree.Shipped;
        }
    }

    public async Task SaveTreeAsync(IndicatorTree tree, CancellationToken cancellationToken) =>
        await _trees.GetBlobClient(TreeBlob).UploadAsync(BinaryData.FromString(tree.ToJson()),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } }, cancellationToken);

    public async Task<Assessment?> GetAssessmentAsync(string parkId, CancellationToken cancellationToken) =>
        await _assessments.FindAsync(parkId, "latest", cancellationToken: cancellationToken) is { } e
            ? JsonSerializer.Deserialize<Assessment>(e.ReadString("Assessment") ?? "null", Json) : null;

    public async Task SaveAssessmentAsync(string parkId, Assessment assessment, CancellationToken cancellationToken) =>
        await _assessments.UpsertAsync(new TableEntity(parkId, "latest") { ["Assessment"] = JsonSerializer.Serialize(assessment, Json) },
            TableUpdateMode.Replace, cancellationToken);
}
