using ParkFinder.Functions.Parks;
using Azure;
using Azure.Data.Tables;
using ParkFinder.Functions.Hosting;

namespace ParkFinder.Functions.Ecosystem;

// The Enterprises table (PartitionKey = park id, RowKey = enterprise id): the only code that reads or writes it.
public sealed class EnterpriseStore(StorageAccount account) : IOwnsStorage
{
    private readonly TableClient _enterprises = account.Table("Enterprises");

    public Task CreateStorageAsync(CancellationToken cancellationToken) => _enterprises.CreateIfNotExistsAsync(cancellationToken);

    // Operators' imports: the same name gets the same id every time, so a re-import keeps links.
    public static string IdFor(string name) =>
        "e" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name.Trim()))).ToLowerInvariant()[..15];

    public static string NewId() => "e" + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8)).ToLowerInvariant()[..15];

    public async Task<Enterprise?> GetAsync(string parkId, string id, CancellationToken cancellationToken) =>
        await _enterprises.FindAsync(parkId, id, cancellationToken: cancellationToken) is { } e ? ToEnterprise(e) : null;

    public async Task<List<Enterprise>> ListAsync(string parkId, CancellationToken cancellationToken) =>
        await _enterprises.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {parkId}"), cancellationToken: cancellationToken)
            .Select(ToEnterprise).ToListAsync(cancellationToken);

    // Every park's enterprises, for the index.
    public async Task<Dictionary<string, List<Enterprise>>> ListAllAsync(CancellationToken cancellationToken)
    {
        var all = new Dictionary<string, List<Enterprise>>(StringComparer.Ordinal);
        await foreach (var e in _enterprises.QueryAsync<TableEntity>(cancellationToken: cancellationToken))
        {
            if (!all.TryGetValue(e.PartitionKey, out var list)) all[e.PartitionKey] = list = [];
            list.Add(ToEnterprise(e));
        }
        return all;
    }

    // Null when an enterprise with this id exists already.
    public async Task<ETag?> TryCreateAsync(string parkId, Enterprise enterprise, CancellationToken cancellationToken)
    {
        try { return await _enterprises.AddOnceAsync(ToEntity(parkId, enterprise), cancellationToken); }
        catch (RequestFailedException ex) when (ex.Status == 409) { return null; }
    }

    // Null when the stored one is not the version ifMatch names (changed or deleted meanwhile).
    public async Task<ETag?> TryReplaceAsync(string parkId, Enterprise enterprise, ETag ifMatch, CancellationToken cancellationToken)
    {
        try { return await _enterprises.UpdateOnceAsync(ToEntity(parkId, enterprise), ifMatch, TableUpdateMode.Replace, cancellationToken); }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404) { return null; }
    }

    public async Task<bool> TryDeleteAsync(string parkId, string id, ETag ifMatch, CancellationToken cancellationToken)
    {
        try
        {
            await _enterprises.DeleteEntityAsync(parkId, id, ifMatch, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 412) { return false; }
    }

    // Makes the park's enterprises exactly these (an import). Idempotent: repeating a failed call converges.
    public async Task ReplaceAllAsync(string parkId, IReadOnlyList<Enterprise> enterprises, CancellationToken cancellationToken)
    {
        var keep = enterprises.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        var stale = await _enterprises.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {parkId}"), select: ["RowKey"],
            cancellationToken: cancellationToken).Select(e => e.RowKey).Where(id => !keep.Contains(id)).ToListAsync(cancellationToken);
        await _enterprises.SubmitInChunksAsync(
            enterprises.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(parkId, e)))
                .Concat(stale.Select(id => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(parkId, id), ETag.All))),
            cancellationToken);
    }

    private static TableEntity ToEntity(string parkId, Enterprise e) => new(parkId, e.Id)
    {
        ["Name"] = e.Name, ["Industry"] = e.Industry, ["Chain"] = e.Chain, ["Segment"] = e.Segment, ["Role"] = e.Role,
        ["Since"] = e.Since, ["UpdatedAt"] = e.UpdatedAt,
    };

    private static Enterprise ToEnterprise(TableEntity e) => new(e.RowKey, e.ReadString("Name") ?? "", e.ReadString("Industry") ?? "",
        e.ReadString("Chain"), e.ReadString("Segment"), e.ReadString("Role") ?? EnterpriseRoles.Other, e.ReadInt32("Since"),
        e.ReadTime("UpdatedAt") ?? e.Timestamp ?? default, e.ETag.ToString());
}
