using System.Text;
using System.Text.RegularExpressions;
using Azure;
using Azure.Core;

namespace ParkFinder.Storage.Tables;

public enum TableTransactionActionType { Add, UpdateMerge, UpdateReplace, Delete, UpsertMerge, UpsertReplace }

public sealed record TableTransactionAction(TableTransactionActionType ActionType, TableEntity Entity, ETag ETag = default);

// Entity-group transactions: one partition, at most 100 operations, all applied or none.
public sealed partial class TableClient
{
    public const int MaxTransactionActions = 100;

    public async Task SubmitTransactionAsync(IEnumerable<TableTransactionAction> actions, CancellationToken cancellationToken = default)
    {
        var list = actions.ToList();
        if (list.Count == 0) return;
        if (list.Count > MaxTransactionActions)
            throw new ArgumentException($"A transaction holds at most {MaxTransactionActions} actions; got {list.Count}.", nameof(actions));
        // Azurite accepts mixed partitions where Azure refuses them: refuse here so both behave the same.
        if (list.Select(a => a.Entity.PartitionKey).Distinct(StringComparer.Ordinal).Skip(1).Any())
            throw new ArgumentException("All actions of a transaction must share one partition key.", nameof(actions));

        var batch = "batch_" + Guid.NewGuid().ToString("N");
        var changeset = "changeset_" + Guid.NewGuid().ToString("N");
        using var message = CreateMessage(RequestMethod.Post, "/$batch");
        message.Request.Headers.SetValue("Content-Type", $"multipart/mixed; boundary={batch}");
        message.Request.Content = RequestContent.Create(Encoding.UTF8.GetBytes(BuildBody(list, batch, changeset)));
        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        if (response.Status != 202) throw StorageErrorParser.Exception(response);

        var failure = FirstFailure(response.Content.ToString());
        if (failure is not null) throw failure;
    }

    private string BuildBody(List<TableTransactionAction> actions, string batch, string changeset)
    {
        var sb = new StringBuilder();
        sb.Append("--").Append(batch).Append("\r\n")
          .Append("Content-Type: multipart/mixed; boundary=").Append(changeset).Append("\r\n\r\n");
        foreach (var action in actions)
        {
            var e = action.Entity;
            var (method, url, ifMatch) = action.ActionType switch
            {
                TableTransactionActionType.Add => ("POST", $"{_endpoint}/{Name}", (string?)null),
                TableTransactionActionType.UpdateMerge => ("MERGE", _endpoint + EntityPath(e.PartitionKey, e.RowKey), IfMatchValue(action.ETag)),
                TableTransactionActionType.UpdateReplace => ("PUT", _endpoint + EntityPath(e.PartitionKey, e.RowKey), IfMatchValue(action.ETag)),
                TableTransactionActionType.Delete => ("DELETE", _endpoint + EntityPath(e.PartitionKey, e.RowKey), IfMatchValue(action.ETag)),
                TableTransactionActionType.UpsertMerge => ("MERGE", _endpoint + EntityPath(e.PartitionKey, e.RowKey), null),
                _ => ("PUT", _endpoint + EntityPath(e.PartitionKey, e.RowKey), null),
            };
            sb.Append("--").Append(changeset).Append("\r\n")
              .Append("Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n")
              .Append(method).Append(' ').Append(url).Append(" HTTP/1.1\r\n")
              .Append("Accept: application/json;odata=minimalmetadata\r\n")
              .Append("DataServiceVersion: 3.0\r\n");
            if (ifMatch is not null) sb.Append("If-Match: ").Append(ifMatch).Append("\r\n");
            if (action.ActionType == TableTransactionActionType.Delete)
            {
                sb.Append("\r\n");
                continue;
            }
            sb.Append("Content-Type: application/json\r\nPrefer: return-no-content\r\n\r\n")
              .Append(Encoding.UTF8.GetString(TableEntityJson.Serialize(e))).Append("\r\n");
        }
        sb.Append("--").Append(changeset).Append("--\r\n\r\n--").Append(batch).Append("--\r\n");
        return sb.ToString();
    }

    [GeneratedRegex(@"HTTP/1\.1 (\d{3})[^\r\n]*\r?\n(?<rest>[\s\S]*?)(?=\r?\n--changeset|\r?\n--batch|$)")]
    private static partial Regex SubResponse();

    // The service answers 202 for the whole batch and puts the failing operation's status inside.
    private static RequestFailedException? FirstFailure(string body)
    {
        foreach (Match m in SubResponse().Matches(body))
        {
            var status = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (status < 300) continue;
            var rest = m.Groups["rest"].Value;
            var code = Regex.Match(rest, "\"code\"\\s*:\\s*\"([^\"]+)\"").Groups[1].Value;
            var text = Regex.Match(rest, "\"value\"\\s*:\\s*\"([^\"]*)\"").Groups[1].Value;
            return new RequestFailedException(status, $"Transaction failed ({status} {code}): {text}", code.Length == 0 ? null : code, null);
        }
        return null;
    }
}
