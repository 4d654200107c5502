using System.IO.Compression;
using System.Text.Json;
using ParkFinder.Functions.Hosting;
using ParkFinder.Functions.Parks;
using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace ParkFinder.Functions.Search;

// The catalog as one gzip'd JSON blob, written after a full rebuild and read at cold start: a new
// instance then loads one blob instead of scanning the Parks and Units tables. The blob's
// "version" metadata is the catalog version it holds; a stale snapshot is followed by a table reload.
public sealed class IndexSnapshots(StorageAccount account, ILogger<IndexSnapshots> logger) : IOwnsStorage
{
    private readonly BlobContainerClient _snapshots = account.Container("index-snapshots");
    // One PUT up to 256 MB (the catalog at 50,000 parks is about 40 MB), as before the SDK; larger
    // snapshots go up in 8 MB blocks, each its own request within the storage deadline.
    private static readonly StorageTransferOptions Transfer = new() { InitialTransferSize = 256 << 20, MaximumTransferSize = 8 << 20, MaximumConcurrency = 4 };

    public Task CreateStorageAsync(CancellationToken cancellationToken) => _snapshots.CreateIfNotExistsAsync(cancellationToken: cancellationToken);

    public const string BlobName = "catalog.json.gz";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record Document(string Version, List<Park> Parks, long ChangesFrom = 0);

    public async Task<CatalogSnapshot?> TryLoadAsync(CancellationToken cancellationToken)
    {
        var blob = _snapshots.GetBlobClient(BlobName);
        BlobDownloadStreamingResult content;
        try
        {
            // Streamed, not buffered: the JSON is read while the rest of the blob is still arriving.
            content = (await blob.DownloadStreamingAsync(cancellationToken: cancellationToken)).Value;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
        using var _ = content;
        await using var gzip = new GZipStream(content.Content, CompressionMode.Decompress);
        var document = await JsonSerializer.DeserializeAsync<Document>(gzip, Json, cancellationToken);
        if (document is null) return null;
        var units = document.Parks.ToDictionary(p => p.Id, p => p.Units ?? [], StringComparer.Ordinal);
        foreach (var p in document.Parks) p.Units = null;
        return new CatalogSnapshot(document.Parks, units, document.Version, document.ChangesFrom);
    }

    public async Task SaveAsync(CatalogSnapshot snapshot, CancellationToken cancellationToken)
    {
        var blob = _snapshots.GetBlobClient(BlobName);
        if (await blob.ExistsAsync(cancellationToken) && (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value.Metadata.TryGetValue("version", out var stored) && stored == snapshot.Version)
            return; // another instance wrote it
        var parks = snapshot.Parks.Select(p => p.Copy(units: snapshot.UnitsByPark.GetValueOrDefault(p.Id) ?? [])).ToList();
        using var buffer = new MemoryStream();
        await using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            await JsonSerializer.SerializeAsync(gzip, new Document(snapshot.Version, parks, snapshot.ChangesFrom), Json, cancellationToken);
        await blob.UploadAsync(BinaryData.FromBytes(buffer.GetBuffer().AsMemory(0, (int)buffer.Length)), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/gzip" },
            Metadata = new Dictionary<string, string> { ["version"] = snapshot.Version },
            TransferOptions = Transfer,
        }, cancellationToken);
        logger.LogInformation("Catalog snapshot written: {Parks} parks, {Bytes} bytes, version {Version}", parks.Count, buffer.Length, snapshot.Version);
    }
}
