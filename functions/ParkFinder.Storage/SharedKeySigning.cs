using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace ParkFinder.Storage;

// Shared Key Lite for the Table service: x-ms-date + "\n" + "/" + account + path (+ "?comp=" when present).
internal sealed class TableSharedKeyPolicy(AzureNamedKeyCredential credential) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        var date = DateTimeOffset.UtcNow.ToString("r");
        message.Request.Headers.SetValue("x-ms-date", date);
        var stringToSign = StringToSign(date, credential.Name, message.Request.Uri.ToUri());
        message.Request.Headers.SetValue("Authorization", $"SharedKeyLite {credential.Name}:{SharedKeySignature.Sign(credential, stringToSign)}");
    }

    internal static string StringToSign(string date, string account, Uri uri)
    {
        var resource = "/" + account + uri.AbsolutePath;
        var comp = SharedKeySignature.QueryParameters(uri).FirstOrDefault(p => p.Name == "comp");
        return comp.Name is null ? $"{date}\n{resource}" : $"{date}\n{resource}?comp={comp.Value}";
    }
}

// Shared Key for the Blob service (Azurite refuses Shared Key Lite there).
internal sealed class BlobSharedKeyPolicy(AzureNamedKeyCredential credential) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        request.Headers.SetValue("x-ms-date", DateTimeOffset.UtcNow.ToString("r"));
        long length = 0;
        if (request.Content is not null && !request.Content.TryComputeLength(out length))
            throw new InvalidOperationException("Blob requests need content of known length to be signed.");
        var headers = request.Headers.ToDictionary(h => h.Name.ToLowerInvariant(), h => h.Value);
        var stringToSign = StringToSign(request.Method.Method, headers, length, credential.Name, request.Uri.ToUri());
        request.Headers.SetValue("Authorization", $"SharedKey {credential.Name}:{SharedKeySignature.Sign(credential, stringToSign)}");
    }

    internal static string StringToSign(string verb, IReadOnlyDictionary<string, string> headers, long contentLength, string account, Uri uri)
    {
        string H(string name) => headers.TryGetValue(name, out var v) ? v : "";
        var sb = new StringBuilder();
        sb.Append(verb.ToUpperInvariant()).Append('\n')
          .Append(H("content-encoding")).Append('\n')
          .Append(H("content-language")).Append('\n')
          .Append(contentLength == 0 ? "" : contentLength.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('\n')
          .Append(H("content-md5")).Append('\n')
          .Append(H("content-type")).Append('\n')
          .Append('\n') // Date: empty because x-ms-date is sent
          .Append(H("if-modified-since")).Append('\n')
          .Append(H("if-match")).Append('\n')
          .Append(H("if-none-match")).Append('\n')
          .Append(H("if-unmodified-since")).Append('\n')
          .Append(H("range")).Append('\n');
        foreach (var (name, value) in headers.Where(h => h.Key.StartsWith("x-ms-", StringComparison.Ordinal)).OrderBy(h => h.Key, StringComparer.Ordinal))
            sb.Append(name).Append(':').Append(value.Trim()).Append('\n');
        sb.Append('/').Append(account).Append(uri.AbsolutePath);
        foreach (var group in SharedKeySignature.QueryParameters(uri).GroupBy(p => p.Name.ToLowerInvariant()).OrderBy(g => g.Key, StringComparer.Ordinal))
            sb.Append('\n').Append(group.Key).Append(':').Append(string.Join(',', group.Select(p => p.Value).Order(StringComparer.Ordinal)));
        return sb.ToString();
    }
}

internal static class SharedKeySignature
{
    public static string Sign(AzureNamedKeyCredential credential, string stringToSign)
    {
        var (_, key) = credential;
        using var hmac = new HMACSHA256(Convert.FromBase64String(key));
        return Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(stringToSign)));
    }

    public static IEnumerable<(string Name, string Value)> QueryParameters(Uri uri)
    {
        var query = uri.Query.TrimStart('?');
        if (query.Length == 0) yield break;
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            var name = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
            var value = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..]);
            yield return (name, value);
        }
    }
}
