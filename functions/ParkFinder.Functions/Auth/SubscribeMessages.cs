using ParkFinder.Functions.WeChat;
using System.Globalization;

namespace ParkFinder.Functions.Auth;

// Subscribe messages as our jobs and notices send them: one recipient or every landlord of a park,
// with the outcome as a word the caller records (sent, not_subscribed, failed, no_landlords).
public sealed class SubscribeMessages(WeChatClient wechat, UserStore users, ILogger<SubscribeMessages> logger)
{
    private static readonly TimeSpan ChinaTime = TimeSpan.FromHours(8);

    // A template's "thing" field holds at most 20 characters.
    public static string Thing(string value) => value.Length <= 20 ? value : value[..19] + "…";

    // A template's "time" field, in China time.
    public static string Time(DateTimeOffset t) => t.ToOffset(ChinaTime).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    // not_subscribed: the user has not accepted the template (43101), which is not an error.
    public async Task<string> SendAsync(string openId, string template, string page, IReadOnlyDictionary<string, string> data, CancellationToken cancellationToken)
    {
        try
        {
            return await wechat.SendSubscribeMessageAsync(openId, template, page, data, cancellationToken) ? "sent" : "not_subscribed";
        }
        catch (Exception ex) when (ex is WeChatException or WeChatUnavailableException)
        {
            logger.LogWarning("Subscribe message {Template} not sent: {Reason}", template, ex.Message);
            return "failed";
        }
    }

    // sent when at least one landlord got it; failed when none did and WeChat failed for one; else not_subscribed.
    public async Task<string> SendToLandlordsAsync(string parkId, string template, string page, IReadOnlyDictionary<string, string> data,
        CancellationToken cancellationToken)
    {
        var recipients = await users.LandlordOpenIdsAsync(parkId, cancellationToken);
        if (recipients.Count == 0) return "no_landlords";
        var outcomes = new List<string>();
        foreach (var openId in recipients) outcomes.Add(await SendAsync(openId, template, page, data, cancellationToken));
        return outcomes.Contains("sent") ? "sent" : outcomes.Contains("failed") ? "failed" : "not_subscribed";
    }
}
