using ParkFinder.Functions.Parks;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using ParkFinder.Functions.Hosting;

namespace ParkFinder.Functions.Ecosystem;

// The rest of a park's ecosystem data: its lease mix (LeaseMix: PartitionKey = park id, RowKey =
// "mix"), published external index scores (ExternalScores: PartitionKey = park id, RowKey = a hash
// of the source), and the operators' replacement of the chain and track definitions (a blob).
public sealed class EcosystemStore(StorageAccount account) : IOwnsStorage
{
    private readonly TableClient _mix = account.Table("LeaseMix");
    private readonly TableClient _external = account.Table("ExternalScores");
    private readonly BlobContainerClient _definitions = account.Container("ecosystem");
    private const string DefinitionsBlob = "definitions.json";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task CreateStorageAsync(CancellationToken cancellationToken)
    {
        await TableEntities.CreateAllAsync(cancellationToken, _mix, _external);
        await _definitions.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
    }

    // The operators' definitions, or the shipped ones when none were stored.
    public async Task<EcosystemDefinitions> GetDefinitionsAsync(CancellationToken cancellationToken) =>
        await _definitions.GetBlobClient(DefinitionsBlob).ReadTextOrNullAsync(cancellationToken) is { } json
            ? EcosystemDefinitions.FromJson(json) ?? EcosystemDefinitions.Shipped
            : EcosystemDefinitions.Shipped;

    public Task SaveDefinitionsAsync(EcosystemDefinitions definitions, CancellationToken cancellationToken) =>
        _definitions.GetBlobClient(DefinitionsBlob).WriteJsonAsync(definitions.ToJson(), cancellationToken);

    // False when the stored mix has the same figures: nothing is written, so the park's scores (and
    // every instance's copy of the park) are left alone; its date stays that of the last change.
    public async Task<bool> SaveLeaseMixAsync(string parkId, LeaseMix mix, CancellationToken cancellationToken)
    {
        if (await _mix.FindAsync(parkId, "mix", cancellationToken: cancellationToken) is { } e && ReadMix(e) is var stored
            && stored.LeasedArea == mix.LeasedArea && stored.Leases == mix.Leases && stored.ByIndustry.Count == mix.ByIndustry.Count
            && mix.ByIndustry.All(kv => stored.ByIndustry.TryGetValue(kv.Key, out var s) && s == kv.Value))
            return false;
        await _mix.UpsertAsync(new TableEntity(parkId, "mix") { ["Mix"] = JsonSerializer.Serialize(mix, Json) }, TableUpdateMode.Replace, cancellationToken);
        return true;
    }

    public async Task SaveExternalScoreAsync(string parkId, ExternalScore score, CancellationToken cancellationToken) =>
        await _external.UpsertAsync(new TableEntity(parkId, SourceKey(score.Source)) { ["Score"] = JsonSerializer.Serialize(score, Json) },
            TableUpdateMode.Replace, cancellationToken);

    private static string SourceKey(string source) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(source))).ToLowerInvariant()[..24];

    // One park's data with these enterprises, for a reload after a write.
    public async Task<ParkEcosystemData> LoadAsync(string parkId, List<Enterprise> enterprises, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {parkId}");
        var mix = _mix.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).Select(ReadMix).FirstOrDefaultAsync(cancellationToken).AsTask();
        var external = _external.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).Select(ReadScore).ToListAsync(cancellationToken).AsTask();
        await Task.WhenAll(mix, external);
        return new ParkEcosystemData { Enterprises = enterprises, Leases = await mix, External = Ordered(await external) };
    }

    // Every park's lease mix and external scores, for a full index build.
    public async Task<(Dictionary<string, LeaseMix> Mix, Dictionary<string, List<ExternalScore>> External)> LoadAllAsync(CancellationToken cancellationToken)
    {
        var mix = new Dictionary<string, LeaseMix>(StringComparer.Ordinal);
        await foreach (var e in _mix.QueryAsync<TableEntity>(cancellationToken: cancellationToken)) mix[e.PartitionKey] = ReadMix(e);
        var external = new Dictionary<string, List<ExternalScore>>(StringComparer.Ordinal);
        await foreach (var e in _external.QueryAsync<TableEntity>(cancellationToken: cancellationToken))
        {
            if (!external.TryGetValue(e.PartitionKey, out var list)) external[e.PartitionKey] = list = [];
            list.Add(ReadScore(e));
        }
        foreach (var key in external.Keys.ToList()) external[key] = Ordered(external[key]);
        return (mix, external);
    }

    private static List<ExternalScore> Ordered(List<ExternalScore> scores) =>
        scores.OrderByDescending(s => s.Date).ThenBy(s => s.Source, StringComparer.Ordinal).ToList();

    private static LeaseMix ReadMix(TableEntity e) => JsonSerializer.Deserialize<LeaseMix>(e.ReadString("Mix") ?? "null", Json)
        ?? new LeaseMix(DateOnly.MinValue, 0, 0, []);

    private static ExternalScore ReadScore(TableEntity e) => JsonSerializer.Deserialize<ExternalScore>(e.ReadString("Score") ?? "null", Json)
        ?? new ExternalScore("", DateOnly.MinValue, [], null, null);
}
