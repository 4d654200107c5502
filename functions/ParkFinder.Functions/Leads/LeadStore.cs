using System.Globalization;
using Azure.Data.Tables;
using ParkFinder.Functions.Hosting;

namespace ParkFinder.Functions.Leads;

// The Leads table: PartitionKey = park id, RowKey = inverted time + id, so a partition reads newest
// first (the park's landlords). InvestorLeads: PartitionKey = the investor's user id, the same RowKey,
// ParkId: each investor's own requests, newest first, without scanning every park; and one row per
// (park, category) the investor asked about, RowKey "~{park}~{category}" (after every time key), that
// makes a repeat within 24 hours the same request.
public sealed class LeadStore(StorageAccount account, TimeProvider time) : IOwnsStorage
{
    private readonly TableClient _leads = account.Table("Leads");
    private readonly TableClient _byInvestor = account.Table("InvestorLeads");

    public Task CreateStorageAsync(CancellationToken cancellationToken) => TableEntities.CreateAllAsync(cancellationToken, _leads, _byInvestor);

    // The id is chosen before the first attempt, so a retried insert does not add the lead twice. The
    // investor's entry goes first: one whose lead was never written is skipped when listed.
    public async Task<Lead> AddAsync(Lead lead, string userId, CancellationToken cancellationToken)
    {
        var rowKey = RowKey(lead.CreatedAt, lead.Id);
        await _byInvestor.AddOnceAsync(new TableEntity(userId, rowKey) { ["ParkId"] = lead.ParkId }, cancellationToken);
        var etag = await _leads.AddOnceAsync(new TableEntity(lead.ParkId, rowKey)
        {
            ["Id"] = lead.Id, ["Category"] = lead.Category, ["Name"] = lead.Name, ["Phone"] = lead.Phone, ["Message"] = lead.Message,
            ["SpaceType"] = lead.SpaceType, ["Area"] = lead.Area, ["CreatedAt"] = lead.CreatedAt, ["UserId"] = userId, ["ContentCheck"] = lead.ContentCheck,
            ["Status"] = LeadStatus.New,
        }, cancellationToken);
        return lead with { Etag = etag.ToString() };
    }

    // The investor who sent it (their user id), for the message at the first answer.
    public async Task<string?> SenderAsync(Lead lead, CancellationToken cancellationToken) =>
        (await _leads.FindAsync(lead.ParkId, RowKey(lead.CreatedAt, lead.Id), ["UserId"], cancellationToken))?.ReadString("UserId");

    // Records how a WeChat notice went (LandlordNotice / InvestorNotice) on the version just written,
    // so the caller's ETag stays current; null when someone changed the request meanwhile.
    public async Task<Lead?> RecordNoticeAsync(Lead lead, string property, string value, CancellationToken cancellationToken)
    {
        try
        {
            var etag = await _leads.UpdateOnceAsync(new TableEntity(lead.ParkId, RowKey(lead.CreatedAt, lead.Id)) { [property] = value }, new Azure.ETag(lead.Etag!),
                TableUpdateMode.Merge, cancellationToken);
            return (property == "LandlordNotice" ? lead with { LandlordNotice = value } : lead with { InvestorNotice = value }) with { Etag = etag.ToString() };
        }
        catch (Azure.RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return null;
        }
    }

    // Creation and first-answer times of the park's requests sent since `from`, for its responsiveness.
    public async Task<List<(DateTimeOffset Created, DateTimeOffset? FirstResponse)>> ResponseTimesAsync(string parkId, DateTimeOffset from, CancellationToken cancellationToken) =>
        await _leads.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {parkId} and RowKey le {RowKey(from, "~")}"),
            select: ["CreatedAt", "FirstResponseAt"], cancellationToken: cancellationToken)
            .Select(e => (e.ReadTime("CreatedAt") ?? default, e.ReadTime("FirstResponseAt"))).ToListAsync(cancellationToken);

    public static readonly TimeSpan RepeatWindow = TimeSpan.FromHours(24);

    // Claims (investor, park, category) for a new request: null when claimed, else the id of the
    // request made within the last 24 hours. Race-safe: two at once cannot both claim (ETags).
    public async Task<string?> ClaimAsync(string userId, string parkId, string category, string leadId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var key = "~" + parkId + "~" + category;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var claim = await _byInvestor.FindAsync(userId, key, cancellationToken: cancellationToken);
            if (claim is not null && claim.ReadTime("At") > now - RepeatWindow) return claim.ReadString("LeadId");
            var entity = new TableEntity(userId, key) { ["LeadId"] = leadId, ["At"] = now };
            try
            {
                if (claim is null) await _byInvestor.AddOnceAsync(entity, cancellationToken);
                else await _byInvestor.UpdateOnceAsync(entity, claim.ETag, TableUpdateMode.Replace, cancellationToken);
                return null;
            }
            catch (Azure.RequestFailedException ex) when (ex.Status is 409 or 412) { } // another request claimed it first: read again
        }
        return (await _byInvestor.FindAsync(userId, key, cancellationToken: cancellationToken))?.ReadString("LeadId");
    }

    // One page of an investor's own requests, newest first (each read from its park's partition).
    public async Task<(List<Lead> Items, string? Next)> PageOfInvestorAsync(string userId, int limit, string? continuationToken, CancellationToken cancellationToken)
    {
        await foreach (var page in _byInvestor.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {userId} and RowKey lt {"~"}"), limit,
            cancellationToken: cancellationToken).AsPages(continuationToken, limit))
        {
            var items = new List<Lead>(page.Values.Count);
            foreach (var entry in page.Values)
                if (entry.ReadString("ParkId") is { } parkId && await _leads.FindAsync(parkId, entry.RowKey, cancellationToken: cancellationToken) is { } e)
                    items.Add(ToLead(e));
            return (items, page.ContinuationToken);
        }
        return ([], null);
    }

    // A park's request by its id (a park holds few enough for a filtered read of its partition).
    public async Task<Lead?> FindAsync(string parkId, string leadId, CancellationToken cancellationToken) =>
        await _leads.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {parkId} and Id eq {leadId}"), cancellationToken: cancellationToken)
            .Select(ToLead).FirstOrDefaultAsync(cancellationToken);

    // Moves the request if it is still the version read; null when someone changed it meanwhile.
    // The first move out of new records when the park first answered.
    public async Task<Lead?> TryMoveAsync(Lead current, string status, string? note, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var entity = new TableEntity(current.ParkId, RowKey(current.CreatedAt, current.Id)) { ["Status"] = status, ["Note"] = note, ["UpdatedAt"] = now };
        if (current.Status == LeadStatus.New) entity["FirstResponseAt"] = now;
        try
        {
            var etag = await _leads.UpdateOnceAsync(entity, new Azure.ETag(current.Etag!), TableUpdateMode.Merge, cancellationToken);
            return current with { Status = status, Note = note ?? current.Note, FirstResponseAt = current.FirstResponseAt ?? now, Overdue = false, Etag = etag.ToString() };
        }
        catch (Azure.RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return null;
        }
    }

    // One page of a park's leads, newest first; the token continues where the last page ended.
    // The filter keeps every page inside this park's partition, whatever token is sent.
    public async Task<(List<Lead> Items, string? Next)> PageAsync(string parkId, int limit, string? continuationToken, bool overdueOnly, CancellationToken cancellationToken)
    {
        var filter = overdueOnly
            ? TableClient.CreateQueryFilter($"PartitionKey eq {parkId} and Status eq {LeadStatus.New} and CreatedAt le {time.GetUtcNow() - RepeatWindow}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {parkId}");
        return await _leads.PageAsync(filter, limit, continuationToken, ToLead, cancellationToken);
    }

    // Deletes every request sent before `cutoff`, with each investor's entry for it and their expired
    // repeat claims. Idempotent; one transaction per partition and 100 rows.
    public async Task<int> PurgeBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var oldest = RowKey(cutoff, ""); // RowKeys at or after this are requests sent at or before the cutoff
        var leads = await _leads.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey ge {oldest}"), select: ["PartitionKey", "RowKey"],
            cancellationToken: cancellationToken).ToListAsync(cancellationToken);
        var entries = await _byInvestor.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"(RowKey ge {oldest} and RowKey lt {"~"}) or (RowKey ge {"~"} and At lt {cutoff})"), select: ["PartitionKey", "RowKey"],
            cancellationToken: cancellationToken).ToListAsync(cancellationToken);
        await DeleteAsync(_byInvestor, entries, cancellationToken);
        await DeleteAsync(_leads, leads, cancellationToken);
        return leads.Count;
    }

    private static async Task DeleteAsync(TableClient table, List<TableEntity> rows, CancellationToken cancellationToken)
    {
        foreach (var partition in rows.GroupBy(r => r.PartitionKey))
            await table.SubmitInChunksAsync(partition.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, Azure.ETag.All)), cancellationToken);
    }

    private Lead ToLead(TableEntity e)
    {
        var status = e.ReadString("Status") ?? LeadStatus.New;
        var created = e.ReadTime("CreatedAt") ?? default;
        return new Lead(e.ReadString("Id") ?? e.RowKey, e.PartitionKey, e.ReadString("Category") ?? "other", e.ReadString("Name") ?? "",
            e.ReadString("Phone") ?? "", e.ReadString("Message"), e.ReadString("SpaceType"), e.ReadDouble("Area"), created,
            e.ReadString("ContentCheck") ?? "pass", status, e.ReadString("Note"), e.ReadTime("FirstResponseAt"),
            status == LeadStatus.New && created <= time.GetUtcNow() - RepeatWindow, e.ETag.ToString(), e.ReadString("LandlordNotice"), e.ReadString("InvestorNotice"));
    }

    private static string RowKey(DateTimeOffset when, string id) =>
        (DateTimeOffset.MaxValue.UtcTicks - when.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "-" + id;
}
