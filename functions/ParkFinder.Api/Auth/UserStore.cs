using System.Security.Cryptography;
using System.Text;
using Azure;
using Microsoft.Extensions.Options;
using ParkFinder.Api.Hosting;
using ParkFinder.Storage.Tables;

namespace ParkFinder.Api.Auth;

// Users table: PartitionKey = our user id, RowKey "profile" (openid, WeChat session key: server
// side only) or "park:{parkId}" (a landlord binding).
public sealed class UserStore(AppStorage storage, IOptions<AuthOptions> options, TimeProvider time)
{
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
            await storage.Users.AddEntityAsync(profile, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            profile["CreatedAt"] = null;
            await storage.Users.UpsertEntityAsync(profile, TableUpdateMode.Merge, cancellationToken);
        }
        return await ToCurrentUserAsync(id, openId, cancellationToken);
    }

    public async Task<string?> GetOpenIdAsync(string userId, CancellationToken cancellationToken) =>
        (await storage.Users.GetEntityIfExistsAsync(userId, Profile, ["OpenId"], cancellationToken))?.GetString("OpenId");

    public async Task AddParkBindingAsync(string userId, string parkId, string inviteCode, CancellationToken cancellationToken) =>
        await storage.Users.UpsertEntityAsync(new TableEntity(userId, ParkPrefix + parkId)
        {
            ["ParkId"] = parkId, ["InviteCode"] = inviteCode, ["BoundAt"] = time.GetUtcNow(),
        }, TableUpdateMode.Replace, cancellationToken);

    // Roles and parks as of now: everyone is an investor, bound users landlords, configured openids admins.
    public async Task<CurrentUser> ToCurrentUserAsync(string userId, string openId, CancellationToken cancellationToken)
    {
        var filter = TableQueryFilter.Create($"PartitionKey eq {userId} and RowKey ge {ParkPrefix} and RowKey lt {"park;"}");
        var parks = await storage.Users.QueryAsync(filter, select: ["ParkId"], cancellationToken: cancellationToken)
            .Select(e => e.GetString("ParkId")!).ToListAsync(cancellationToken);
        var roles = new List<string> { "investor" };
        if (parks.Count > 0) roles.Add("landlord");
        if (options.Value.AdminOpenIds.Contains(openId)) roles.Add("admin");
        return new CurrentUser(userId, roles, parks);
    }
}
