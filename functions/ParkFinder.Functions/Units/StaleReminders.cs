using ParkFinder.Functions.Parks;
using ParkFinder.Functions.Auth;
using System.ComponentModel.DataAnnotations;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using ParkFinder.Functions.Hosting;
using ParkFinder.Functions.WeChat;

namespace ParkFinder.Functions.Units;

// The Reminders table (PartitionKey = park id, RowKey = "stale"): when the park's landlords were
// last reminded of stale availability, and how it went.
public sealed class ReminderStore(StorageAccount account) : IOwnsStorage
{
    private readonly TableClient _reminders = account.Table("Reminders");

    public Task CreateStorageAsync(CancellationToken cancellationToken) => _reminders.CreateIfNotExistsAsync(cancellationToken);

    public async Task<DateTimeOffset?> LastStaleReminderAsync(string parkId, CancellationToken cancellationToken) =>
        (await _reminders.FindAsync(parkId, "stale", cancellationToken: cancellationToken))?.ReadTime("At");

    public async Task RecordStaleReminderAsync(string parkId, DateTimeOffset at, string outcome, int staleUnits, CancellationToken cancellationToken) =>
        await _reminders.UpsertAsync(new TableEntity(parkId, "stale") { ["At"] = at, ["Outcome"] = outcome, ["StaleUnits"] = staleUnits },
            TableUpdateMode.Replace, cancellationToken);
}

public sealed class StaleReminderOptions : JobOptions
{
    // At most one reminder per park in this many days (API.md: at most once a month).
    [Range(1, 365)]
    public int IntervalDays { get; set; } = 30;
}

public sealed record ReminderRun(string Status, int ParksWithStaleUnits, int Reminded, int Sent);

// The RemindStaleAvailability job: the landlords of each park with stale units get a WeChat
// subscribe message (WeChat:StaleReminderTemplateId: thing1 park, number2 stale units, thing3 what to
// do), at most once per IntervalDays; a park whose landlords were not subscribed counts as reminded.
[ScheduledFunction(Name, RunNow = "RunStaleReminders", Route = "admin/jobs/remind-stale", Summary = "Remind landlords of stale availability now")]
public sealed partial class StaleReminderJob(JobLocks locks, IParkIndex index, ReminderStore reminders, SubscribeMessages messages,
    IOptions<WeChatOptions> wechatOptions, IOptions<StaleReminderOptions> options, TimeProvider time, ILogger<StaleReminderJob> logger)
    : ScheduledJob<ReminderRun>(locks, options.Value, time)
{
    public const string Name = "RemindStaleAvailability";
    public const string DefaultSchedule = "0 0 2 * * *"; // daily at 10:00 China time

    protected override string LockName => "remind-stale";

    protected override ReminderRun Skipped(DateTimeOffset startedAt) => new("skipped", 0, 0, 0);

    protected override async Task<ReminderRun> RunLockedAsync(DateTimeOffset startedAt, CancellationToken stop)
    {
        // A cold instance's index is empty until loaded: no park would look stale.
        await index.Loaded.WaitAsync(TimeSpan.FromMinutes(2), stop);
        var template = wechatOptions.Value.StaleReminderTemplateId;
        if (string.IsNullOrEmpty(template)) logger.LogWarning("{Job}: WeChat:StaleReminderTemplateId is not set; no reminder is sent", Name);
        var now = Time.GetUtcNow();
        var stale = index.ParksWithStaleUnits().ToList();
        int reminded = 0, sent = 0;
        foreach (var park in stale)
        {
            if (string.IsNullOrEmpty(template)) break;
            if (await reminders.LastStaleReminderAsync(park.Park.Id, stop) is { } last && now - last < TimeSpan.FromDays(options.Value.IntervalDays)) continue;
            var data = new Dictionary<string, string>
            {
                ["thing1"] = SubscribeMessages.Thing(park.Park.Name),
                ["number2"] = park.StaleUnits.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["thing3"] = "请确认房源是否仍可租",
            };
            var outcome = await messages.SendToLandlordsAsync(park.Park.Id, template, $"pages/landlord/units/index?parkId={park.Park.Id}", data, stop);
            if (outcome is "no_landlords" or "failed") continue; // nobody to tell yet, or WeChat down: try again next run
            await reminders.RecordStaleReminderAsync(park.Park.Id, now, outcome, park.StaleUnits, stop);
            reminded++;
            if (outcome == "sent") sent++;
        }
        logger.LogInformation("{Job}: {Parks} parks with stale units, {Reminded} reminded, {Sent} with a message delivered", Name, stale.Count, reminded, sent);
        return new ReminderRun("completed", stale.Count, reminded, sent);
    }
}
