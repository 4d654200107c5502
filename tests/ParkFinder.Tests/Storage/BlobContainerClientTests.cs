using Azure;
using ParkFinder.Storage;
using ParkFinder.Storage.Blobs;
using ParkFinder.Tests.Infrastructure;

namespace ParkFinder.Tests.Storage;

public sealed class BlobContainerClientTests
{
    private static async Task<BlobContainerClient> NewContainerAsync()
    {
        var container = new BlobContainerClient(Azurite.Connection, Azurite.UniqueName("c"));
        await container.CreateIfNotExistsAsync();
        return container;
    }

    [Fact]
    public async Task UploadThenDownloadKeepsBytesContentTypeAndMetadata()
    {
        var container = await NewContainerAsync();
        await container.CreateIfNotExistsAsync();
        var bytes = "unit_id,area_m2\nA-101,1200\n租赁面积,😀\n"u8.ToArray();
        const string name = "leases/p-1/上传 1.csv";
        var etag = await container.UploadAsync(name, BinaryData.FromBytes(bytes), contentType: "text/csv",
            metadata: new Dictionary<string, string> { ["parkid"] = "p-1" });

        var got = await container.DownloadContentAsync(name);
        Assert.Equal(bytes, got.Content.ToArray());
        Assert.Equal("text/csv", got.Details.ContentType);
        Assert.Equal("p-1", got.Details.Metadata["parkid"]);
        Assert.Equal(etag, got.Details.ETag);
        Assert.Equal(bytes.Length, got.Details.ContentLength);
    }

    [Fact]
    public async Task CreateOnlyUploadFailsWith409AndKeepsTheFirstContent()
    {
        var container = await NewContainerAsync();
        await container.UploadAsync("a", BinaryData.FromString("first"), overwrite: false);
        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => container.UploadAsync("a", BinaryData.FromString("second"), overwrite: false));
        Assert.Equal(409, ex.Status);
        Assert.Equal("BlobAlreadyExists", ex.ErrorCode);
        Assert.Equal("first", (await container.DownloadContentAsync("a")).Content.ToString());

        await container.UploadAsync("a", BinaryData.FromString("third"), overwrite: true);
        Assert.Equal("third", (await container.DownloadContentAsync("a")).Content.ToString());
    }

    [Fact]
    public async Task DownloadingAMissingBlobFailsWith404()
    {
        var container = await NewContainerAsync();
        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => container.DownloadContentAsync("missing"));
        Assert.Equal(404, ex.Status);
        Assert.Equal("BlobNotFound", ex.ErrorCode);
        Assert.Null(await container.GetPropertiesIfExistsAsync("missing"));
    }

    [Fact]
    public async Task ListByPrefixPagesAndReturnsEachBlobOnce()
    {
        var container = await NewContainerAsync();
        for (var i = 0; i < 7; i++) await container.UploadAsync($"in/{i}.csv", BinaryData.FromString(new string('x', i + 1)));
        await container.UploadAsync("out/other.csv", BinaryData.FromString("x"));

        var items = await container.GetBlobsAsync("in/", pageSize: 2).ToListAsync();
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"in/{i}.csv"), items.Select(b => b.Name).Order());
        Assert.Equal(3, items.Single(b => b.Name == "in/2.csv").ContentLength);
    }

    [Fact]
    public async Task MetadataUpdateWithStaleETagGets412AndChangesNothing()
    {
        var container = await NewContainerAsync();
        var first = await container.UploadAsync("m", BinaryData.FromString("x"), metadata: new Dictionary<string, string> { ["status"] = "received" });
        var second = await container.SetMetadataAsync("m", new Dictionary<string, string> { ["status"] = "processing" }, first);

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() =>
            container.SetMetadataAsync("m", new Dictionary<string, string> { ["status"] = "failed" }, first));
        Assert.Equal(412, ex.Status);

        var props = await container.GetPropertiesIfExistsAsync("m");
        Assert.Equal("processing", props!.Metadata["status"]);
        Assert.Equal(second, props.ETag);
    }

    [Fact]
    public async Task HeldLeaseBlocksASecondAcquireUntilReleased()
    {
        var container = await NewContainerAsync();
        await container.UploadAsync("lock", BinaryData.FromString(""));
        var lease = await container.AcquireLeaseAsync("lock", TimeSpan.FromSeconds(15));

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => container.AcquireLeaseAsync("lock", TimeSpan.FromSeconds(15)));
        Assert.Equal(409, ex.Status);
        Assert.Equal("LeaseAlreadyPresent", ex.ErrorCode);

        await container.RenewLeaseAsync("lock", lease);
        await container.ReleaseLeaseAsync("lock", lease);
        var again = await container.AcquireLeaseAsync("lock", TimeSpan.FromSeconds(15));
        Assert.NotEqual(lease, again);
    }

    [Fact]
    public async Task DeleteIfExistsRemovesTheBlobAndIgnoresAMissingOne()
    {
        var container = await NewContainerAsync();
        await container.UploadAsync("d", BinaryData.FromString("x"));
        await container.DeleteIfExistsAsync("d");
        await container.DeleteIfExistsAsync("d");
        Assert.Null(await container.GetPropertiesIfExistsAsync("d"));
    }

    [Fact]
    public async Task WrongKeyGets403WithAClearError()
    {
        var bad = Azurite.ConnectionString.Replace(StorageConnection.DevelopmentAccountKey, Convert.ToBase64String(new byte[64]));
        var container = new BlobContainerClient(StorageConnection.FromConnectionString(bad), Azurite.UniqueName("c"));
        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => container.CreateIfNotExistsAsync());
        Assert.Equal(403, ex.Status);
        Assert.Equal("AuthorizationFailure", ex.ErrorCode);
    }
}
