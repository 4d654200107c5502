using System.Globalization;
using ParkFinder.Functions.Hosting;
using ParkFinder.Functions.Parks;
using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace ParkFinder.Functions.Search;

// The built index as one blob (IndexImage), written after a build that did not come from it and read
// at cold start: a new instance then reads one blob instead of scanning the Parks and Units tables
// and building. The blob's "image" metadata says which version, cutoff and definitions it holds;
// a stale image is followed by a table reload.
public sealed class IndexSnapshots(StorageAccount account, ILogger<IndexSnapshots> logger) : IOwnsStorage
{
    private readonly BlobContainerClient _snapshots = account.Container("index-snapshots");
    // One PUT up to 256 MB (the image at 50,000 parks is about 75 MB); larger ones go up in 8 MB
    // blocks, each its own request within the storage deadline.
    private static readonly StorageTransferOptions Transfer = new() { InitialTransferSize = 256 << 20, MaximumTransferSize = 8 << 20, MaximumConcurrency = 4 };

    public Task CreateStorageAsync(CancellationToken cancellationToken) => _snapshots.CreateIfNotExistsAsync(cancellationToken: cancellationToken);

    public const string BlobName = "catalog.index";
    private const string JsonSnapshot = "catalog.json.gz"; // what earlier versions wrote instead

    public async Task<IndexImage?> TryLoadAsync(CancellationToken cancellationToken)
    {
        var blob = _snapshots.GetBlobClient(BlobName);
        BlobDownloadStreamingResult content;
        try
        {
            content = (await blob.DownloadStreamingAsync(cancellationToken: cancellationToken)).Value;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
        using var _ = content;
        // Read whole into one buffer of the blob's size: the image is read from memory, section by section.
        var bytes = new byte[content.Details.ContentLength];
        await content.Content.ReadExactlyAsync(bytes, cancellationToken);
        return IndexImage.Read(bytes);
    }

    // The image of `index`, built from `snapshot`; nothing when the blob holds the same image already
    // (another instance wrote it) from as late in the change log.
    public async Task SaveAsync(CatalogSnapshot snapshot, ParkSearchIndex index, CancellationToken cancellationToken)
    {
        var blob = _snapshots.GetBlobClient(BlobName);
        var key = IndexImage.KeyOf(snapshot);
        if (await blob.ExistsAsync(cancellationToken))
        {
            var stored = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value.Metadata;
            if (stored.TryGetValue("image", out var storedKey) && storedKey == key
                && stored.TryGetValue("changesfrom", out var from) && long.TryParse(from, CultureInfo.InvariantCulture, out var storedFrom) && storedFrom >= snapshot.ChangesFrom)
                return;
        }
        using var buffer = new MemoryStream();
        IndexImage.Write(buffer, snapshot, index);
        await blob.UploadAsync(BinaryData.FromBytes(buffer.GetBuffer().AsMemory(0, (int)buffer.Length)), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/octet-stream" },
            Metadata = new Dictionary<string, string>
            {
                ["version"] = snapshot.Version, ["image"] = key, ["changesfrom"] = snapshot.ChangesFrom.ToString(CultureInfo.InvariantCulture),
            },
            TransferOptions = Transfer,
        }, cancellationToken);
        await _snapshots.GetBlobClient(JsonSnapshot).DeleteIfExistsAsync(cancellationToken: cancellationToken);
        logger.LogInformation("Index image written: {Parks} parks, {Bytes} bytes, version {Version}", index.Count, buffer.Length, snapshot.Version);
    }
}
