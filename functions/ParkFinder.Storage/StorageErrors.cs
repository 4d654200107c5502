using System.Text.Json;
using System.Xml.Linq;
using Azure;
using Azure.Core;

namespace ParkFinder.Storage;

// Reads the service's error code (x-ms-error-code, OData JSON or Blob XML) into RequestFailedException.ErrorCode.
internal sealed class StorageErrorParser : RequestFailedDetailsParser
{
    public static readonly StorageErrorParser Instance = new();

    public override bool TryParse(Response response, out ResponseError? error, out IDictionary<string, string>? data)
    {
        data = null;
        response.Headers.TryGetValue("x-ms-error-code", out var code);
        string? message = null;
        try
        {
            var body = response.Content;
            if (body is not null && body.ToMemory().Length > 0)
            {
                var text = body.ToString().TrimStart();
                if (text.StartsWith('{')) (code, message) = FromJson(text, code);
                else if (text.StartsWith('<')) (code, message) = FromXml(text, code);
            }
        }
        catch (Exception ex) when (ex is JsonException or System.Xml.XmlException or InvalidOperationException)
        {
            // An unreadable error body still leaves the status and header code.
        }
        error = code is null && message is null ? null : new ResponseError(code, message ?? code);
        return error is not null;
    }

    internal static RequestFailedException Exception(Response response) => new(response, null, Instance);

    private static (string?, string?) FromJson(string text, string? code)
    {
        using var doc = JsonDocument.Parse(text);
        if (!doc.RootElement.TryGetProperty("odata.error", out var err) && !doc.RootElement.TryGetProperty("error", out err))
            return (code, null);
        code ??= err.TryGetProperty("code", out var c) ? c.GetString() : null;
        string? message = null;
        if (err.TryGetProperty("message", out var m))
            message = m.ValueKind == JsonValueKind.Object && m.TryGetProperty("value", out var v) ? v.GetString() : m.ToString();
        return (code, message);
    }

    private static (string?, string?) FromXml(string text, string? code)
    {
        var root = XDocument.Parse(text).Root;
        code ??= root?.Element("Code")?.Value;
        return (code, root?.Element("Message")?.Value);
    }
}
