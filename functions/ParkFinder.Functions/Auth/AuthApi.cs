using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using ParkFinder.Functions.Hosting;
using ParkFinder.Functions.WeChat;
using Microsoft.Azure.Functions.Worker;

namespace ParkFinder.Functions.Auth;

public sealed record LoginRequest([property: Required, StringLength(128, MinimumLength = 1)] string? Code);

public sealed record UserView(string Id, IReadOnlyList<string> Roles, IReadOnlyList<string> ParkIds);

public sealed record LoginResponse(string Token, DateTimeOffset ExpiresAt, UserView User)
{
    public static LoginResponse Of(BearerTokens tokens, CurrentUser user)
    {
        var (token, expires) = tokens.Issue(user);
        return new LoginResponse(token, expires, new UserView(user.Id, user.Roles, user.ParkIds));
    }
}

public static partial class AuthApi
{

    [HttpEndpoint("LoginWithWeChat", "post", "auth/wechat"), RateLimit(RateLimits.Login)]
    [EndpointSummary("Sign in with a wx.login code")]
    [Tags("Auth")]
    [ProblemResponse(401, "wechat_code_invalid")]
    public static async Task<Results<Ok<LoginResponse>, ProblemHttpResult>> Login(LoginRequest request, WeChatClient wechat, UserStore users,
        BearerTokens tokens, HttpContext context, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Code) || request.Code.Length > 128)
            return Problems.Invalid("code", "must be the code from wx.login");
        WeChatSession session;
        try
        {
            session = await wechat.Code2SessionAsync(request.Code, cancellationToken);
        }
        catch (Exception ex) when (ex is WeChatException or WeChatUnavailableException)
        {
            return WeChatProblems.From(ex, context);
        }
        var user = await users.RecordLoginAsync(session.OpenId, session.SessionKey, session.UnionId, cancellationToken);
        return TypedResults.Ok(LoginResponse.Of(tokens, user));
    }
}
