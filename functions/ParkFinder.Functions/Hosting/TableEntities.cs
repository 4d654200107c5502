using Azure;
using Azure.Data.Tables;

namespace ParkFinder.Functions.Hosting;

// What every store needs of Table Storage beyond the SDK: tolerant number reads, rows without
// null properties, point reads that may miss, inserts that are safe to retry, chunked transactions.
public static class TableEntities
{
    // The service's transaction limit (Azurite answers more with a body the SDK cannot parse).
    public const int MaxTransactionActions = 100;
    // Marks which insert wrote a row, so a retried insert can recognise its own first attempt.
    public const string WriteIdProperty = "WriteId";

    // The service may return a whole-number double as Int32 (and a small Int64 as Int32).
    public static double? ReadDouble(this TableEntity e, string name) => e.TryGetValue(name, out var v) ? v switch
    {
        double d => d,
        int i => i,
        long l => l,
        _ => null,
    } : null;

    public static int? ReadInt32(this TableEntity e, string name) => e.TryGetValue(name, out var v) ? v switch
    {
        int i => i,
        long l when l is >= int.MinValue and <= int.MaxValue => (int)l,
        double d when d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue => (int)d,
        _ => null,
    } : null;

    public static long? ReadInt64(this TableEntity e, string name) => e.TryGetValue(name, out var v) ? v switch
    {
        long l => l,
        int i => i,
        double d when d == Math.Floor(d) => (long)d,
        _ => null,
    } : null;

    public static string? ReadString(this TableEntity e, string name) => e.TryGetValue(name, out var v) ? v as string : null;

    public static DateTimeOffset? ReadTime(this TableEntity e, string name) => e.TryGetValue(name, out var v) ? v switch
    {
        DateTimeOffset dto => dto,
        DateTime dt => new DateTimeOffset(DateTime.SpecifyKind(dt, dt.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : dt.Kind)),
        _ => null,
    } : null;

    // Null means "no such property": a replace then removes it, a merge leaves it as stored.
    public static TableEntity Compact(this TableEntity e)
    {
        foreach (var key in e.Where(p => p.Value is null).Select(p => p.Key).ToList()) e.Remove(key);
        return e;
    }

    public static async Task<TableEntity?> FindAsync(this TableClient table, string partitionKey, string rowKey, IEnumerable<string>? select = null,
        CancellationToken cancellationToken = default)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, select, cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    // Inserts a new row. The SDK retries a timed-out insert, and the retry may find the row its
    // first attempt wrote (409): that is this insert's success, not a conflict. A row someone else
    // wrote still throws 409.
    public static Task<ETag> AddOnceAsync(this TableClient table, TableEntity entity, CancellationToken cancellationToken) =>
        WriteOnceAsync(table, entity, 409, () => table.AddEntityAsync(entity, cancellationToken), cancellationToken);

    // Updates a row if it is still the version ifMatch names. A retried update finds the ETag its own
    // first attempt moved (412): that is this update's success. Someone else's change still throws 412.
    public static Task<ETag> UpdateOnceAsync(this TableClient table, TableEntity entity, ETag ifMatch, TableUpdateMode mode, CancellationToken cancellationToken) =>
        WriteOnceAsync(table, entity, 412, () => table.UpdateEntityAsync(entity, ifMatch, mode, cancellationToken), cancellationToken);

    // Stamps the write with a WriteId, so a retry that meets the row its first attempt wrote
    // (answered `conflict`) recognises it instead of reporting a conflict.
    private static async Task<ETag> WriteOnceAsync(TableClient table, TableEntity entity, int conflict, Func<Task<Response>> write, CancellationToken cancellationToken)
    {
        var writeId = Guid.NewGuid().ToString("N");
        entity.Compact()[WriteIdProperty] = writeId;
        try
        {
            return (await write()).Headers.ETag ?? default;
        }
        catch (RequestFailedException ex) when (ex.Status == conflict)
        {
            var stored = await table.FindAsync(entity.PartitionKey, entity.RowKey, [WriteIdProperty], cancellationToken);
            if (stored?.ReadString(WriteIdProperty) == writeId) return stored.ETag;
            throw;
        }
    }

    public static async Task<ETag> UpsertAsync(this TableClient table, TableEntity entity, TableUpdateMode mode, CancellationToken cancellationToken) =>
        (await table.UpsertEntityAsync(entity.Compact(), mode, cancellationToken)).Headers.ETag ?? default;

    public static async Task<ETag> UpdateAsync(this TableClient table, TableEntity entity, ETag ifMatch, TableUpdateMode mode, CancellationToken cancellationToken) =>
        (await table.UpdateEntityAsync(entity.Compact(), ifMatch, mode, cancellationToken)).Headers.ETag ?? default;

    // One transaction per 100 actions: each chunk is atomic, the whole is not.
    public static async Task SubmitInChunksAsync(this TableClient table, IEnumerable<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        foreach (var chunk in actions.Chunk(MaxTransactionActions))
        {
            foreach (var a in chunk) (a.Entity as TableEntity)?.Compact();
            await table.SubmitTransactionAsync(chunk, cancellationToken);
        }
    }

    // One page of a query for a list route (Paging): the rows as the caller maps them, and the next page's token.
    public static async Task<(List<T> Items, string? Next)> PageAsync<T>(this TableClient table, string filter, int limit, string? continuationToken,
        Func<TableEntity, T> map, CancellationToken cancellationToken)
    {
        await foreach (var page in table.QueryAsync<TableEntity>(filter, limit, cancellationToken: cancellationToken).AsPages(continuationToken, limit))
            return (page.Values.Select(map).ToList(), page.ContinuationToken);
        return ([], null);
    }

    // Deletes the rows whose "At" is before the cutoff, partition by partition (a retention run). Idempotent.
    public static async Task<int> DeleteOlderThanAsync(this TableClient table, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var old = await table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"At lt {cutoff}"), select: ["PartitionKey", "RowKey"],
            cancellationToken: cancellationToken).ToListAsync(cancellationToken);
        foreach (var partition in old.GroupBy(e => e.PartitionKey, StringComparer.Ordinal))
            await table.SubmitInChunksAsync(partition.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, e, ETag.All)), cancellationToken);
        return old.Count;
    }

    public static async Task CreateAllAsync(CancellationToken cancellationToken, params TableClient[] tables)
    {
        foreach (var t in tables) await t.CreateIfNotExistsAsync(cancellationToken);
    }
}
