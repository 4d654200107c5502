using System.Globalization;
using Azure.Data.Tables;
using ParkFinder.Functions.Hosting;

namespace ParkFinder.Functions.Leads;

// The Leads table: PartitionKey = park id, RowKey = inverted time + id, so a partition reads newest first.
public sealed class LeadStore(StorageAccount account) : IOwnsStorage
{
    private readonly TableClient _leads = account.Table("Leads");

    public Task CreateStorageAsync(CancellationToken cancellationToken) => _leads.CreateIfNotExistsAsync(cancellationToken);

    // The id is chosen before the first attempt, so a retried insert does not add the lead twice.
    public async Task AddAsync(Lead lead, string userId, CancellationToken cancellationToken) =>
        await _leads.AddOnceAsync(new TableEntity(lead.ParkId, RowKey(lead.CreatedAt, lead.Id))
        {
            ["Id"] = lead.Id, ["Category"] = lead.Category, ["Name"] = lead.Name, ["Phone"] = lead.Phone, ["Message"] = lead.Message,
            ["SpaceType"] = lead.SpaceType, ["Area"] = lead.Area, ["CreatedAt"] = lead.CreatedAt, ["UserId"] = userId, ["ContentCheck"] = lead.ContentCheck,
        }, cancellationToken);

    // One page of a park's leads, newest first; the token continues where the last page ended.
    // The filter keeps every page inside this park's partition, whatever token is sent.
    public async Task<(List<Lead> Items, string? Next)> PageAsync(string parkId, int limit, string? continuationToken, CancellationToken cancellationToken)
    {
        await foreach (var page in _leads.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {parkId}"), limit, cancellationToken: cancellationToken)
            .AsPages(continuationToken, limit))
            return (page.Values.Select(ToLead).ToList(), page.ContinuationToken);
        return ([], null);
    }

    private static Lead ToLead(TableEntity e) => new(e.ReadString("Id") ?? e.RowKey, e.PartitionKey, e.ReadString("Category") ?? "other", e.ReadString("Name") ?? "",
        e.ReadString("Phone") ?? "", e.ReadString("Message"), e.ReadString("SpaceType"), e.ReadDouble("Area"),
        e.ReadTime("CreatedAt") ?? default, e.ReadString("ContentCheck") ?? "pass");

    private static string RowKey(DateTimeOffset when, string id) =>
        (DateTimeOffset.MaxValue.UtcTicks - when.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "-" + id;
}
