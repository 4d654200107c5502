using Azure;
using Azure.Data.Tables;
using ParkFinder.Functions.Hosting;
using ParkFinder.Functions.Parks;

namespace ParkFinder.Functions.Units;

// The Units table (PartitionKey = park id, RowKey = unit id): the only code that reads or writes it.
// Every write leaves its change in the unit's history (who, when, fields before and after), right
// after the unit itself: history never shows a change that did not happen.
public sealed class UnitStore(StorageAccount account, UnitHistoryStore history) : IOwnsStorage
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
    public async Task<ETag?> TryCreateAsync(string parkId, Unit unit, ChangedBy by, CancellationToken cancellationToken)
    {
        ETag etag;
        try
        {
            etag = await _units.AddOnceAsync(ParkEntities.ToEntity(parkId, unit), cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return null;
        }
        await RecordAsync(parkId, [UnitChange.Between(null, unit, by, unit.UpdatedAt)], by, cancellationToken);
        return etag;
    }

    // Null when the stored unit is not the version ifMatch names (changed or deleted meanwhile).
    public async Task<ETag?> TryReplaceAsync(string parkId, Unit before, Unit unit, ETag ifMatch, ChangedBy by, CancellationToken cancellationToken)
    {
        ETag etag;
        try
        {
            etag = await _units.UpdateOnceAsync(ParkEntities.ToEntity(parkId, unit), ifMatch, TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return null;
        }
        await RecordAsync(parkId, [UnitChange.Between(before, unit, by, unit.UpdatedAt)], by, cancellationToken);
        return etag;
    }

    // False when the stored unit is not the version ifMatch names. A unit already gone is deleted.
    public async Task<bool> TryDeleteAsync(string parkId, Unit before, ETag ifMatch, ChangedBy by, DateTimeOffset at, CancellationToken cancellationToken)
    {
        try
        {
            await _units.DeleteEntityAsync(parkId, before.Id, ifMatch, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return false;
        }
        await RecordAsync(parkId, [UnitChange.Between(before, null, by, at)], by, cancellationToken);
        return true;
    }

    // Records a change again (a job repeating its step after a stop): its Key puts it on the same row.
    public Task RecordAgainAsync(string parkId, Unit before, Unit after, ChangedBy by, CancellationToken cancellationToken) =>
        RecordAsync(parkId, [UnitChange.Between(before, after, by, after.UpdatedAt)], by, cancellationToken);

    private Task RecordAsync(string parkId, IEnumerable<UnitChange?> changes, ChangedBy by, CancellationToken cancellationToken) =>
        history.RecordAsync(parkId, changes.OfType<UnitChange>().Select(c => (c, by.Key)), cancellationToken);

    // Makes the park's stored units exactly these, each change recorded as the import's. Idempotent:
    // repeating a failed call converges (a unit already as imported records no second change).
    public async Task ReplaceParkUnitsAsync(string parkId, IReadOnlyList<Unit> units, bool parkExisted, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var keep = units.Select(u => u.Id).ToHashSet(StringComparer.Ordinal);
        // A park new to the catalog has no units to compare with: skip the query (Azurite scans for it).
        var stored = parkExisted ? (await ListAsync(parkId, cancellationToken)).ToDictionary(u => u.Id, StringComparer.Ordinal) : [];
        var actions = new List<TableTransactionAction>();
        var changes = new List<UnitChange?>();
        foreach (var old in stored.Values.Where(u => !keep.Contains(u.Id)))
        {
            actions.Add(new(TableTransactionActionType.Delete, new TableEntity(parkId, old.Id), ETag.All));
            changes.Add(UnitChange.Between(old, null, ChangedBy.Import, at));
        }
        foreach (var unit in units)
        {
            // Written even when unchanged: an import vouches for the unit as of now (its updatedAt), but only a
            // change of its fields makes a history entry.
            actions.Add(new(TableTransactionActionType.UpsertReplace, ParkEntities.ToEntity(parkId, unit)));
            changes.Add(UnitChange.Between(stored.GetValueOrDefault(unit.Id), unit, ChangedBy.Import, at));
        }
        await _units.SubmitInChunksAsync(actions, cancellationToken);
        await RecordAsync(parkId, changes, ChangedBy.Import, cancellationToken);
    }
}
