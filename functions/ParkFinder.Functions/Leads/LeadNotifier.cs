using ParkFinder.Functions.Parks;
using ParkFinder.Functions.Auth;
using Microsoft.Extensions.Options;
using ParkFinder.Functions.Search;
using ParkFinder.Functions.WeChat;

namespace ParkFinder.Functions.Leads;

// WeChat subscribe messages for consult requests: the park's landlords on a new one, the investor
// at the park's first answer. How it went is recorded on the request (sent, not_subscribed when no
// recipient accepted the template, failed, not_configured, no_landlords); a failed message never
// fails the request. Messages carry no phone number or name: those stay in the app.
public sealed class LeadNotifier(UserStore users, SubscribeMessages messages, IOptions<WeChatOptions> options, IParkIndex index, TimeProvider time,
    ILogger<LeadNotifier> logger)
{
    // Sends and records; whatever fails here (WeChat, or storage while looking up recipients or
    // recording) leaves the request as it was stored, with "failed" where that could be recorded.
    public async Task<Lead> NotifyLandlordsAndRecordAsync(Lead lead, LeadStore store, CancellationToken cancellationToken) =>
        await SafelyAsync(lead, "LandlordNotice", () => NotifyLandlordsAsync(lead, cancellationToken), store, cancellationToken);

    public async Task<Lead> NotifyInvestorAndRecordAsync(Lead lead, LeadStore store, CancellationToken cancellationToken) =>
        await SafelyAsync(lead, "InvestorNotice", async () => await store.SenderAsync(lead, cancellationToken) is { } sender
            ? await NotifyInvestorAsync(lead, sender, cancellationToken) : "failed", store, cancellationToken);

    private async Task<Lead> SafelyAsync(Lead lead, string property, Func<Task<string>> notify, LeadStore store, CancellationToken cancellationToken)
    {
        string notice;
        try { notice = await notify(); }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Consult request {LeadId}: message not sent: {Reason}", lead.Id, Hosting.StorageFailure.Describe(ex));
            notice = "failed";
        }
        var recorded = property == "LandlordNotice" ? lead with { LandlordNotice = notice } : lead with { InvestorNotice = notice };
        try { return await store.RecordNoticeAsync(lead, property, notice, cancellationToken) ?? recorded; }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Consult request {LeadId}: notice not recorded: {Reason}", lead.Id, Hosting.StorageFailure.Describe(ex));
            return recorded;
        }
    }

    public async Task<string> NotifyLandlordsAsync(Lead lead, CancellationToken cancellationToken)
    {
        if (options.Value.LeadTemplateId is not { Length: > 0 } template) return "not_configured";
        var data = new Dictionary<string, string>
        {
            ["thing1"] = SubscribeMessages.Thing(ParkName(lead.ParkId)), ["thing2"] = LeadLabels.Category(lead.Category),
            ["time3"] = SubscribeMessages.Time(lead.CreatedAt),
        };
        return await messages.SendToLandlordsAsync(lead.ParkId, template, $"pages/landlord/leads/index?parkId={lead.ParkId}", data, cancellationToken);
    }

    public async Task<string> NotifyInvestorAsync(Lead lead, string investorUserId, CancellationToken cancellationToken)
    {
        if (options.Value.LeadAnsweredTemplateId is not { Length: > 0 } template) return "not_configured";
        if (await users.GetOpenIdAsync(investorUserId, cancellationToken) is not { } openId) return "failed";
        var data = new Dictionary<string, string>
        {
            ["thing1"] = SubscribeMessages.Thing(ParkName(lead.ParkId)), ["phrase2"] = LeadLabels.Status(lead.Status),
            ["time3"] = SubscribeMessages.Time(time.GetUtcNow()),
        };
        return await messages.SendAsync(openId, template, "pages/me/leads/index", data, cancellationToken);
    }

    private string ParkName(string parkId) => index.Find(parkId)?.Name ?? parkId;
}
