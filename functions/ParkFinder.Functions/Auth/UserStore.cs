using System.Security.Cryptography;
using System.Text;
using Azure;
using Microsoft.Extensions.Options;
using ParkFinder.Functions.Hosting;
using Azure.Data.Tables;

namespace ParkFinder.Functions.Auth;

// Users table: PartitionKey = our user id, RowKey "profile" (openid, WeChat session key: server
// side only) or "park:{parkId}" (a landlord binding).
public sealed class UserStore(StorageAccount account, IOptions<AuthOptions> options, TimeProvider time) : IOwnsStorage
{
    private readonly TableClient _users = account.Table("Users");

    public Task CreateStorageAsync(CancellationToken cancellationToken) => _users.CreateIfNotExistsAsync(cancellationToken);

    private const string Profile = "profile";
    private const string ParkPrefix = "park:";

    // A stable id that does not reveal the openid.
    public static string UserIdFor(string openId) =>
        "u" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("parkfinder-user:" + openId)))[..24].ToLowerInvariant();

    public async Task<CurrentUser> RecordLoginAsync(string openId, string sessionKey, string? unionId, CancellationToken cancellationToken)
    {
        var id = UserIdFor(openId);
        var now = time.GetUtcNow();
        var profile = new TableEntity(id, Profile) { ["OpenId"] = openId, ["SessionKey"] = sessionKey, ["UnionId"] = unionId, ["LastLoginAt"] = now };
        try
        {
            profile["CreatedAt"] = now;
            await _users.AddOnceAsync(profile, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // A returning user: keep CreatedAt (a merge leaves what it does not name).
            profile.Remove("CreatedAt");
            profile.Remove(TableEntities.WriteIdProperty);
            await _users.UpsertAsync(profile, TableUpdateMode.Merge, cancellationToken);
        }
        return await ToCurrentUserAsync(id, openId, cancellationToken);
    }

    public async Task<string?> GetOpenIdAsync(string userId, CancellationToken cancellationToken) =>
        (await _users.FindAsync(userId, Profile, ["OpenId"], cancellationToken))?.ReadString("OpenId");

    // The binding in the user's partition, and its mirror in the park's ("~landlords~{park}", RowKey =
    // user id), so a park's landlords are one partition read rather than a scan of every user.
    public async Task AddParkBindingAsync(string userId, string parkId, string inviteCode, CancellationToken cancellationToken)
    {
        await _users.UpsertAsync(new TableEntity(LandlordsPartition(parkId), userId) { ["BoundAt"] = time.GetUtcNow() }, TableUpdateMode.Replace, cancellationToken);
        await _users.UpsertAsync(new TableEntity(userId, ParkPrefix + parkId)
        {
            ["ParkId"] = parkId, ["InviteCode"] = inviteCode, ["BoundAt"] = time.GetUtcNow(),
        }, TableUpdateMode.Replace, cancellationToken);
    }

    private static string LandlordsPartition(string parkId) => "~landlords~" + parkId;

    // The openids of the park's landlords (for WeChat messages; never returned by the API).
    public async Task<List<string>> LandlordOpenIdsAsync(string parkId, CancellationToken cancellationToken)
    {
        var ids = await _users.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {LandlordsPartition(parkId)}"), select: ["RowKey"],
            cancellationToken: cancellationToken).Select(e => e.RowKey).ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            // Bindings made before the park's lookup rows existed: found once by a scan, then mirrored.
            var bound = await _users.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {ParkPrefix + parkId}"), select: ["PartitionKey", "BoundAt"],
                cancellationToken: cancellationToken).ToListAsync(cancellationToken);
            foreach (var b in bound)
                await _users.UpsertAsync(new TableEntity(LandlordsPartition(parkId), b.PartitionKey) { ["BoundAt"] = b.ReadTime("BoundAt") }, TableUpdateMode.Replace, cancellationToken);
            ids = bound.Select(b => b.PartitionKey).ToList();
        }
        var openIds = new List<string>();
        foreach (var id in ids)
            if (await GetOpenIdAsync(id, cancellationToken) is { } openId) openIds.Add(openId);
        return openIds;
    }

    // Roles and parks as of now: everyone is an investor, bound users landlords, configured openids admins.
    public async Task<CurrentUser> ToCurrentUserAsync(string userId, string openId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {userId} and RowKey ge {ParkPrefix} and RowKey lt {"park;"}");
        var parks = await _users.QueryAsync<TableEntity>(filter, select: ["ParkId"], cancellationToken: cancellationToken)
            .Select(e => e.ReadString("ParkId")!).ToListAsync(cancellationToken);
        var roles = new List<string> { "investor" };
        if (parks.Count > 0) roles.Add("landlord");
        if (options.Value.AdminOpenIds.Contains(openId)) roles.Add("admin");
        return new CurrentUser(userId, roles, parks);
    }
}
