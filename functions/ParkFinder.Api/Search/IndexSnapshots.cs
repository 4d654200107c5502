using System.IO.Compression;
using System.Text.Json;
using ParkFinder.Api.Hosting;
using ParkFinder.Api.Parks;
using ParkFinder.Storage.Blobs;

namespace ParkFinder.Api.Search;

// The catalog as one gzip'd JSON blob, written after a full rebuild and read at cold start: a new
// instance then loads one blob instead of scanning the Parks and Units tables. The blob's
// "version" metadata is the catalog version it holds; a stale snapshot is followed by a table reload.
public sealed class IndexSnapshots(AppStorage storage, ILogger<IndexSnapshots> logger)
{
    public const string BlobName = "catalog.json.gz";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record Document(string Version, List<Park> Parks, long ChangesFrom = 0);

    public async Task<CatalogSnapshot?> TryLoadAsync(CancellationToken cancellationToken)
    {
        var container = storage.Snapshots;
        if (await container.GetPropertiesIfExistsAsync(BlobName, cancellationToken) is null) return null;
        var blob = await container.DownloadContentAsync(BlobName, cancellationToken);
        await using var gzip = new GZipStream(blob.Content.ToStream(), CompressionMode.Decompress);
        var document = await JsonSerializer.DeserializeAsync<Document>(gzip, Json, cancellationToken);
        if (document is null) return null;
        var units = document.Parks.ToDictionary(p => p.Id, p => p.Units ?? [], StringComparer.Ordinal);
        foreach (var p in document.Parks) p.Units = null;
        return new CatalogSnapshot(document.Parks, units, document.Version, document.ChangesFrom);
    }

    public async Task SaveAsync(CatalogSnapshot snapshot, CancellationToken cancellationToken)
    {
        var container = storage.Snapshots;
        var existing = await container.GetPropertiesIfExistsAsync(BlobName, cancellationToken);
        if (existing?.Metadata.GetValueOrDefault("version") == snapshot.Version) return; // another instance wrote it
        var parks = snapshot.Parks.Select(p => Copy(p, snapshot.UnitsByPark.GetValueOrDefault(p.Id) ?? [])).ToList();
        using var buffer = new MemoryStream();
        await using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            await JsonSerializer.SerializeAsync(gzip, new Document(snapshot.Version, parks, snapshot.ChangesFrom), Json, cancellationToken);
        await container.UploadAsync(BlobName, BinaryData.FromBytes(buffer.GetBuffer().AsMemory(0, (int)buffer.Length)), overwrite: true,
            contentType: "application/gzip", metadata: new Dictionary<string, string> { ["version"] = snapshot.Version }, cancellationToken: cancellationToken);
        logger.LogInformation("Catalog snapshot written: {Parks} parks, {Bytes} bytes, version {Version}", parks.Count, buffer.Length, snapshot.Version);
    }

    private static Park Copy(Park p, List<Unit> units) => new()
    {
        Id = p.Id, Name = p.Name, City = p.City, District = p.District, Lat = p.Lat, Lng = p.Lng, Industries = p.Industries, Stars = p.Stars,
        Address = p.Address, Description = p.Description, Tags = p.Tags, Policies = p.Policies, Facilities = p.Facilities, Contact = p.Contact,
        Rating = p.Rating, TotalArea = p.TotalArea, LastConfirmedAt = p.LastConfirmedAt, UpdatedAt = p.UpdatedAt, Units = units,
    };
}
