using Azure;
using Azure.Data.Tables;
using ParkFinder.Functions.Hosting;

namespace ParkFinder.Functions.Landlords;

public sealed record Invite(string Code, string ParkId, DateTimeOffset ExpiresAt, string? UsedBy, ETag ETag);

// The Invites table: PartitionKey = SHA-256 of the invite code (a key is part of every request's
// URL, which storage logs and telemetry record; the code itself would redeem the invite), RowKey "invite".
public sealed class InviteStore(StorageAccount account, TimeProvider time) : IOwnsStorage
{
    private static string KeyOf(string code) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(code)));

    private const string Row = "invite";
    private readonly TableClient _invites = account.Table("Invites");

    public Task CreateStorageAsync(CancellationToken cancellationToken) => _invites.CreateIfNotExistsAsync(cancellationToken);

    // The code is chosen before the first attempt, so a retried insert is recognised as this one.
    public async Task CreateAsync(string code, string parkId, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        await _invites.AddOnceAsync(new TableEntity(KeyOf(code), Row) { ["ParkId"] = parkId, ["ExpiresAt"] = expiresAt, ["CreatedAt"] = time.GetUtcNow() },
            cancellationToken);

    public async Task<Invite?> GetAsync(string code, CancellationToken cancellationToken) =>
        await _invites.FindAsync(KeyOf(code), Row, cancellationToken: cancellationToken) is { } e
            ? new Invite(code, e.ReadString("ParkId") ?? "", e.ReadTime("ExpiresAt") ?? default, e.ReadString("UsedBy"), e.ETag)
            : null;

    // The ETag makes the code single-use even when two landlords redeem it at once: false for the loser.
    public async Task<bool> TryRedeemAsync(Invite invite, string userId, CancellationToken cancellationToken)
    {
        try
        {
            await _invites.UpdateOnceAsync(new TableEntity(KeyOf(invite.Code), Row) { ["UsedBy"] = userId, ["UsedAt"] = time.GetUtcNow() }, invite.ETag,
                TableUpdateMode.Merge, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return false;
        }
    }
}
