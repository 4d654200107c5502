using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using ParkFinder.Functions.Hosting;

namespace ParkFinder.Functions.Leads;

public sealed class LeadRetentionOptions : JobOptions
{
    // Consult requests hold investors' names and phone numbers: kept this long, then deleted (PIPL).
    [Range(1, 36_500)]
    public int RetentionDays { get; set; } = 730;
}

// Deleted: consult requests; UnitChangesDeleted, AccessEntriesDeleted: entries of units' history and of
// parks' access logs, kept as long (API.md).
public sealed record PurgeRun(string Status, DateTimeOffset Cutoff, int Deleted, int UnitChangesDeleted = 0, int AccessEntriesDeleted = 0);

// The PurgeLeads job: deletes consult requests (and units' history entries) older than Jobs:PurgeLeads:RetentionDays (default
// two years), one run at a time across instances.
[ScheduledFunction(Name, RunNow = "RunLeadPurge", Route = "admin/jobs/purge-leads", Summary = "Delete consult requests older than the retention now")]
public sealed partial class LeadRetentionJob(JobLocks locks, LeadStore leads, Units.UnitHistoryStore unitHistory, AccessLog.AccessLogStore accessLog,
    IOptions<LeadRetentionOptions> options, TimeProvider time, ILogger<LeadRetentionJob> logger) : ScheduledJob<PurgeRun>(locks, options.Value, time)
{
    public const string Name = "PurgeLeads";
    public const string DefaultSchedule = "0 30 19 * * *"; // daily at 03:30 China time

    protected override string LockName => "purge-leads";

    private DateTimeOffset Cutoff(DateTimeOffset now) => now - TimeSpan.FromDays(options.Value.RetentionDays);

    protected override PurgeRun Skipped(DateTimeOffset startedAt) => new("skipped", Cutoff(startedAt), 0);

    protected override async Task<PurgeRun> RunLockedAsync(DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        var cutoff = Cutoff(startedAt);
        var deleted = await leads.PurgeBeforeAsync(cutoff, cancellationToken);
        var changes = await unitHistory.PurgeBeforeAsync(cutoff, cancellationToken);
        var accesses = await accessLog.PurgeBeforeAsync(cutoff, cancellationToken);
        logger.LogInformation("{Job}: {Deleted} consult requests, {Changes} unit changes and {Accesses} access entries from before {Cutoff:O} deleted",
            Name, deleted, changes, accesses, cutoff);
        return new PurgeRun("completed", cutoff, deleted, changes, accesses);
    }
}
