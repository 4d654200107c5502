using Microsoft.Azure.Functions.Worker;
using ParkFinder.Functions.Trends;

namespace ParkFinder.Functions;

// The scheduled jobs as functions. Their schedules are app settings (%Jobs:...:Schedule%), read by
// the Functions host in Azure and by the local host's scheduler here.
public sealed class TimerFunctions(TrendJob trends, Alerts.AlertJob alerts, Leads.LeadRetentionJob leadRetention, Units.StaleReminderJob staleReminders)
{
    [Function(Units.StaleReminderJob.Name)]
    public async Task RemindStaleAvailability([TimerTrigger("%Jobs:RemindStaleAvailability:Schedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        await staleReminders.RunAsync(cancellationToken);

    [Function(Leads.LeadRetentionJob.Name)]
    public async Task PurgeLeads([TimerTrigger("%Jobs:PurgeLeads:Schedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        await leadRetention.RunAsync(cancellationToken);

    [Function(TrendJob.Name)]
    public async Task RecalculateTrends([TimerTrigger("%Jobs:RecalculateTrends:Schedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        await trends.RunAsync(cancellationToken);

    [Function(Alerts.AlertJob.Name)]
    public async Task NotifyAlerts([TimerTrigger("%Jobs:NotifyAlerts:Schedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        await alerts.RunAsync(cancellationToken);
}
