using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using System.ComponentModel.DataAnnotations;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using ParkFinder.Functions.Hosting;
using ParkFinder.Functions.Leases;
using ParkFinder.Functions.Parks;
using ParkFinder.Functions.Units;

namespace ParkFinder.Functions.Trends;

public sealed class TrendJobOptions : JobOptions
{
    // A run takes at most this many files (oldest first), so it stays within the host's time limit;
    // the rest wait for the next run.
    [Range(1, 10_000)]
    public int MaxFilesPerRun { get; set; } = 50;
}

public sealed record JobRun(string Status, DateTimeOffset StartedAt, double DurationMs, int Files, int FilesFailed, int RowsAccepted, int RowsRejected,
    int Series, string? Error, double ParseMs, double WriteMs, double ComputeMs);

// The RecalculateTrends job (METRICS.md): one run at a time across instances (a blob lease);
// parses new lease files, checks and stores their leases and reconciles the units (LeaseFileProcessor),
// recomputes the touched parks' districts and cities, then marks the files processed. A run stopped anywhere leaves the files unprocessed, so the next
// run repeats the same idempotent steps and ends with the same tables.
[ScheduledFunction(Name, RunNow = "RunTrendJob", Route = "admin/jobs/recalculate-trends", Summary = "Run the trend job now")]
public sealed partial class TrendJob(JobLocks locks, TrendJobState state, LeaseStore leases, LeaseFileProcessor files, TrendStore trends, ParkStore parkStore,
    Ecosystem.EcosystemStore ecosystem, IParkIndex index, IOptions<TrendJobOptions> options,
    TimeProvider time, ILogger<TrendJob> logger) : ScheduledJob<JobRun>(locks, options.Value, time)
{
    public const string Name = "RecalculateTrends";
    public const string DefaultSchedule = "0 0 * * * *"; // hourly
    public const string LockBlob = "recalculate-trends";

    [HttpEndpoint("GetTrendJobRuns", "get", "admin/jobs/recalculate-trends", Level = AuthorizationLevel.Function), RequireAdmin]
    [EndpointSummary("The trend job's last runs")]
    [Tags("Admin")]
    public static async Task<Ok<List<JobRun>>> RecentRuns(TrendJob job, CancellationToken cancellationToken) =>
        TypedResults.Ok(await job.RecentRunsAsync(20, cancellationToken));

    protected override string LockName => LockBlob;

    protected override JobRun Skipped(DateTimeOffset startedAt)
    {
        logger.LogInformation("{Job} is already running elsewhere; this run exits", Name);
        return new JobRun("skipped", startedAt, 0, 0, 0, 0, 0, 0, null, 0, 0, 0);
    }

    protected override async Task<JobRun> RunLockedAsync(DateTimeOffset started, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            var run = await ProcessAsync(started, watch, cancellationToken);
            await state.RecordAsync(Name, run, cancellationToken);
            return run;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Recorded if storage still answers; the files stay pending for the next run either way.
            try { await state.RecordAsync(Name, new JobRun("failed", started, watch.Elapsed.TotalMilliseconds, 0, 0, 0, 0, 0, StorageFailure.Describe(ex), 0, 0, 0), CancellationToken.None); }
            catch (Exception) { }
            throw;
        }
    }

    private async Task<JobRun> ProcessAsync(DateTimeOffset started, Stopwatch watch, CancellationToken cancellationToken)
    {
        double parseMs = 0, writeMs = 0, computeMs = 0;
        var allPending = await leases.PendingUploadsAsync(cancellationToken);
        var pending = allPending.Take(options.Value.MaxFilesPerRun).ToList();
        var notDone = allPending.Select(u => u.UploadId).ToHashSet(StringComparer.Ordinal);
        var today = Freshness.Day(Time.GetUtcNow()); // the run date, China time, as /vacancy's "now"
        var behind = await state.ParksBehindAsync(Months.Of(today), cancellationToken);
        // The hourly run with nothing to do reads no park list (a whole-table scan at scale).
        if (pending.Count == 0 && behind.Count == 0)
        {
            await parkStore.PruneChangesAsync(cancellationToken);
            return Completed(started, watch, 0, 0, [], 0, 0, 0, 0);
        }
        var allParks = await parkStore.ListParksAsync(["PartitionKey", "RowKey", "DistrictCode", "CityName", "DistrictName"], cancellationToken);
        var parksById = allParks.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var loaded = new Dictionary<string, ParkLeases>(StringComparer.Ordinal);
        var done = new List<(LeaseUpload Upload, ProcessedLeaseFile File)>();
        var failed = 0;
        foreach (var upload in pending)
        {
            await leases.MarkProcessingAsync(upload, cancellationToken);
            var t = Stopwatch.GetTimestamp();
            ParsedLeaseFile parsed;
            try
            {
                if (!parksById.ContainsKey(upload.ParkId)) throw new LeaseFileException($"Park '{upload.ParkId}' is no longer in the catalog.");
                parsed = LeaseFileParser.Parse(await leases.ReadFileAsync(upload, cancellationToken));
            }
            catch (LeaseFileException ex)
            {
                failed++;
                notDone.Remove(upload.UploadId);
                await leases.MarkFailedAsync(upload, ex.Message, cancellationToken);
                continue;
            }
            parseMs += Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            t = Stopwatch.GetTimestamp();
            if (!loaded.TryGetValue(upload.ParkId, out var park))
                loaded[upload.ParkId] = park = await files.LoadAsync(parksById[upload.ParkId], notDone, cancellationToken);
            done.Add((upload, await files.ProcessAsync(upload, parsed, park, today, cancellationToken)));
            notDone.Remove(upload.UploadId);
            writeMs += Stopwatch.GetElapsedTime(t).TotalMilliseconds;
        }

        var series = 0;
        var currentMonth = Months.Of(today);
        // New files, plus parks whose trends end before this month: the first run of a month adds the
        // month to every series and records its asking rents (METRICS.md).
        var touchedParks = done.Select(d => d.Upload.ParkId).ToHashSet(StringComparer.Ordinal);
        touchedParks.UnionWith(behind);
        touchedParks.IntersectWith(parksById.Keys);
        if (touchedParks.Count > 0)
        {
            var t = Stopwatch.GetTimestamp();
            var (facts, units, scopes) = await LoadScopesAsync(allParks, touchedParks, loaded, notDone, cancellationToken);
            var loadMs = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            t = Stopwatch.GetTimestamp();
            var computed = TrendCalculator.Compute(facts, units, currentMonth, scopes, today);
            computeMs = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            t = Stopwatch.GetTimestamp();
            foreach (var s in computed) await trends.WriteAsync(s, cancellationToken);
            // Each touched park's leases active today by tenant industry, for its future-industry track scores;
            // and the index follows units that reconciliation marked leased.
            foreach (var park in facts.Where(f => touchedParks.Contains(f.ParkId)).GroupBy(f => f.ParkId))
            {
                var unitsChanged = loaded.TryGetValue(park.Key, out var l) && l.UnitsChanged;
                if (await ecosystem.SaveLeaseMixAsync(park.Key, Ecosystem.LeaseMixes.Of(park, today), cancellationToken) || unitsChanged)
                {
                    await parkStore.RecordParkChangeAsync(park.Key, cancellationToken);
                    await index.ApplyParkChangeAsync(park.Key, cancellationToken);
                }
            }
            await state.MarkCurrentAsync(facts.Select(f => f.ParkId).Where(touchedParks.Contains).Distinct(), currentMonth, cancellationToken);
            writeMs += loadMs + Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            series = computed.Count;
        }
        // Only now are the files done: a run stopped before this point is repeated in full.
        foreach (var (upload, file) in done) await leases.MarkProcessedAsync(upload, file.Parsed, cancellationToken);
        await parkStore.PruneChangesAsync(cancellationToken);

        return Completed(started, watch, pending.Count, failed, done, series, parseMs, writeMs, computeMs);
    }

    private JobRun Completed(DateTimeOffset started, Stopwatch watch, int files, int failed, List<(LeaseUpload Upload, ProcessedLeaseFile File)> done, int series,
        double parseMs, double writeMs, double computeMs)
    {
        var run = new JobRun("completed", started, watch.Elapsed.TotalMilliseconds, files, failed, done.Sum(d => d.File.Parsed.Rows.Count),
            done.Sum(d => d.File.Parsed.Errors.Select(e => e.Row).Distinct().Count()), series, null, parseMs, writeMs, computeMs);
        logger.LogInformation("{Job}: {Files} files ({Failed} failed), {Accepted} rows accepted, {Rejected} rejected, {Series} series in {DurationMs:0} ms",
            Name, run.Files, run.FilesFailed, run.RowsAccepted, run.RowsRejected, run.Series, run.DurationMs);
        return run;
    }

    // Everything the touched scopes need: every park in the touched parks' cities (a city's trend
    // spans them all), with their leases and units; parks this run processed as it holds them.
    private async Task<(List<LeaseFact>, List<UnitFact>, HashSet<string>)> LoadScopesAsync(List<Park> allParks, HashSet<string> touchedParks,
        Dictionary<string, ParkLeases> loaded, IReadOnlySet<string> notDone, CancellationToken cancellationToken)
    {
        var touched = allParks.Where(p => touchedParks.Contains(p.Id)).ToList();
        var scopes = touched.SelectMany(p => new[] { "park:" + p.Id, "district:" + p.District.Code, "city:" + p.City.Code }).ToHashSet(StringComparer.Ordinal);
        var cities = touched.Select(p => p.City.Code).ToHashSet(StringComparer.Ordinal);
        var facts = new List<LeaseFact>();
        var units = new List<UnitFact>();
        foreach (var park in allParks.Where(p => cities.Contains(p.City.Code)))
        {
            if (!loaded.TryGetValue(park.Id, out var held)) held = await files.LoadAsync(park, notDone, cancellationToken);
            facts.AddRange(held.Book.All);
            foreach (var u in held.Units)
                if (SpaceTypes.TryParse(u.SpaceType, out var type))
                    units.Add(new UnitFact(park.Id, park.District.Code, park.City.Code, u.Id, type, u.Area, u.AskingMonthlyPerM2));
        }
        return (facts, units, scopes);
    }

    public Task<List<JobRun>> RecentRunsAsync(int count, CancellationToken cancellationToken) => state.RecentRunsAsync(Name, count, cancellationToken);
}
