using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace ParkFinder.LocalHost;

// WeChat's servers as the demo needs them, on the local host itself, so every role can sign in
// without a real mini-program: the login codes demo-investor, demo-landlord and demo-admin become
// those openids; content security passes; subscribe messages are logged, not sent. It answers the
// way WeChat documents (errcode bodies with HTTP 200). Only in the Development environment, and
// only with DevWeChat:Enabled=true (scripts/run.sh): a production configuration cannot turn it on.
public static class DevWeChat
{
    public const string Prefix = "/dev-wechat";
    public static readonly string[] DemoCodes = ["demo-investor", "demo-landlord", "demo-admin"];

    public static bool IsEnabled(WebApplicationBuilder builder) =>
        builder.Environment.IsDevelopment() && builder.Configuration.GetValue("DevWeChat:Enabled", false);

    // The WeChat client then talks to this host's own stand-in.
    public static void PointWeChatHere(WebApplicationBuilder builder)
    {
        var url = (builder.Configuration["urls"] ?? LocalHostDefaults.Url).Split(';')[0].TrimEnd('/');
        builder.Configuration["WeChat:BaseAddress"] = url + Prefix + "/";
    }

    public static void Map(WebApplication app)
    {
        var wechat = app.MapGroup(Prefix).ExcludeFromDescription();
        wechat.MapGet("/sns/jscode2session", (string? js_code) => DemoCodes.Contains(js_code)
            ? Json(new JsonObject { ["openid"] = js_code, ["session_key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)) })
            : Json(new JsonObject { ["errcode"] = 40029, ["errmsg"] = "invalid code (the demo accepts demo-investor, demo-landlord, demo-admin)" }));
        wechat.MapPost("/cgi-bin/stable_token", () => Json(new JsonObject { ["access_token"] = "dev-access-token", ["expires_in"] = 7200 }));
        wechat.MapPost("/wxa/msg_sec_check", () =>
            Json(new JsonObject { ["errcode"] = 0, ["errmsg"] = "ok", ["result"] = new JsonObject { ["suggest"] = "pass", ["label"] = 100 } }));
        // Logged under this app's own category: Microsoft.AspNetCore.* (WebApplication's) is filtered to warnings.
        wechat.MapPost("/cgi-bin/message/subscribe/send", async (HttpRequest request, ILoggerFactory loggers) =>
        {
            var logger = loggers.CreateLogger("ParkFinder.LocalHost.DevWeChat");
            var message = await JsonNode.ParseAsync(request.Body);
            logger.LogInformation("Dev WeChat: subscribe message to {OpenId}, template {Template}, page {Page}",
                message?["touser"]?.ToString(), message?["template_id"]?.ToString(), message?["page"]?.ToString());
            return Json(new JsonObject { ["errcode"] = 0, ["errmsg"] = "ok" });
        });
    }

    private static IResult Json(JsonObject body) => Results.Text(body.ToJsonString(), "application/json");
}

public static class LocalHostDefaults
{
    public const string Url = "http://127.0.0.1:7071";
}
