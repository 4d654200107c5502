using ParkFinder.Functions.Auth;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using ParkFinder.Functions.Hosting;
using ParkFinder.Functions.Search;
using Microsoft.Azure.Functions.Worker;

namespace ParkFinder.Functions.Landlords;

public sealed record InviteRequest(string? ParkId);

public sealed record InviteResponse(string InviteCode, string ParkId, DateTimeOffset ExpiresAt);

public sealed record BindRequest(string? InviteCode);

// Operators invite a landlord to a park with a single-use, expiring code; the landlord, signed in
// with WeChat, redeems it and gets a token that carries the park.
public static partial class LandlordsApi
{
    public static readonly TimeSpan InviteLifetime = TimeSpan.FromDays(7);
    private const string Alphabet = "ABCDEFGHJKMNPQRSTVWXYZ23456789"; // no 0/O, 1/I/L, U

    [HttpEndpoint("CreateInvite", "post", "admin/invites", Level = AuthorizationLevel.Function), RequireAdmin]
    [EndpointSummary("Invite a landlord to a park (single-use code)")]
    [Tags("Admin")]
    public static async Task<Results<Created<InviteResponse>, ProblemHttpResult>> CreateInvite(InviteRequest request, ParkIndexHolder holder,
        InviteStore invites, TimeProvider time, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.ParkId)) return Problems.Invalid("parkId", "is required");
        if (!holder.Current.Contains(request.ParkId)) return Problems.ParkNotFound(request.ParkId);
        var code = string.Concat(Enumerable.Range(0, 10).Select(_ => Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)]));
        var expires = time.GetUtcNow() + InviteLifetime;
        await invites.CreateAsync(code, request.ParkId, expires, cancellationToken);
        return TypedResults.Created($"/api/admin/invites/{code}", new InviteResponse(code, request.ParkId, expires));
    }

    // What redeeming an invite works with, bound as one parameter ([AsParameters]).
    public sealed record BindServices(InviteStore Invites, UserStore Users, BearerTokens Tokens, TimeProvider Time);

    [HttpEndpoint("BindLandlord", "post", "landlord/bind"), RequireSignedIn]
    [EndpointSummary("Redeem an operator's invite: become a landlord of its park")]
    [Tags("Landlords")]
    [ProblemResponse(404, "invite_not_found")]
    [ProblemResponse(409, "invite_used")]
    [ProblemResponse(410, "invite_expired")]
    public static async Task<Results<Ok<LoginResponse>, ProblemHttpResult>> Bind(BindRequest request, CurrentUser user, [AsParameters] BindServices services, CancellationToken cancellationToken)
    {
        var (invites, users, tokens, time) = services;
        var code = request.InviteCode?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(code) || code.Length > 32) return Problems.Invalid("inviteCode", "is required");
        var invite = code.All(Alphabet.Contains) ? await invites.GetAsync(code, cancellationToken) : null;
        if (invite is null) return Problems.NotFound("invite_not_found", "No such invite code.");
        if (invite.UsedBy is not null && invite.UsedBy != user.Id) return InviteUsed();
        if (invite.UsedBy is null && invite.ExpiresAt <= time.GetUtcNow())
            return Problems.Create(410, "invite_expired", "This invite code has expired.", "Ask the operator for a new one.");

        var parkId = invite.ParkId;
        if (invite.UsedBy is null && !await invites.TryRedeemAsync(invite, user.Id, cancellationToken)) return InviteUsed();
        await users.AddParkBindingAsync(user.Id, parkId, code, cancellationToken);
        var openId = await users.GetOpenIdAsync(user.Id, cancellationToken) ?? "";
        return TypedResults.Ok(LoginResponse.Of(tokens, await users.ToCurrentUserAsync(user.Id, openId, cancellationToken)));
    }

    private static ProblemHttpResult InviteUsed() => Problems.Create(409, "invite_used", "This invite code was already used.");
}
