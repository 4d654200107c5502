using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace ParkFinder.Functions.Hosting;

// Operators' documents kept as one JSON blob each (chain and track definitions, the scorecard's
// indicator tree): absent until an operator replaces the shipped one.
public static class JsonBlobs
{
    public static async Task<string?> ReadTextOrNullAsync(this BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            return (await blob.DownloadContentAsync(cancellationToken)).Value.Content.ToString();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public static Task WriteJsonAsync(this BlobClient blob, string json, CancellationToken cancellationToken) =>
        blob.UploadAsync(BinaryData.FromString(json), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } }, cancellationToken);
}
