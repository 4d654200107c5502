using Microsoft.AspNetCore.Http.HttpResults;
using ParkFinder.Functions.Hosting;

namespace ParkFinder.Functions.WeChat;

// WeChat failures as our problems (API.md): a bad login code is the caller's 401; anything else
// WeChat says no to, or WeChat being down, is our 503 to retry later.
public static class WeChatProblems
{
    public static ProblemHttpResult From(Exception ex, HttpContext context)
    {
        if (ex is WeChatException { ErrorCode: WeChatException.InvalidCode or WeChatException.CodeUsed })
            return Problems.Create(401, "wechat_code_invalid", "The WeChat login code is invalid or already used.", "Call wx.login again and send the new code.");
        context.Response.Headers.RetryAfter = "5";
        var detail = ex is WeChatException w ? $"WeChat answered errcode {w.ErrorCode}." : "WeChat did not answer in time.";
        return Problems.Create(503, "wechat_unavailable", "WeChat is unavailable; try again shortly.", detail);
    }
}
