using System.Globalization;
using System.Runtime.CompilerServices;
using System.Xml.Linq;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace ParkFinder.Storage.Blobs;

// One container and the blobs in it, shaped like Azure.Storage.Blobs' container and blob clients.
public sealed class BlobContainerClient
{
    internal const string ApiVersion = "2021-12-02";
    private readonly HttpPipeline _pipeline;
    private readonly Uri _containerUri;

    public BlobContainerClient(StorageConnection connection, string containerName, StorageClientOptions? options = null)
    {
        Name = containerName;
        _containerUri = new Uri(connection.BlobEndpoint.AbsoluteUri + "/" + Uri.EscapeDataString(containerName));
        _pipeline = connection.CreatePipeline(options ?? new StorageClientOptions(),
            key => new BlobSharedKeyPolicy(key));
    }

    public string Name { get; }

    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Put, null);
        message.Request.Uri.AppendQuery("restype", "container");
        await Send(message, cancellationToken, 201, 409).ConfigureAwait(false);
    }

    public async Task<bool> ExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Get, null);
        message.Request.Uri.AppendQuery("restype", "container");
        var response = await Send(message, cancellationToken, 200, 404).ConfigureAwait(false);
        return response.Status == 200;
    }

    // overwrite: false sends If-None-Match: * and fails with 409 BlobAlreadyExists when the blob is there.
    public async Task<ETag> UploadAsync(string blobName, BinaryData content, bool overwrite = true, string? contentType = null,
        IDictionary<string, string>? metadata = null, CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Put, blobName);
        var headers = message.Request.Headers;
        headers.SetValue("x-ms-blob-type", "BlockBlob");
        if (!overwrite) headers.SetValue("If-None-Match", "*");
        headers.SetValue("Content-Type", contentType ?? "application/octet-stream");
        SetMetadata(message.Request, metadata);
        message.Request.Content = RequestContent.Create(content);
        var response = await Send(message, cancellationToken, 201).ConfigureAwait(false);
        return response.Headers.ETag ?? default;
    }

    public async Task<BlobDownloadResult> DownloadContentAsync(string blobName, CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Get, blobName);
        var response = await Send(message, cancellationToken, 200).ConfigureAwait(false);
        return new BlobDownloadResult(response.Content, ReadProperties(response));
    }

    public async Task<BlobProperties?> GetPropertiesIfExistsAsync(string blobName, CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Head, blobName);
        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (message.Response.Status == 404) return null;
        if (message.Response.Status != 200) throw StorageErrorParser.Exception(message.Response);
        return ReadProperties(message.Response);
    }

    // Replaces all metadata; a stale ifMatch fails with 412.
    public async Task<ETag> SetMetadataAsync(string blobName, IDictionary<string, string> metadata, ETag ifMatch = default, CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Put, blobName);
        message.Request.Uri.AppendQuery("comp", "metadata");
        if (ifMatch != default) message.Request.Headers.SetValue("If-Match", ifMatch.ToString());
        SetMetadata(message.Request, metadata);
        var response = await Send(message, cancellationToken, 200).ConfigureAwait(false);
        return response.Headers.ETag ?? default;
    }

    public async Task DeleteIfExistsAsync(string blobName, CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Delete, blobName);
        await Send(message, cancellationToken, 202, 404).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<BlobItem> GetBlobsAsync(string? prefix = null, int? pageSize = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? marker = null;
        do
        {
            using var message = CreateMessage(RequestMethod.Get, null);
            var uri = message.Request.Uri;
            uri.AppendQuery("restype", "container");
            uri.AppendQuery("comp", "list");
            if (!string.IsNullOrEmpty(prefix)) uri.AppendQuery("prefix", prefix);
            if (pageSize is { } size) uri.AppendQuery("maxresults", size.ToString(CultureInfo.InvariantCulture));
            if (marker is not null) uri.AppendQuery("marker", marker);
            var response = await Send(message, cancellationToken, 200).ConfigureAwait(false);
            var root = XDocument.Parse(response.Content.ToString()).Root!;
            foreach (var blob in root.Element("Blobs")?.Elements("Blob") ?? [])
            {
                var props = blob.Element("Properties");
                yield return new BlobItem(
                    blob.Element("Name")!.Value,
                    long.Parse(props?.Element("Content-Length")?.Value ?? "0", CultureInfo.InvariantCulture),
                    new ETag(props?.Element("Etag")?.Value ?? ""),
                    DateTimeOffset.Parse(props?.Element("Last-Modified")?.Value ?? "1970-01-01", CultureInfo.InvariantCulture));
            }
            marker = root.Element("NextMarker")?.Value;
        } while (!string.IsNullOrEmpty(marker));
    }

    // Returns the lease id; a lease already held makes the service answer 409 LeaseAlreadyPresent.
    public async Task<string> AcquireLeaseAsync(string blobName, TimeSpan duration, string? proposedLeaseId = null, CancellationToken cancellationToken = default)
    {
        using var message = LeaseMessage(blobName, "acquire", null);
        message.Request.Headers.SetValue("x-ms-lease-duration", ((int)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture));
        if (proposedLeaseId is not null) message.Request.Headers.SetValue("x-ms-proposed-lease-id", proposedLeaseId);
        var response = await Send(message, cancellationToken, 201).ConfigureAwait(false);
        return response.Headers.TryGetValue("x-ms-lease-id", out var id) ? id! : throw new RequestFailedException("The service granted a lease without an id.");
    }

    public async Task RenewLeaseAsync(string blobName, string leaseId, CancellationToken cancellationToken = default)
    {
        using var message = LeaseMessage(blobName, "renew", leaseId);
        await Send(message, cancellationToken, 200).ConfigureAwait(false);
    }

    public async Task ReleaseLeaseAsync(string blobName, string leaseId, CancellationToken cancellationToken = default)
    {
        using var message = LeaseMessage(blobName, "release", leaseId);
        await Send(message, cancellationToken, 200).ConfigureAwait(false);
    }

    // Ends a lease now (break period 0), as if it had expired.
    public async Task BreakLeaseAsync(string blobName, CancellationToken cancellationToken = default)
    {
        using var message = LeaseMessage(blobName, "break", null);
        message.Request.Headers.SetValue("x-ms-lease-break-period", "0");
        await Send(message, cancellationToken, 202).ConfigureAwait(false);
    }

    private HttpMessage LeaseMessage(string blobName, string action, string? leaseId)
    {
        var message = CreateMessage(RequestMethod.Put, blobName);
        message.Request.Uri.AppendQuery("comp", "lease");
        message.Request.Headers.SetValue("x-ms-lease-action", action);
        if (leaseId is not null) message.Request.Headers.SetValue("x-ms-lease-id", leaseId);
        return message;
    }

    private HttpMessage CreateMessage(RequestMethod method, string? blobName)
    {
        var message = _pipeline.CreateMessage();
        var request = message.Request;
        request.Method = method;
        request.Uri.Reset(_containerUri);
        if (blobName is not null) request.Uri.AppendPath("/" + string.Join('/', blobName.Split('/').Select(Uri.EscapeDataString)), false);
        request.Headers.SetValue("x-ms-version", ApiVersion);
        return message;
    }

    private async Task<Response> Send(HttpMessage message, CancellationToken cancellationToken, params int[] expected)
    {
        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        if (Array.IndexOf(expected, response.Status) < 0) throw StorageErrorParser.Exception(response);
        return response;
    }

    private static void SetMetadata(Request request, IDictionary<string, string>? metadata)
    {
        if (metadata is null) return;
        foreach (var (key, value) in metadata) request.Headers.SetValue("x-ms-meta-" + key, value);
    }

    private static BlobProperties ReadProperties(Response response)
    {
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in response.Headers)
            if (header.Name.StartsWith("x-ms-meta-", StringComparison.OrdinalIgnoreCase))
                metadata[header.Name["x-ms-meta-".Length..]] = header.Value;
        response.Headers.TryGetValue("Last-Modified", out var modified);
        return new BlobProperties(
            response.Headers.ETag ?? default,
            modified is null ? default : DateTimeOffset.Parse(modified, CultureInfo.InvariantCulture),
            response.Headers.ContentLength ?? 0,
            response.Headers.ContentType,
            metadata);
    }
}
