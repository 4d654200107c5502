using Microsoft.Extensions.DependencyInjection;
using ParkFinder.Functions.Hosting;

namespace ParkFinder.Tests.Infrastructure;

// A table's rows as text (keys and properties, without timestamps or ETags), to compare runs.
public static class TableSnapshot
{
    private static readonly HashSet<string> Volatile = ["ComputedAt", "UploadId", "ProcessedAt", "UploadedAt", TableEntities.WriteIdProperty,
        "Timestamp", "odata.etag", "PartitionKey", "RowKey", "At", "UpdatedAt"];

    public static Task<string> TakeAsync(ApiFactory factory, params string[] tables) =>
        TakeAsync(factory.Services.GetRequiredService<StorageAccount>(), tables);

    public static async Task<string> TakeAsync(StorageAccount storage, params string[] tables)
    {
        var lines = new List<string>();
        foreach (var name in tables)
            await foreach (var e in storage.Table(name).QueryAsync<Azure.Data.Tables.TableEntity>())
                // Upload ids are random per upload: compare upload records by content.
                // A unit's history rows by unit (their keys hold the time), their author without the upload id.
                lines.Add($"{name} {e.PartitionKey} {(name == "LeaseUploads" ? "*" : name == "UnitHistory" ? e.RowKey.Split('|')[0] : e.RowKey)} "
                    + string.Join(";", e.Where(p => !Volatile.Contains(p.Key)).OrderBy(p => p.Key, StringComparer.Ordinal)
                    .Select(p => $"{p.Key}={(p.Value is double d ? d.ToString("R") : p.Value is string s && s.StartsWith("reconciliation:", StringComparison.Ordinal) ? "reconciliation:*" : p.Value)}")));
        lines.Sort(StringComparer.Ordinal);
        return string.Join("\n", lines);
    }
}
