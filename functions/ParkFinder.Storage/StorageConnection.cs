using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace ParkFinder.Storage;

// Where the storage account lives and how we prove who we are: a Shared Key (connection strings,
// Azurite) or a TokenCredential (managed identity in Azure).
public sealed class StorageConnection
{
    public const string DevelopmentAccountName = "devstoreaccount1";
    // Azurite's well-known development key, published by Microsoft; not a secret.
    public const string DevelopmentAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public Uri TableEndpoint { get; }
    public Uri BlobEndpoint { get; }
    public AzureNamedKeyCredential? SharedKey { get; }
    public TokenCredential? TokenCredential { get; }

    private StorageConnection(Uri table, Uri blob, AzureNamedKeyCredential? key, TokenCredential? token)
    {
        TableEndpoint = WithoutTrailingSlash(table);
        BlobEndpoint = WithoutTrailingSlash(blob);
        SharedKey = key;
        TokenCredential = token;
    }

    public static StorageConnection FromEndpoints(Uri tableEndpoint, Uri blobEndpoint, TokenCredential credential) =>
        new(tableEndpoint, blobEndpoint, null, credential);

    public static StorageConnection FromConnectionString(string connectionString)
    {
        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var segment in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = segment.IndexOf('=');
            if (eq <= 0) throw new FormatException("The storage connection string has a segment without '='.");
            parts[segment[..eq]] = segment[(eq + 1)..];
        }

        if (parts.TryGetValue("UseDevelopmentStorage", out var dev) && dev.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            return new StorageConnection(
                new Uri("http://127.0.0.1:10002/" + DevelopmentAccountName),
                new Uri("http://127.0.0.1:10000/" + DevelopmentAccountName),
                new AzureNamedKeyCredential(DevelopmentAccountName, DevelopmentAccountKey), null);
        }

        if (!parts.TryGetValue("AccountName", out var account) || !parts.TryGetValue("AccountKey", out var key))
            throw new FormatException("The storage connection string needs AccountName and AccountKey (or UseDevelopmentStorage=true).");
        var protocol = parts.GetValueOrDefault("DefaultEndpointsProtocol", "https");
        var suffix = parts.GetValueOrDefault("EndpointSuffix", "core.windows.net");
        var table = parts.TryGetValue("TableEndpoint", out var t) ? new Uri(t) : new Uri($"{protocol}://{account}.table.{suffix}");
        var blob = parts.TryGetValue("BlobEndpoint", out var b) ? new Uri(b) : new Uri($"{protocol}://{account}.blob.{suffix}");
        return new StorageConnection(table, blob, new AzureNamedKeyCredential(account, key), null);
    }

    internal HttpPipeline CreatePipeline(StorageClientOptions options, Func<AzureNamedKeyCredential, HttpPipelinePolicy> sharedKeyPolicy)
    {
        HttpPipelinePolicy auth = TokenCredential is not null
            ? new BearerTokenAuthenticationPolicy(TokenCredential, "https://storage.azure.com/.default")
            : sharedKeyPolicy(SharedKey!);
        return HttpPipelineBuilder.Build(options, auth);
    }

    private static Uri WithoutTrailingSlash(Uri uri) => new(uri.AbsoluteUri.TrimEnd('/'));
}
