using Azure.Data.Tables;
using Azure.Storage.Blobs;
using ParkFinder.Functions.Hosting;

namespace ParkFinder.Tests.Infrastructure;

// A world's storage as it is now, copied under another prefix in the same emulator: a test that must run
// a job many times from the same starting point (TrendJobCrashTests) starts each run from a copy instead
// of building and importing a new app each time.
public static class StorageCopy
{
    public static async Task<StorageOptions> CopyAsync(StorageOptions from, string toPrefix)
    {
        var to = new StorageOptions { ConnectionString = from.ConnectionString, TablePrefix = toPrefix, TimeoutSeconds = from.TimeoutSeconds };
        var source = StorageClients.Account(from);
        var target = StorageClients.Account(to);
        var prefixed = TableServiceClient.CreateQueryFilter($"TableName ge {from.TablePrefix} and TableName lt {from.TablePrefix + "~"}");
        await foreach (var table in source.TableService.QueryAsync(prefixed))
        {
            var name = table.Name[from.TablePrefix.Length..];
            var copy = target.Table(name);
            await copy.CreateIfNotExistsAsync();
            var rows = new List<TableEntity>();
            await foreach (var row in source.Table(name).QueryAsync<TableEntity>()) rows.Add(row);
            foreach (var partition in rows.GroupBy(r => r.PartitionKey))
                await copy.SubmitInChunksAsync(partition.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), CancellationToken.None);
        }
        var prefix = from.TablePrefix.ToLowerInvariant();
        await foreach (var container in source.BlobService.GetBlobContainersAsync(prefix: prefix))
        {
            var name = container.Name[prefix.Length..];
            var copy = target.Container(name);
            await copy.CreateIfNotExistsAsync();
            var original = source.Container(name);
            await foreach (var blob in original.GetBlobsAsync())
                await copy.GetBlobClient(blob.Name).UploadAsync((await original.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content, overwrite: true);
        }
        return to;
    }
}
