using System.Globalization;
using Azure.Data.Tables;
using ParkFinder.Functions.Hosting;

namespace ParkFinder.Functions.Parks;

// The Parks table (PartitionKey = city adcode, RowKey = park id) and the Meta table (catalog
// version, park change log). An import's units are written by UnitStore (Catalog/CatalogImport orchestrates).
public sealed class ParkStore(StorageAccount account, TimeProvider time) : IOwnsStorage
{
    private readonly TableClient _parks = account.Table("Parks");
    private readonly TableClient _meta = account.Table("Meta");

    public Task CreateStorageAsync(CancellationToken cancellationToken) => TableEntities.CreateAllAsync(cancellationToken, _parks, _meta);

    private const string VersionPartition = "catalog";
    private const string VersionRow = "version";

    // Each stored park's city (its partition), by park id.
    public async Task<Dictionary<string, string>> CitiesAsync(CancellationToken cancellationToken)
    {
        var cities = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var e in _parks.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
            cities[e.RowKey] = e.PartitionKey;
        return cities;
    }

    // Writes a park's row; a park that moved city leaves its old row behind unless removed.
    public async Task WriteParkAsync(Park park, string? storedCity, CancellationToken cancellationToken)
    {
        await _parks.UpsertAsync(ParkEntities.ToEntity(park), TableUpdateMode.Replace, cancellationToken);
        if (storedCity is not null && storedCity != park.City.Code) await _parks.DeleteEntityAsync(storedCity, park.Id, cancellationToken: cancellationToken);
    }

    // Whether any park is stored (the demo goes in only into empty tables).
    public async Task<bool> AnyParkAsync(CancellationToken cancellationToken)
    {
        await foreach (var _ in _parks.QueryAsync<TableEntity>(select: ["RowKey"], maxPerPage: 1, cancellationToken: cancellationToken)) return true;
        return false;
    }

    // select: only these properties (the rest of each park is left empty), for jobs that need little.
    public async Task<List<Park>> ListParksAsync(IEnumerable<string>? select, CancellationToken cancellationToken) =>
        await _parks.QueryAsync<TableEntity>(select: select, cancellationToken: cancellationToken).Select(ParkEntities.ToPark).ToListAsync(cancellationToken);

    public async Task<Park?> GetParkAsync(string cityCode, string parkId, CancellationToken cancellationToken) =>
        await _parks.FindAsync(cityCode, parkId, cancellationToken: cancellationToken) is { } e ? ParkEntities.ToPark(e) : null;

    public async Task ConfirmAvailabilityAsync(string cityCode, string parkId, DateTimeOffset when, CancellationToken cancellationToken)
    {
        await _parks.UpdateAsync(new TableEntity(cityCode, parkId) { ["LastConfirmedAt"] = when }, Azure.ETag.All, TableUpdateMode.Merge, cancellationToken);
        await RecordParkChangeAsync(parkId, cancellationToken);
    }

    // An assessment's star level becomes the park's stars (what minStars filters on).
    public async Task SetStarsAsync(string cityCode, string parkId, int stars, CancellationToken cancellationToken)
    {
        await _parks.UpdateAsync(new TableEntity(cityCode, parkId) { ["Stars"] = stars }, Azure.ETag.All, TableUpdateMode.Merge, cancellationToken);
        await RecordParkChangeAsync(parkId, cancellationToken);
    }

    // Meta table, PartitionKey "changes": one row per write to a park (RowKey = time ticks + park id),
    // which other instances replay into their index instead of reloading the whole catalog.
    private const string ChangesPartition = "changes";

    public async Task RecordParkChangeAsync(string parkId, CancellationToken cancellationToken) =>
        await _meta.UpsertAsync(new TableEntity(ChangesPartition, time.GetUtcNow().UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "-" + parkId)
        { ["ParkId"] = parkId }, TableUpdateMode.Replace, cancellationToken);

    // Change rows are kept this long; a snapshot older than that is not trusted (its changes are gone).
    public static readonly TimeSpan ChangeRetention = TimeSpan.FromDays(2);

    public async Task PruneChangesAsync(CancellationToken cancellationToken)
    {
        var before = (time.GetUtcNow() - ChangeRetention).UtcTicks.ToString("D19", CultureInfo.InvariantCulture);
        var old = await _meta.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {ChangesPartition} and RowKey lt {before}"), select: ["RowKey"],
            cancellationToken: cancellationToken).Select(e => e.RowKey).ToListAsync(cancellationToken);
        await _meta.SubmitInChunksAsync(old.Select(rk => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(ChangesPartition, rk), Azure.ETag.All)),
            cancellationToken);
    }

    public async Task<List<(string Key, long Ticks, string ParkId)>> ChangesSinceAsync(long ticks, CancellationToken cancellationToken)
    {
        var from = ticks.ToString("D19", CultureInfo.InvariantCulture);
        return await _meta.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {ChangesPartition} and RowKey ge {from}"), cancellationToken: cancellationToken)
            .Select(e => (e.RowKey, long.Parse(e.RowKey[..19], CultureInfo.InvariantCulture), e.ReadString("ParkId") ?? ""))
            .ToListAsync(cancellationToken);
    }

    public async Task<string> GetVersionAsync(CancellationToken cancellationToken)
    {
        var e = await _meta.FindAsync(VersionPartition, VersionRow, cancellationToken: cancellationToken);
        return e?.ReadString("Version") ?? "none";
    }

    // Any change to parks or units moves the version, which tells every instance to rebuild its index.
    public async Task<string> BumpVersionAsync(CancellationToken cancellationToken)
    {
        var version = Guid.NewGuid().ToString("N");
        await _meta.UpsertAsync(new TableEntity(VersionPartition, VersionRow)
        {
            ["Version"] = version,
            ["ChangedAt"] = time.GetUtcNow(),
        }, TableUpdateMode.Replace, cancellationToken);
        return version;
    }
}
