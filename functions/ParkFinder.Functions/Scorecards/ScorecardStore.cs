using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
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

    // Read at most every 30 seconds per instance: every scorecard page needs it, operators rarely change it.
    private static readonly TimeSpan TreeLifetime = TimeSpan.FromSeconds(30);
    private sealed record CachedTree(IndicatorTree Tree, DateTimeOffset Until);
    private volatile CachedTree? _tree; // one reference: never read half-written

    public async Task<IndicatorTree> GetTreeAsync(CancellationToken cancellationToken)
    {
        if (_tree is { } cached && cached.Until > DateTimeOffset.UtcNow) return cached.Tree;
        var tree = await _trees.GetBlobClient(TreeBlob).ReadTextOrNullAsync(cancellationToken) is { } json
            ? IndicatorTree.FromJson(json) ?? IndicatorTree.Shipped
            : IndicatorTree.Shipped;
        _tree = new CachedTree(tree, DateTimeOffset.UtcNow + TreeLifetime);
        return tree;
    }

    public async Task SaveTreeAsync(IndicatorTree tree, CancellationToken cancellationToken)
    {
        await _trees.GetBlobClient(TreeBlob).WriteJsonAsync(tree.ToJson(), cancellationToken);
        _tree = new CachedTree(tree, DateTimeOffset.UtcNow + TreeLifetime);
    }

    // Every park's latest assessment (one row per assessed park), for star levels after an import or a new tree.
    public async Task<Dictionary<string, Assessment>> ListAssessmentsAsync(CancellationToken cancellationToken)
    {
        var all = new Dictionary<string, Assessment>(StringComparer.Ordinal);
        await foreach (var e in _assessments.QueryAsync<TableEntity>(cancellationToken: cancellationToken))
            if (JsonSerializer.Deserialize<Assessment>(e.ReadString("Assessment") ?? "null", Json) is { } a) all[e.PartitionKey] = a;
        return all;
    }

    // The star level of each assessed park whose assessment covers the tree (StarRule).
    public async Task<Dictionary<string, int>> AssessedStarsAsync(CancellationToken cancellationToken)
    {
        var tree = await GetTreeAsync(cancellationToken);
        var stars = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (parkId, a) in await ListAssessmentsAsync(cancellationToken))
            if (StarRule.Assess(tree, a).Stars is { } level) stars[parkId] = level;
        return stars;
    }

    public async Task<Assessment?> GetAssessmentAsync(string parkId, CancellationToken cancellationToken) =>
        await _assessments.FindAsync(parkId, "latest", cancellationToken: cancellationToken) is { } e
            ? JsonSerializer.Deserialize<Assessment>(e.ReadString("Assessment") ?? "null", Json) : null;

    public async Task SaveAssessmentAsync(string parkId, Assessment assessment, CancellationToken cancellationToken) =>
        await _assessments.UpsertAsync(new TableEntity(parkId, "latest") { ["Assessment"] = JsonSerializer.Serialize(assessment, Json) },
            TableUpdateMode.Replace, cancellationToken);
}
