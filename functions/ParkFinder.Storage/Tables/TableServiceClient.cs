using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace ParkFinder.Storage.Tables;

// One pipeline per account, shared by every TableClient it hands out.
public sealed class TableServiceClient
{
    internal const string ApiVersion = "2020-12-06";
    private readonly HttpPipeline _pipeline;

    public TableServiceClient(StorageConnection connection, StorageClientOptions? options = null)
    {
        Endpoint = connection.TableEndpoint;
        _pipeline = connection.CreatePipeline(options ?? new StorageClientOptions(),
            key => new TableSharedKeyPolicy(key));
    }

    public Uri Endpoint { get; }

    public TableClient GetTableClient(string tableName) => new(_pipeline, Endpoint, tableName);

    // A cheap authenticated round trip: lists at most one table.
    public async Task PingAsync(CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage();
        var request = message.Request;
        request.Method = RequestMethod.Get;
        request.Uri.Reset(Endpoint);
        request.Uri.AppendPath("/Tables", false);
        request.Uri.AppendQuery("$top", "1");
        TableClient.AddStandardHeaders(request);
        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (message.Response.Status != 200) throw StorageErrorParser.Exception(message.Response);
    }
}
