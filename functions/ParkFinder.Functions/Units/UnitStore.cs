using Azure;
using Azure.Data.Tables;
using ParkFinder.Functions.Hosting;
using ParkFinder.Functions.Parks;

namespace ParkFinder.Functions.Units;

// The Units table (PartitionKey = park id, RowKey = unit id): the only code that reads or writes it.
public sealed class UnitStore(StorageAccount account) : IOwnsStorage
{
    private readonly TableClient _units = account.Table("Units");

    public Task CreateStorageAsync(CancellationToken cancellationToken) => _units.CreateIfNotExistsAsync(cancellationToken);

    public async Task<Unit?> GetAsync(string parkId, string unitId, CancellationToken cancellationToken) =>
        await _units.FindAsync(parkId, unitId, cancellationToken: cancellationToken) is { } e ? ParkEntities.ToUnit(e) : null;

    public async Task<List<Unit>> ListAsync(string parkId, CancellationToken cancellationToken) =>
        await _units.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {parkId}"), cancellationToken: cancellationToken)
            .Select(ParkEntities.ToUnit).ToListAsync(cancellationToken);

    // Every unit of every park, grouped by park.
    public async Task<Dictionary<string, List<Unit>>> ListAllAsync(CancellationToken cancellationToken)
    {
        var units = new Dictionary<string, List<Unit>>(StringComparer.Ordinal);
        await foreach (var e in _units.QueryAsync<TableEntity>(cancellationToken: cancellationToken))
        {
            if (!units.TryGetValue(e.PartitionKey, out var list)) units[e.PartitionKey] = list = [];
            list.Add(ParkEntities.ToUnit(e));
        }
        return units;
    }

    // Null when the unit exists already (someone else created it).
    public async Task<ETag?> TryCreateAsync(string parkId, Unit unit, CancellationToken cancellationToken)
    {
        try
        {
            return await _units.AddOnceAsync(ParkEntities.ToEntity(parkId, unit), cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return null;
        }
    }

    // Null when the stored unit is not the version ifMatch names (changed or deleted meanwhile).
    public async Task<ETag?> TryReplaceAsync(string parkId, Unit unit, ETag ifMatch, CancellationToken cancellationToken)
    {
        try
        {
            return await _units.UpdateOnceAsync(ParkEntities.ToEntity(parkId, unit), ifMatch, TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return null;
        }
    }

    // False when the stored unit is not the version ifMatch names. A unit already gone is deleted.
    public async Task<bool> TryDeleteAsync(string parkId, string unitId, ETag ifMatch, CancellationToken cancellationToken)
    {
        try
        {
            await _units.DeleteEntityAsync(parkId, unitId, ifMatch, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return false;
        }
    }

    // Makes the park's stored units exactly these. Idempotent: repeating a failed call converges.
    public async Task ReplaceParkUnitsAsync(string parkId, IReadOnlyList<Unit> units, bool parkExisted, CancellationToken cancellationToken)
    {
        var keep = units.Select(u => u.Id).ToHashSet(StringComparer.Ordinal);
        var actions = new List<TableTransactionAction>();
        // A park new to the catalog has no units to delete: skip the query (Azurite scans for it).
        if (parkExisted)
            await foreach (var e in _units.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {parkId}"), select: ["RowKey"], cancellationToken: cancellationToken))
                if (!keep.Contains(e.RowKey))
                    actions.Add(new(TableTransactionActionType.Delete, new TableEntity(parkId, e.RowKey), ETag.All));
        actions.AddRange(units.Select(u => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ParkEntities.ToEntity(parkId, u))));
        await _units.SubmitInChunksAsync(actions, cancellationToken);
    }
}
