using System.Security.Claims;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ParkFinder.Functions.Hosting;

public sealed record CurrentUser(string Id, IReadOnlyList<string> Roles, IReadOnlyList<string> ParkIds)
{
    public bool IsAdmin => Roles.Contains("admin");
    public bool IsLandlord => Roles.Contains("landlord");

    public static CurrentUser? From(HttpContext context) => context.Items[typeof(CurrentUser)] as CurrentUser;

    // A handler of a signed-in route takes the caller as a parameter (`CurrentUser user`), bound by
    // minimal APIs through this: the guard has authenticated the request before the handler runs.
    public static ValueTask<CurrentUser?> BindAsync(HttpContext context) => ValueTask.FromResult(From(context));
}

// Our own session tokens: HMAC-SHA256 JWTs with the user id, roles and bound parks. WeChat's
// session_key never goes into them.
public sealed class BearerTokens(IOptions<AuthOptions> options, TimeProvider time)
{
    public const string Issuer = "parkfinder";
    public const string Audience = "parkfinder-miniprogram";
    public const string InvalidTokenItem = "parkfinder.invalid_token";
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly SymmetricSecurityKey _key = new(Encoding.UTF8.GetBytes(options.Value.SigningKey));

    public (string Token, DateTimeOffset ExpiresAt) Issue(CurrentUser user)
    {
        var now = time.GetUtcNow();
        var expires = now.AddMinutes(options.Value.TokenLifetimeMinutes);
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            Claims = new Dictionary<string, object> { ["sub"] = user.Id, ["roles"] = user.Roles.ToArray(), ["parks"] = user.ParkIds.ToArray() },
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.HmacSha256),
        });
        return (token, expires);
    }

    public async Task<CurrentUser?> ValidateAsync(string token)
    {
        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Audience,
            IssuerSigningKey = _key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ClockSkew = TimeSpan.FromSeconds(30),
            LifetimeValidator = (notBefore, expires, _, _) =>
                expires is { } e && time.GetUtcNow().UtcDateTime < e.AddSeconds(30) && (notBefore is null || notBefore <= time.GetUtcNow().UtcDateTime.AddSeconds(30)),
        });
        if (!result.IsValid) return null;
        var claims = result.ClaimsIdentity;
        var id = claims.FindFirst("sub")?.Value ?? claims.FindFirst(ClaimTypes.NameIdentifier)?.Value;
        if (string.IsNullOrEmpty(id)) return null;
        return new CurrentUser(id, claims.FindAll("roles").Select(c => c.Value).ToArray(), claims.FindAll("parks").Select(c => c.Value).ToArray());
    }

    // Reads "Authorization: Bearer ..." once per request; a bad token leaves the request anonymous
    // and marked, so protected routes answer invalid_token and public ones still work.
    public async Task AuthenticateAsync(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var user = await ValidateAsync(header["Bearer ".Length..].Trim());
            if (user is null) context.Items[InvalidTokenItem] = true;
            else context.Items[typeof(CurrentUser)] = user;
        }
        else if (header.Length > 0)
        {
            context.Items[InvalidTokenItem] = true;
        }
    }
}
