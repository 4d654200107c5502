using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace ParkFinder.Functions.WeChat;

public sealed record WeChatSession(string OpenId, string SessionKey, string? UnionId);

public enum ContentVerdict { Pass, Review, Risky }

public sealed record ContentCheck(ContentVerdict Verdict, int Label);

// The few WeChat server APIs we use, through one HttpClient whose base address is configuration
// (tests point it at a loopback stand-in). Never logs or returns secrets or session keys.
public sealed class WeChatClient(HttpClient http, IOptions<WeChatOptions> options, TimeProvider time, ILogger<WeChatClient> logger)
{
    private readonly WeChatOptions _options = options.Value;
    private readonly SemaphoreSlim _tokenLock = new(1, 1);
    private (string Token, DateTimeOffset RefreshAt)? _token;

    // jscode2session: the login code from wx.login for the user's openid and session key.
    public async Task<WeChatSession> Code2SessionAsync(string code, CancellationToken cancellationToken)
    {
        var url = "sns/jscode2session?appid=" + Uri.EscapeDataString(_options.AppId) + "&secret=" + Uri.EscapeDataString(_options.AppSecret)
                  + "&js_code=" + Uri.EscapeDataString(code) + "&grant_type=authorization_code";
        var reply = await SendAsync<SessionReply>(() => new HttpRequestMessage(HttpMethod.Get, url), "jscode2session", cancellationToken);
        if (string.IsNullOrEmpty(reply.OpenId) || string.IsNullOrEmpty(reply.SessionKey))
            throw new WeChatUnavailableException("jscode2session answered without openid");
        return new WeChatSession(reply.OpenId, reply.SessionKey, reply.UnionId);
    }

    // One stable access token per instance, refreshed five minutes before it expires; concurrent
    // callers wait for the one refresh instead of each asking WeChat.
    public async Task<string> GetAccessTokenAsync(bool forceRefresh, CancellationToken cancellationToken)
    {
        if (!forceRefresh && _token is { } cached && time.GetUtcNow() < cached.RefreshAt) return cached.Token;
        await _tokenLock.WaitAsync(cancellationToken);
        try
        {
            if (!forceRefresh && _token is { } fresh && time.GetUtcNow() < fresh.RefreshAt) return fresh.Token;
            var body = new { grant_type = "client_credential", appid = _options.AppId, secret = _options.AppSecret, force_refresh = forceRefresh };
            var reply = await SendAsync<TokenReply>(() => new HttpRequestMessage(HttpMethod.Post, "cgi-bin/stable_token") { Content = JsonContent.Create(body) },
                "stable_token", cancellationToken);
            if (string.IsNullOrEmpty(reply.AccessToken)) throw new WeChatUnavailableException("stable_token answered without a token");
            var lifetime = TimeSpan.FromSeconds(Math.Max(60, reply.ExpiresIn));
            _token = (reply.AccessToken, time.GetUtcNow() + lifetime - TimeSpan.FromMinutes(Math.Min(5, lifetime.TotalMinutes / 2)));
            return reply.AccessToken;
        }
        finally
        {
            _tokenLock.Release();
        }
    }

    // msg_sec_check v2: the decision is result.suggest (pass / review / risky), not errcode.
    public async Task<ContentCheck> CheckTextAsync(string openId, string content, int scene, CancellationToken cancellationToken)
    {
        try
        {
            return await CheckTextV2Async(openId, content, scene, cancellationToken);
        }
        catch (WeChatException ex) when (ex.ErrorCode == WeChatException.RiskyContent)
        {
            // The v1 answer for risky content (87014), should WeChat give it.
            return new ContentCheck(ContentVerdict.Risky, 0);
        }
    }

    private async Task<ContentCheck> CheckTextV2Async(string openId, string content, int scene, CancellationToken cancellationToken)
    {
        var reply = await WithTokenAsync(token =>
        {
            var body = new { content, version = 2, scene, openid = openId };
            return SendAsync<SecCheckReply>(() => new HttpRequestMessage(HttpMethod.Post, "wxa/msg_sec_check?access_token=" + Uri.EscapeDataString(token))
            { Content = JsonContent.Create(body) }, "msg_sec_check", cancellationToken);
        }, cancellationToken);
        var verdict = reply.Result?.Suggest switch
        {
            "pass" => ContentVerdict.Pass,
            "review" => ContentVerdict.Review,
            "risky" => ContentVerdict.Risky,
            _ => throw new WeChatUnavailableException("msg_sec_check answered without a verdict"),
        };
        return new ContentCheck(verdict, reply.Result!.Label);
    }

    // Returns false when the user has not accepted this template (43101): not an error for us.
    public async Task<bool> SendSubscribeMessageAsync(string openId, string templateId, string page, IReadOnlyDictionary<string, string> data,
        CancellationToken cancellationToken)
    {
        try
        {
            await WithTokenAsync(token =>
            {
                var body = new
                {
                    touser = openId, template_id = templateId, page, miniprogram_state = "formal", lang = "zh_CN",
                    data = data.ToDictionary(kv => kv.Key, kv => new { value = kv.Value }),
                };
                return SendAsync<WeChatReply>(() => new HttpRequestMessage(HttpMethod.Post, "cgi-bin/message/subscribe/send?access_token=" + Uri.EscapeDataString(token))
                { Content = JsonContent.Create(body) }, "subscribe_send", cancellationToken);
            }, cancellationToken);
            return true;
        }
        catch (WeChatException ex) when (ex.ErrorCode == WeChatException.SubscriptionRefused)
        {
            return false;
        }
    }

    // An access token WeChat calls invalid (40001) is refreshed once and the call repeated.
    private async Task<T> WithTokenAsync<T>(Func<string, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call(await GetAccessTokenAsync(false, cancellationToken));
        }
        catch (WeChatException ex) when (ex.ErrorCode == WeChatException.InvalidCredential)
        {
            return await call(await GetAccessTokenAsync(true, cancellationToken));
        }
    }

    private async Task<T> SendAsync<T>(Func<HttpRequestMessage> request, string api, CancellationToken cancellationToken) where T : WeChatReply
    {
        for (var attempt = 0; ; attempt++)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(_options.TimeoutSeconds));
            string reason;
            Exception? inner = null;
            try
            {
                using var message = request();
                using var response = await http.SendAsync(message, timeout.Token);
                if (!response.IsSuccessStatusCode)
                {
                    reason = $"{api} answered HTTP {(int)response.StatusCode}";
                }
                else
                {
                    // WeChat sometimes labels JSON as text/plain, so read the body whatever its type.
                    var reply = JsonSerializer.Deserialize<T>(await response.Content.ReadAsStringAsync(timeout.Token))
                                ?? throw new WeChatUnavailableException($"{api} answered an empty body");
                    if (reply.ErrorCode == 0) return reply;
                    if (reply.ErrorCode != WeChatException.SystemBusy) throw new WeChatException(reply.ErrorCode, reply.ErrorMessage);
                    reason = $"{api} is busy (-1)";
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or JsonException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                reason = $"{api}: {ex.GetType().Name}";
                inner = ex;
            }
            if (attempt >= _options.MaxRetries) throw new WeChatUnavailableException(reason, inner);
            logger.LogWarning("WeChat {Api} attempt {Attempt} failed ({Reason}); retrying", api, attempt + 1, reason);
            await Task.Delay(TimeSpan.FromMilliseconds(200 * (attempt + 1)), cancellationToken);
        }
    }

    private class WeChatReply
    {
        [JsonPropertyName("errcode")] public int ErrorCode { get; set; }
        [JsonPropertyName("errmsg")] public string? ErrorMessage { get; set; }
    }

    private sealed class SessionReply : WeChatReply
    {
        [JsonPropertyName("openid")] public string? OpenId { get; set; }
        [JsonPropertyName("session_key")] public string? SessionKey { get; set; }
        [JsonPropertyName("unionid")] public string? UnionId { get; set; }
    }

    private sealed class TokenReply : WeChatReply
    {
        [JsonPropertyName("access_token")] public string? AccessToken { get; set; }
        [JsonPropertyName("expires_in")] public int ExpiresIn { get; set; }
    }

    private sealed class SecCheckReply : WeChatReply
    {
        [JsonPropertyName("result")] public SecCheckResult? Result { get; set; }
    }

    private sealed class SecCheckResult
    {
        [JsonPropertyName("suggest")] public string? Suggest { get; set; }
        [JsonPropertyName("label")] public int Label { get; set; }
    }
}
