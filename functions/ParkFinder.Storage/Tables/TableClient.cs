using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace ParkFinder.Storage.Tables;

public enum TableUpdateMode { Merge, Replace }

public sealed record TablePage(IReadOnlyList<TableEntity> Items, string? ContinuationToken);

// Operations on one table, shaped like Azure.Data.Tables.TableClient.
public sealed partial class TableClient
{
    private readonly HttpPipeline _pipeline;
    private readonly Uri _endpoint;

    internal TableClient(HttpPipeline pipeline, Uri endpoint, string name)
    {
        _pipeline = pipeline;
        _endpoint = endpoint;
        Name = name;
    }

    public string Name { get; }

    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Post, "/Tables");
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        SetJson(message.Request, JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["TableName"] = Name }));
        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (message.Response.Status is 201 or 204 or 409) return;
        throw StorageErrorParser.Exception(message.Response);
    }

    public async Task DeleteAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Delete, $"/Tables('{EscapeKey(Name)}')");
        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (message.Response.Status is 204 or 404) return;
        throw StorageErrorParser.Exception(message.Response);
    }

    public async Task<TableEntity> GetEntityAsync(string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default) =>
        await GetEntityIfExistsAsync(partitionKey, rowKey, select, throwIfMissing: true, cancellationToken).ConfigureAwait(false)
        ?? throw new InvalidOperationException("unreachable");

    public Task<TableEntity?> GetEntityIfExistsAsync(string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default) =>
        GetEntityIfExistsAsync(partitionKey, rowKey, select, throwIfMissing: false, cancellationToken);

    private async Task<TableEntity?> GetEntityIfExistsAsync(string partitionKey, string rowKey, IEnumerable<string>? select, bool throwIfMissing, CancellationToken cancellationToken)
    {
        using var message = CreateMessage(RequestMethod.Get, EntityPath(partitionKey, rowKey));
        AppendSelect(message.Request, select);
        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        if (response.Status == 404 && !throwIfMissing) return null;
        if (response.Status != 200) throw StorageErrorParser.Exception(response);
        using var doc = JsonDocument.Parse(response.Content.ToMemory());
        var entity = TableEntityJson.Deserialize(doc.RootElement);
        if (response.Headers.ETag is { } etag) entity.ETag = etag;
        return entity;
    }

    public async IAsyncEnumerable<TableEntity> QueryAsync(string? filter = null, int? maxPerPage = null, IEnumerable<string>? select = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var selected = select?.ToArray();
        string? token = null;
        do
        {
            var page = await QueryPageAsync(filter, maxPerPage, selected, token, cancellationToken).ConfigureAwait(false);
            foreach (var entity in page.Items) yield return entity;
            token = page.ContinuationToken;
        } while (token is not null);
    }

    // One page of a query; pass the returned token back to continue. Top is at most 1,000 per page.
    public async Task<TablePage> QueryPageAsync(string? filter, int? top, IEnumerable<string>? select, string? continuationToken, CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Get, $"/{Name}()");
        var uri = message.Request.Uri;
        if (!string.IsNullOrEmpty(filter)) uri.AppendQuery("$filter", filter);
        if (top is { } t) uri.AppendQuery("$top", Math.Clamp(t, 1, 1000).ToString(System.Globalization.CultureInfo.InvariantCulture));
        AppendSelect(message.Request, select);
        if (continuationToken is not null)
        {
            var (nextPartition, nextRow) = ParseContinuation(continuationToken);
            if (nextPartition is not null) uri.AppendQuery("NextPartitionKey", nextPartition);
            if (nextRow is not null) uri.AppendQuery("NextRowKey", nextRow);
        }
        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        if (response.Status != 200) throw StorageErrorParser.Exception(response);

        using var doc = JsonDocument.Parse(response.Content.ToMemory());
        var items = doc.RootElement.GetProperty("value").EnumerateArray().Select(TableEntityJson.Deserialize).ToList();
        response.Headers.TryGetValue("x-ms-continuation-NextPartitionKey", out var np);
        response.Headers.TryGetValue("x-ms-continuation-NextRowKey", out var nr);
        var next = np is null && nr is null ? null : FormatContinuation(np, nr);
        return new TablePage(items, next);
    }

    public async Task<ETag> AddEntityAsync(TableEntity entity, CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Post, $"/{Name}");
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        SetJson(message.Request, TableEntityJson.Serialize(entity));
        return await SendForETagAsync(message, 204, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ETag> UpsertEntityAsync(TableEntity entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(mode == TableUpdateMode.Merge ? Merge : RequestMethod.Put, EntityPath(entity.PartitionKey, entity.RowKey));
        SetJson(message.Request, TableEntityJson.Serialize(entity));
        return await SendForETagAsync(message, 204, cancellationToken).ConfigureAwait(false);
    }

    // Fails with 412 when the stored entity's ETag differs from ifMatch (ETag.All matches any existing entity).
    public async Task<ETag> UpdateEntityAsync(TableEntity entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(mode == TableUpdateMode.Merge ? Merge : RequestMethod.Put, EntityPath(entity.PartitionKey, entity.RowKey));
        message.Request.Headers.SetValue("If-Match", IfMatchValue(ifMatch));
        SetJson(message.Request, TableEntityJson.Serialize(entity));
        return await SendForETagAsync(message, 204, cancellationToken).ConfigureAwait(false);
    }

    // A missing entity is not an error (as in Azure.Data.Tables); a stale ifMatch is (412).
    public async Task DeleteEntityAsync(string partitionKey, string rowKey, ETag ifMatch = default, CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Delete, EntityPath(partitionKey, rowKey));
        message.Request.Headers.SetValue("If-Match", IfMatchValue(ifMatch));
        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (message.Response.Status is 204 or 404) return;
        throw StorageErrorParser.Exception(message.Response);
    }

    private async Task<ETag> SendForETagAsync(HttpMessage message, int expected, CancellationToken cancellationToken)
    {
        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (message.Response.Status != expected && message.Response.Status != 201)
            throw StorageErrorParser.Exception(message.Response);
        return message.Response.Headers.ETag ?? default;
    }

    internal static readonly RequestMethod Merge = new("MERGE");

    internal static string IfMatchValue(ETag ifMatch) => ifMatch == default || ifMatch == ETag.All ? "*" : ifMatch.ToString();

    internal string EntityPath(string partitionKey, string rowKey) =>
        $"/{Name}(PartitionKey='{EscapeKey(partitionKey)}',RowKey='{EscapeKey(rowKey)}')";

    private static string EscapeKey(string key) => Uri.EscapeDataString(key.Replace("'", "''", StringComparison.Ordinal));

    private HttpMessage CreateMessage(RequestMethod method, string path)
    {
        var message = _pipeline.CreateMessage();
        var request = message.Request;
        request.Method = method;
        request.Uri.Reset(_endpoint);
        request.Uri.AppendPath(path, false);
        AddStandardHeaders(request);
        return message;
    }

    internal static void AddStandardHeaders(Request request)
    {
        request.Headers.SetValue("x-ms-version", TableServiceClient.ApiVersion);
        request.Headers.SetValue("DataServiceVersion", "3.0");
        request.Headers.SetValue("MaxDataServiceVersion", "3.0;NetFx");
        request.Headers.SetValue("Accept", "application/json;odata=minimalmetadata");
    }

    private static void SetJson(Request request, byte[] body)
    {
        request.Headers.SetValue("Content-Type", "application/json");
        request.Content = RequestContent.Create(body);
    }

    private static void AppendSelect(Request request, IEnumerable<string>? select)
    {
        if (select is null) return;
        var list = string.Join(',', select);
        if (list.Length > 0) request.Uri.AppendQuery("$select", list);
    }

    // The token is the two continuation headers joined by a newline, which neither key may contain.
    private static string FormatContinuation(string? nextPartition, string? nextRow) => $"{nextPartition}\n{nextRow}";

    private static (string?, string?) ParseContinuation(string token)
    {
        var nl = token.IndexOf('\n');
        if (nl < 0) throw new ArgumentException("Not a table continuation token.", nameof(token));
        var p = token[..nl];
        var r = token[(nl + 1)..];
        return (p.Length == 0 ? null : p, r.Length == 0 ? null : r);
    }
}
