using Azure;
using Azure.Data.Tables;
using ParkFinder.Functions.Hosting;

namespace ParkFinder.Functions.Alerts;

// A saved search as stored: Query is the normalised /api/parks query string.
public sealed record StoredAlert(string UserId, string Id, string? Name, string Query, DateTimeOffset CreatedAt, DateTimeOffset? LastNotifiedAt,
    string? LastDelivery, string? LastEvent);

// The Alerts table: PartitionKey = user id, RowKey = alert id.
public sealed class AlertStore(StorageAccount account, TimeProvider time) : IOwnsStorage
{
    private readonly TableClient _alerts = account.Table("Alerts");

    public Task CreateStorageAsync(CancellationToken cancellationToken) => _alerts.CreateIfNotExistsAsync(cancellationToken);

    public async Task<int> CountAsync(string userId, CancellationToken cancellationToken) =>
        await _alerts.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {userId}"), select: ["RowKey"], cancellationToken: cancellationToken)
            .CountAsync(cancellationToken);

    // The id is chosen before the first attempt, so a retried insert does not save the search twice.
    public async Task<StoredAlert> AddAsync(string userId, string id, string? name, string query, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(userId, id) { ["Name"] = name, ["Query"] = query, ["CreatedAt"] = time.GetUtcNow() };
        await _alerts.AddOnceAsync(entity, cancellationToken);
        return ToAlert(entity);
    }

    public async Task<List<StoredAlert>> ListAsync(string userId, CancellationToken cancellationToken) =>
        await _alerts.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {userId}"), cancellationToken: cancellationToken)
            .Select(ToAlert).ToListAsync(cancellationToken);

    public async Task<List<StoredAlert>> ListEveryoneAsync(CancellationToken cancellationToken) =>
        await _alerts.QueryAsync<TableEntity>(cancellationToken: cancellationToken).Select(ToAlert).ToListAsync(cancellationToken);

    public async Task<StoredAlert?> GetAsync(string userId, string id, CancellationToken cancellationToken) =>
        await _alerts.FindAsync(userId, id, cancellationToken: cancellationToken) is { } e ? ToAlert(e) : null;

    public async Task DeleteAsync(string userId, string id, CancellationToken cancellationToken) =>
        await _alerts.DeleteEntityAsync(userId, id, cancellationToken: cancellationToken);

    // A merge that fails if the investor deleted the alert meanwhile, rather than bringing it back.
    public async Task RecordDeliveryAsync(StoredAlert alert, string eventKey, bool delivered, CancellationToken cancellationToken)
    {
        try
        {
            await _alerts.UpdateAsync(new TableEntity(alert.UserId, alert.Id)
            {
                ["LastNotifiedAt"] = time.GetUtcNow(), ["LastDelivery"] = delivered ? "sent" : "not_subscribed", ["LastEvent"] = eventKey,
            }, ETag.All, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404) { }
    }

    private static StoredAlert ToAlert(TableEntity e) => new(e.PartitionKey, e.RowKey, e.ReadString("Name"), e.ReadString("Query") ?? "",
        e.ReadTime("CreatedAt") ?? default, e.ReadTime("LastNotifiedAt"), e.ReadString("LastDelivery"), e.ReadString("LastEvent"));
}
