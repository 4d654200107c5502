using Azure.Data.Tables;
using ParkFinder.Functions.Hosting;

namespace ParkFinder.Functions.Favorites;

// The Favorites table: PartitionKey = user id, RowKey = park id, CreatedAt.
public sealed class FavoriteStore(StorageAccount account) : IOwnsStorage
{
    private readonly TableClient _favorites = account.Table("Favorites");

    public Task CreateStorageAsync(CancellationToken cancellationToken) => _favorites.CreateIfNotExistsAsync(cancellationToken);

    public async Task<List<(string ParkId, DateTimeOffset CreatedAt)>> ListAsync(string userId, CancellationToken cancellationToken) =>
        await _favorites.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {userId}"), cancellationToken: cancellationToken)
            .Select(e => (e.RowKey, e.ReadTime("CreatedAt") ?? default)).ToListAsync(cancellationToken);

    // When the user saved the park, or null.
    public async Task<DateTimeOffset?> GetAsync(string userId, string parkId, CancellationToken cancellationToken) =>
        await _favorites.FindAsync(userId, parkId, cancellationToken: cancellationToken) is { } e ? e.ReadTime("CreatedAt") ?? default : null;

    // Saving twice keeps the first time; a replace of the same row makes a retry harmless.
    public async Task<DateTimeOffset> AddAsync(string userId, string parkId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await GetAsync(userId, parkId, cancellationToken) is { } created) return created;
        await _favorites.UpsertAsync(new TableEntity(userId, parkId) { ["CreatedAt"] = now }, TableUpdateMode.Replace, cancellationToken);
        return now;
    }

    public async Task DeleteAsync(string userId, string parkId, CancellationToken cancellationToken) =>
        await _favorites.DeleteEntityAsync(userId, parkId, cancellationToken: cancellationToken);
}
