using Azure;

namespace ParkFinder.Storage.Blobs;

public sealed record BlobProperties(ETag ETag, DateTimeOffset LastModified, long ContentLength, string? ContentType, IReadOnlyDictionary<string, string> Metadata);

public sealed record BlobDownloadResult(BinaryData Content, BlobProperties Details);

public sealed record BlobItem(string Name, long ContentLength, ETag ETag, DateTimeOffset LastModified);
