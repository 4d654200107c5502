using Azure;
using ParkFinder.Api.Hosting;
using ParkFinder.Storage.Tables;

namespace ParkFinder.Api.Parks;

// ChangesFrom: the time (ticks) from which park changes are not yet in it.
public sealed record CatalogSnapshot(IReadOnlyList<Park> Parks, IReadOnlyDictionary<string, List<Unit>> UnitsByPark, string Version, long ChangesFrom = 0);

// Reads and writes the catalog (Parks and Units tables) and its version marker.
public sealed class ParkStore(AppStorage storage, TimeProvider time)
{
    private const string VersionPartition = "catalog";
    private const string VersionRow = "version";

    // Writes parks and replaces each one's units. Not atomic across parks (Table Storage has no
    // cross-partition transactions), but idempotent: repeating a failed import converges.
    public async Task ImportAsync(IReadOnlyList<Park> parks, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var existingCities = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var e in storage.Parks.QueryAsync(select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
            existingCities[e.RowKey] = e.PartitionKey;

        // The park row is written after its units, so a park that exists always had its units replaced once.
        await Parallel.ForEachAsync(parks, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (park, ct) =>
        {
            park.UpdatedAt = now;
            foreach (var u in park.Units ?? []) u.UpdatedAt = now;
            // A park new to the catalog has no units to delete: skip the query (Azurite scans for it).
            await ReplaceUnitsAsync(park.Id, park.Units ?? [], existingCities.ContainsKey(park.Id), ct);
            await storage.Parks.UpsertEntityAsync(ParkEntities.ToEntity(park), TableUpdateMode.Replace, ct);
            // A park that moved city leaves its old row behind unless removed.
            if (existingCities.TryGetValue(park.Id, out var oldCity) && oldCity != park.City.Code)
                await storage.Parks.DeleteEntityAsync(oldCity, park.Id, cancellationToken: ct);
        });
        await BumpVersionAsync(cancellationToken);
    }

    private async Task ReplaceUnitsAsync(string parkId, List<Unit> units, bool parkExisted, CancellationToken cancellationToken)
    {
        var keep = units.Select(u => u.Id).ToHashSet(StringComparer.Ordinal);
        var actions = new List<TableTransactionAction>();
        if (parkExisted)
            await foreach (var e in storage.Units.QueryAsync(TableQueryFilter.Create($"PartitionKey eq {parkId}"), select: ["RowKey"], cancellationToken: cancellationToken))
                if (!keep.Contains(e.RowKey))
                    actions.Add(new(TableTransactionActionType.Delete, new TableEntity(parkId, e.RowKey)));
        actions.AddRange(units.Select(u => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ParkEntities.ToEntity(parkId, u))));
        foreach (var chunk in actions.Chunk(TableClient.MaxTransactionActions))
            await storage.Units.SubmitTransactionAsync(chunk, cancellationToken);
    }

    public async Task<CatalogSnapshot> LoadAllAsync(CancellationToken cancellationToken)
    {
        var version = await GetVersionAsync(cancellationToken);
        var parksTask = storage.Parks.QueryAsync(cancellationToken: cancellationToken).Select(ParkEntities.ToPark).ToListAsync(cancellationToken).AsTask();
        var units = new Dictionary<string, List<Unit>>(StringComparer.Ordinal);
        await foreach (var e in storage.Units.QueryAsync(cancellationToken: cancellationToken))
        {
            if (!units.TryGetValue(e.PartitionKey, out var list)) units[e.PartitionKey] = list = [];
            list.Add(ParkEntities.ToUnit(e));
        }
        return new CatalogSnapshot(await parksTask, units, version);
    }

    public async Task<Park?> GetParkAsync(string cityCode, string parkId, CancellationToken cancellationToken) =>
        await storage.Parks.GetEntityIfExistsAsync(cityCode, parkId, cancellationToken: cancellationToken) is { } e ? ParkEntities.ToPark(e) : null;

    public async Task ConfirmAvailabilityAsync(string cityCode, string parkId, DateTimeOffset when, CancellationToken cancellationToken)
    {
        await storage.Parks.UpdateEntityAsync(new TableEntity(cityCode, parkId) { ["LastConfirmedAt"] = when }, ETag.All, TableUpdateMode.Merge, cancellationToken);
        await RecordParkChangeAsync(parkId, cancellationToken);
    }

    // Meta table, PartitionKey "changes": one row per write to a park (RowKey = time ticks + park id),
    // which other instances replay into their index instead of reloading the whole catalog.
    private const string ChangesPartition = "changes";

    public async Task RecordParkChangeAsync(string parkId, CancellationToken cancellationToken) =>
        await storage.Meta.UpsertEntityAsync(new TableEntity(ChangesPartition,
            time.GetUtcNow().UtcTicks.ToString("D19", System.Globalization.CultureInfo.InvariantCulture) + "-" + parkId)
        { ["ParkId"] = parkId }, TableUpdateMode.Replace, cancellationToken);

    // Change rows are kept this long; a snapshot older than that is not trusted (its changes are gone).
    public static readonly TimeSpan ChangeRetention = TimeSpan.FromDays(2);

    public async Task PruneChangesAsync(CancellationToken cancellationToken)
    {
        var before = (time.GetUtcNow() - ChangeRetention).UtcTicks.ToString("D19", System.Globalization.CultureInfo.InvariantCulture);
        var old = await storage.Meta.QueryAsync(TableQueryFilter.Create($"PartitionKey eq {ChangesPartition} and RowKey lt {before}"), select: ["RowKey"],
            cancellationToken: cancellationToken).Select(e => e.RowKey).ToListAsync(cancellationToken);
        foreach (var chunk in old.Chunk(TableClient.MaxTransactionActions))
            await storage.Meta.SubmitTransactionAsync(chunk.Select(rk => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(ChangesPartition, rk))),
                cancellationToken);
    }

    public async Task<List<(string Key, long Ticks, string ParkId)>> ChangesSinceAsync(long ticks, CancellationToken cancellationToken)
    {
        var from = ticks.ToString("D19", System.Globalization.CultureInfo.InvariantCulture);
        return await storage.Meta.QueryAsync(TableQueryFilter.Create($"PartitionKey eq {ChangesPartition} and RowKey ge {from}"), cancellationToken: cancellationToken)
            .Select(e => (e.RowKey, long.Parse(e.RowKey[..19], System.Globalization.CultureInfo.InvariantCulture), e.GetString("ParkId") ?? ""))
            .ToListAsync(cancellationToken);
    }

    public async Task<List<Unit>> GetUnitsAsync(string parkId, CancellationToken cancellationToken) =>
        await storage.Units.QueryAsync(TableQueryFilter.Create($"PartitionKey eq {parkId}"), cancellationToken: cancellationToken)
            .Select(ParkEntities.ToUnit).ToListAsync(cancellationToken);

    public async Task<string> GetVersionAsync(CancellationToken cancellationToken)
    {
        var e = await storage.Meta.GetEntityIfExistsAsync(VersionPartition, VersionRow, cancellationToken: cancellationToken);
        return e?.GetString("Version") ?? "none";
    }

    // Any change to parks or units moves the version, which tells every instance to rebuild its index.
    public async Task<string> BumpVersionAsync(CancellationToken cancellationToken)
    {
        var version = Guid.NewGuid().ToString("N");
        await storage.Meta.UpsertEntityAsync(new TableEntity(VersionPartition, VersionRow)
        {
            ["Version"] = version,
            ["ChangedAt"] = time.GetUtcNow(),
        }, TableUpdateMode.Replace, cancellationToken);
        return version;
    }
}
