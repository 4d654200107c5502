using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ParkFinder.Tests.Infrastructure;

// A loopback HTTP server that answers as WeChat's server APIs document: it checks appid, secret
// and access tokens, and gives WeChat's errcode bodies for bad codes, busy, rate limits, expired
// tokens, risky content and refused subscriptions. The app reaches it through WeChat:BaseAddress.
public sealed class WeChatStandIn : IAsyncDisposable
{
    public const string AppId = "wx-test-app";
    public const string AppSecret = "test-app-secret-0123456789";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, string> _codes = new();
    private readonly ConcurrentDictionary<string, bool> _usedCodes = new();
    private volatile string _token = NewSecret();
    private int _busy;

    public ConcurrentBag<string> IssuedSessionKeys { get; } = [];
    public ConcurrentDictionary<string, bool> Subscribed { get; } = new();
    // Subscribe messages accepted, as sent (touser, template_id, page, data).
    public ConcurrentQueue<JsonNode> SentMessages { get; } = new();
    public string[] RiskyWords { get; set; } = ["赌博", "办证"];
    public string[] ReviewWords { get; set; } = ["加微信"];
    // Answered the v1 way, errcode 87014, as WeChat has done for risky content.
    public string[] V1RiskyWords { get; set; } = ["违禁品"];
    public int TokenRequests;
    public int SecCheckRequests;
    public string BaseAddress { get; private set; } = "";

    private WeChatStandIn(WebApplication app) => _app = app;

    public static async Task<WeChatStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var standIn = new WeChatStandIn(app);
        app.MapGet("/sns/jscode2session", standIn.Code2Session);
        app.MapPost("/cgi-bin/stable_token", standIn.StableToken);
        app.MapPost("/wxa/msg_sec_check", standIn.MsgSecCheck);
        app.MapPost("/cgi-bin/message/subscribe/send", standIn.SubscribeSend);
        await app.StartAsync();
        standIn.BaseAddress = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return standIn;
    }

    // A code wx.login would give the user with this openid; each code works once.
    public string CodeFor(string openId)
    {
        var code = "code-" + NewSecret()[..12];
        _codes[code] = openId;
        return code;
    }

    // The next `count` calls of any API answer errcode -1 (system busy).
    public void BusyFor(int count) => Interlocked.Exchange(ref _busy, count);

    // WeChat invalidates the current access token (as after a force refresh elsewhere).
    public void ExpireAccessToken() => _token = NewSecret();

    private static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', 'x').Replace('/', 'y');

    private bool Busy() => Interlocked.Decrement(ref _busy) >= 0;

    private IResult Code2Session(HttpRequest request)
    {
        var q = request.Query;
        if (q["appid"] != AppId) return Error(40013, "invalid appid");
        if (q["secret"] != AppSecret) return Error(40125, "invalid appsecret");
        if (q["grant_type"] != "authorization_code") return Error(40002, "invalid grant_type");
        if (Busy()) return Error(-1, "system error");
        var code = q["js_code"].ToString();
        if (code == "rate-limited") return Error(45011, "api minute-quota reach limit");
        if (_usedCodes.ContainsKey(code)) return Error(40163, "code been used");
        if (!_codes.TryRemove(code, out var openId)) return Error(40029, "invalid code");
        _usedCodes[code] = true;
        var sessionKey = NewSecret();
        IssuedSessionKeys.Add(sessionKey);
        return Json(new JsonObject { ["openid"] = openId, ["session_key"] = sessionKey });
    }

    private async Task<IResult> StableToken(HttpRequest request)
    {
        Interlocked.Increment(ref TokenRequests);
        var body = await JsonNode.ParseAsync(request.Body);
        if (body?["grant_type"]?.GetValue<string>() != "client_credential") return Error(40002, "invalid grant_type");
        if (body["appid"]?.GetValue<string>() != AppId) return Error(40013, "invalid appid");
        if (body["secret"]?.GetValue<string>() != AppSecret) return Error(40125, "invalid appsecret");
        if (Busy()) return Error(-1, "system error");
        if (body["force_refresh"]?.GetValue<bool>() == true) _token = NewSecret();
        return Json(new JsonObject { ["access_token"] = _token, ["expires_in"] = 7200 });
    }

    private async Task<IResult> MsgSecCheck(HttpRequest request)
    {
        Interlocked.Increment(ref SecCheckRequests);
        if (request.Query["access_token"] != _token) return Error(40001, "invalid credential, access_token is invalid or not latest");
        if (Busy()) return Error(-1, "system error");
        var body = await JsonNode.ParseAsync(request.Body);
        if (body?["version"]?.GetValue<int>() != 2 || string.IsNullOrEmpty(body["openid"]?.GetValue<string>())
            || body["scene"]?.GetValue<int>() is not (1 or 2 or 3 or 4) || body["content"]?.GetValue<string>() is not { Length: <= 2500 } content)
            return Error(40003, "invalid args");
        if (V1RiskyWords.Any(content.Contains)) return Error(87014, "risky content");
        var (suggest, label) = RiskyWords.Any(content.Contains) ? ("risky", 20001) : ReviewWords.Any(content.Contains) ? ("review", 10001) : ("pass", 100);
        return Json(new JsonObject
        {
            ["errcode"] = 0, ["errmsg"] = "ok", ["trace_id"] = NewSecret(),
            ["result"] = new JsonObject { ["suggest"] = suggest, ["label"] = label },
        });
    }

    private async Task<IResult> SubscribeSend(HttpRequest request)
    {
        if (request.Query["access_token"] != _token) return Error(40001, "invalid credential, access_token is invalid or not latest");
        var body = await JsonNode.ParseAsync(request.Body);
        var to = body?["touser"]?.GetValue<string>() ?? "";
        if (string.IsNullOrEmpty(body?["template_id"]?.GetValue<string>())) return Error(40037, "invalid template_id");
        if (!Subscribed.ContainsKey(to)) return Error(43101, "user refuse to accept the msg");
        SentMessages.Enqueue(body!);
        return Json(new JsonObject { ["errcode"] = 0, ["errmsg"] = "ok" });
    }

    // WeChat answers errors with HTTP 200 and an errcode body.
    private static IResult Error(int code, string message) => Json(new JsonObject { ["errcode"] = code, ["errmsg"] = message });

    private static IResult Json(JsonObject body) => Results.Text(body.ToJsonString(), "application/json", statusCode: (int)HttpStatusCode.OK);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
