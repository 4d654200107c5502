using Azure.Data.Tables;
using Azure.Storage.Blobs;
using ParkFinder.Functions.Hosting;

namespace ParkFinder.Tests.Infrastructure;

// A world's storage as it is now, copied under another prefix in the same emulator: a test that must run
// a job many times from the same starting point (TrendJobCrashTests) starts each run from a copy instead
// of building and importing a new app each time. The target's tables and containers say what is copied
// (create them first): a job's copy needs only the tables its stores own.
public static class StorageCopy
{
    public static async Task CopyAsync(StorageOptions from, StorageOptions to)
    {
        var source = StorageClients.Account(from);
        var target = StorageClients.Account(to);
        var prefixed = TableServiceClient.CreateQueryFilter($"TableName ge {to.TablePrefix} and TableName lt {to.TablePrefix + "~"}");
        await foreach (var table in target.TableService.QueryAsync(prefixed))
        {
            var name = table.Name[to.TablePrefix.Length..];
            var rows = new List<TableEntity>();
            await foreach (var row in source.Table(name).QueryAsync<TableEntity>()) rows.Add(row);
            foreach (var partition in rows.GroupBy(r => r.PartitionKey))
                await target.Table(name).SubmitInChunksAsync(partition.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), CancellationToken.None);
        }
        var prefix = to.TablePrefix.ToLowerInvariant();
        await foreach (var container in target.BlobService.GetBlobContainersAsync(prefix: prefix))
        {
            var name = container.Name[prefix.Length..];
            var (original, copy) = (source.Container(name), target.Container(name));
            await foreach (var blob in original.GetBlobsAsync())
                await copy.GetBlobClient(blob.Name).UploadAsync((await original.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content, overwrite: true);
        }
    }
}
