using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using ParkFinder.Functions.Auth;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.Extensions.Options;
using ParkFinder.Functions.Hosting;
using ParkFinder.Functions.Parks;
using ParkFinder.Functions.Search;
using ParkFinder.Functions.Units;
using ParkFinder.Functions.WeChat;

namespace ParkFinder.Functions.Alerts;

public sealed class AlertJobOptions : JobOptions
{
    // Events beyond this wait for the next run, so a run stays within the host's time limit.
    [Range(1, 10_000)]
    public int MaxEventsPerRun { get; set; } = 500;
}

public sealed record AlertRun(string Status, DateTimeOffset StartedAt, int Events, int SavedSearches, int Sent, int NotSubscribed, string? Note);

// Sends each saved search whose filters a newly available unit meets a WeChat subscribe message,
// at most one per alert per run (a one-time subscription allows one message anyway). An event is
// deleted once handled; an alert remembers the last event it was sent, so a run cut short and
// repeated does not send twice.
[ScheduledFunction(Name, RunNow = "RunAlertJob", Route = "admin/jobs/notify-alerts", Summary = "Run the saved-search alert job now")]
public sealed partial class AlertJob(JobLocks locks, AvailabilityEvents availability, AlertStore alertStore, UnitStore units, ParkIndexHolder holder, UserStore users, WeChatClient wechat, IOptions<AlertJobOptions> options,
    IOptions<WeChatOptions> wechatOptions, TimeProvider time, ILogger<AlertJob> logger) : ScheduledJob<AlertRun>(locks, options.Value, time)
{
    public const string Name = "NotifyAlerts";
    public const string DefaultSchedule = "0 */5 * * * *"; // every five minutes

    protected override string LockName => "notify-alerts";

    protected override AlertRun Skipped(DateTimeOffset startedAt) => new("skipped", startedAt, 0, 0, 0, 0, "another run holds the lock");

    protected override async Task<AlertRun> RunLockedAsync(DateTimeOffset started, CancellationToken cancellationToken)
    {
        var events = await availability.OldestAsync(options.Value.MaxEventsPerRun, cancellationToken);
        if (events.Count == 0) return new AlertRun("completed", started, 0, 0, 0, 0, null);
        var templateId = wechatOptions.Value.AlertTemplateId;
        if (string.IsNullOrEmpty(templateId)) logger.LogWarning("{Job}: WeChat:AlertTemplateId is not set; matching alerts are not sent", Name);

        var alerts = (await alertStore.ListEveryoneAsync(cancellationToken))
            .Select(a => (Alert: a, Query: SavedSearch.Read(a.Query, holder.Current.Definitions))).Where(a => a.Query is not null)
            .Select(a => (a.Alert, Query: a.Query!)).ToList();
        // The events whose unit is still available, matched against every saved search at once.
        var candidates = new List<(AvailabilityEvent Event, AlertMatcher.Candidate Candidate)>();
        foreach (var ev in events)
            if (await AvailableUnitAsync(ev.ParkId, ev.UnitId, cancellationToken) is ({ } park, { } unit))
                candidates.Add((ev, new AlertMatcher.Candidate(park, unit)));
        int sent = 0, refused = 0;
        if (!string.IsNullOrEmpty(templateId))
        {
            var matches = AlertMatcher.Match(candidates.Select(c => c.Candidate).ToList(), alerts.Select(a => a.Query).ToList(), started, holder.Current.Definitions);
            for (var a = 0; a < alerts.Count; a++)
            {
                // At most one message per alert per run: its oldest matching event it was not already sent.
                var alert = alerts[a].Alert;
                var first = matches[a].Select(i => candidates[i]).FirstOrDefault(c => c.Event.Key != alert.LastEvent);
                if (first.Candidate is null) continue;
                var openId = await users.GetOpenIdAsync(alert.UserId, cancellationToken);
                if (openId is null) continue;
                var (park, unit) = (first.Candidate.Park, first.Candidate.Unit);
                var delivered = await wechat.SendSubscribeMessageAsync(openId, templateId, $"pages/park/index?id={park.Id}",
                    Message(park, unit, alert.Name), cancellationToken);
                if (delivered) sent++;
                else refused++;
                await alertStore.RecordDeliveryAsync(alert, first.Event.Key, delivered, cancellationToken);
            }
        }
        foreach (var ev in events) await availability.DeleteAsync(ev, cancellationToken);
        logger.LogInformation("{Job}: {Events} events, {Alerts} saved searches, {Sent} sent, {Refused} not subscribed", Name, events.Count, alerts.Count, sent, refused);
        return new AlertRun("completed", started, events.Count, alerts.Count, sent, refused, string.IsNullOrEmpty(templateId) ? "WeChat:AlertTemplateId is not set" : null);
    }

    // The park as indexed and the unit as stored now: it may have been leased again since the event.
    private async Task<(Park?, Unit?)> AvailableUnitAsync(string parkId, string unitId, CancellationToken cancellationToken)
    {
        if (holder.Current.Find(parkId) is not { } park || !ParkValidation.IdPattern().IsMatch(unitId)) return (null, null);
        var unit = await units.GetAsync(parkId, unitId, cancellationToken);
        return unit?.IsAvailable == true ? (park.Park, unit) : (park.Park, null);
    }

    // The template's fields: thing values are at most 20 characters.
    private Dictionary<string, string> Message(Park park, Unit unit, string? alertName)
    {
        SpaceTypes.TryParse(unit.SpaceType, out var type);
        var space = $"{type.ToChinese()} {unit.Area.ToString("0.#", CultureInfo.InvariantCulture)}㎡";
        if (unit.Rent is { } rent) space += $" {Rents.MonthlyPerM2(rent.Amount, rent.Unit, unit.Area).ToString("0.#", CultureInfo.InvariantCulture)}元/㎡/月";
        return new Dictionary<string, string>
        {
            ["thing1"] = SubscribeMessages.Thing(park.Name),
            ["thing2"] = SubscribeMessages.Thing(space),
            ["thing3"] = SubscribeMessages.Thing(string.IsNullOrEmpty(alertName) ? "您保存的搜索" : alertName),
            ["time4"] = SubscribeMessages.Time(Time.GetUtcNow()),
        };
    }
}
