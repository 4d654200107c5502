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
public sealed class LeadRetentionJob(JobLocks locks, LeadStore leads, Units.UnitHistoryStore unitHistory, AccessLog.AccessLogStore accessLog, IOptions<LeadRetentionOptions> options, TimeProvider time, ILogger<LeadRetentionJob> logger)
{
    public const string Name = "PurgeLeads";

    [Function("RunLeadPurge"), RequireAdmin]
    public static Task RunNowFunction([HttpTrigger(AuthorizationLevel.Function, "post", Route = "admin/jobs/purge-leads")] HttpRequest req) =>
        FunctionEndpoint.RunAsync(req, RunNow);

    [EndpointSummary("Delete consult requests older than the retention now")]
    [Tags("Admin")]
    public static async Task<Ok<PurgeRun>> RunNow(LeadRetentionJob job, CancellationToken cancellationToken) => TypedResults.Ok(await job.RunAsync(cancellationToken));

    public async Task<PurgeRun> RunAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - TimeSpan.FromDays(options.Value.RetentionDays);
        await using var held = await locks.TryAcquireAsync("purge-leads", TimeSpan.FromSeconds(options.Value.LockSeconds), cancellationToken);
        if (held is null) return new PurgeRun("skipped", cutoff, 0);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, held.Lost);
        var deleted = await leads.PurgeBeforeAsync(cutoff, stop.Token);
        var changes = await unitHistory.PurgeBeforeAsync(cutoff, stop.Token);
        var accesses = await accessLog.PurgeBeforeAsync(cutoff, stop.Token);
        logger.LogInformation("{Job}: {Deleted} consult requests, {Changes} unit changes and {Accesses} access entries from before {Cutoff:O} deleted",
            Name, deleted, changes, accesses, cutoff);
        return new PurgeRun("completed", cutoff, deleted, changes, accesses);
    }
}
