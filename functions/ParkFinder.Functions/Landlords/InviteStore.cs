using Azure;
using Azure.Data.Tables;
using ParkFinder.Functions.Hosting;

namespace ParkFinder.Functions.Landlords;

public sealed record Invite(string Code, string ParkId, DateTimeOffset ExpiresAt, string? UsedBy, ETag ETag);

// The Invites table: PartitionKey = invite code, RowKey "invite".
public sealed class InviteStore(StorageAccount account, TimeProvider time) : IOwnsStorage
{
    private const string Row = "invite";
    private readonly TableClient _invites = account.Table("Invites");

    public Task CreateStorageAsync(CancellationToken cancellationToken) => _invites.CreateIfNotExistsAsync(cancellationToken);

    // The code is chosen before the first attempt, so a retried insert is recognised as this one.
    public async Task CreateAsync(string code, string parkId, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        await _invites.AddOnceAsync(new TableEntity(code, Row) { ["ParkId"] = parkId, ["ExpiresAt"] = expiresAt, ["CreatedAt"] = time.GetUtcNow() },
            cancellationToken);

    public async Task<Invite?> GetAsync(string code, CancellationToken cancellationToken) =>
        await _invites.FindAsync(code, Row, cancellationToken: cancellationToken) is { } e
            ? new Invite(code, e.ReadString("ParkId") ?? "", e.ReadTime("ExpiresAt") ?? default, e.ReadString("UsedBy"), e.ETag)
            : null;

    // The ETag makes the code single-use even when two landlords redeem it at once: false for the loser.
    public async Task<bool> TryRedeemAsync(Invite invite, string userId, CancellationToken cancellationToken)
    {
        try
        {
            await _invites.UpdateAsync(new TableEntity(invite.Code, Row) { ["UsedBy"] = userId, ["UsedAt"] = time.GetUtcNow() }, invite.ETag,
                TableUpdateMode.Merge, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            // A retry of our own redeem finds the ETag moved by its first attempt.
            return (await GetAsync(invite.Code, cancellationToken))?.UsedBy == userId;
        }
    }
}
