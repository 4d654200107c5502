using System.ComponentModel.DataAnnotations;
using System.Diagnostics;
using System.Globalization;
using Azure;
using Microsoft.Extensions.Options;
using ParkFinder.Api.Hosting;
using ParkFinder.Api.Leases;
using ParkFinder.Api.Parks;
using ParkFinder.Storage.Tables;

namespace ParkFinder.Api.Trends;

public sealed class TrendJobOptions() : JobOptions("0 0 * * * *")
{
    // A run takes at most this many files (oldest first), so it stays within the host's time limit;
    // the rest wait for the next run.
    [Range(1, 10_000)]
    public int MaxFilesPerRun { get; set; } = 50;
}

public sealed record JobRun(string Status, DateTimeOffset StartedAt, double DurationMs, int Files, int FilesFailed, int RowsAccepted, int RowsRejected,
    int Series, string? Error, double ParseMs, double WriteMs, double ComputeMs);

// The RecalculateTrends job (METRICS.md): one run at a time across instances (a blob lease);
// parses new lease files, upserts their leases, recomputes the touched parks' districts and cities,
// then marks the files processed. A run stopped anywhere leaves the files unprocessed, so the next
// run repeats the same idempotent steps and ends with the same tables.
public sealed class TrendJob(AppStorage storage, LeaseStore leases, TrendStore trends, ParkStore parkStore, IOptions<TrendJobOptions> options,
    TimeProvider time, ILogger<TrendJob> logger)
{
    public const string Name = "RecalculateTrends";
    public const string LockBlob = "recalculate-trends";

    public async Task<JobRun> RunAsync(CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        var watch = Stopwatch.StartNew();
        await using var jobLock = await JobLock.TryAcquireAsync(storage, LockBlob, TimeSpan.FromSeconds(options.Value.LockSeconds), time, logger, cancellationToken);
        if (jobLock is null)
        {
            logger.LogInformation("{Job} is already running elsewhere; this run exits", Name);
            return new JobRun("skipped", started, 0, 0, 0, 0, 0, 0, null, 0, 0, 0);
        }
        try
        {
            var run = await ProcessAsync(started, watch, cancellationToken);
            await RecordAsync(run, cancellationToken);
            return run;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Recorded if storage still answers; the files stay pending for the next run either way.
            try { await RecordAsync(new JobRun("failed", started, watch.Elapsed.TotalMilliseconds, 0, 0, 0, 0, 0, StorageFailure.Describe(ex), 0, 0, 0), CancellationToken.None); }
            catch (Exception) { }
            throw;
        }
    }

    private async Task<JobRun> ProcessAsync(DateTimeOffset started, Stopwatch watch, CancellationToken cancellationToken)
    {
        double parseMs = 0, writeMs = 0, computeMs = 0;
        var pending = (await leases.PendingUploadsAsync(cancellationToken)).Take(options.Value.MaxFilesPerRun).ToList();
        var done = new List<(LeaseUpload Upload, ParsedLeaseFile Parsed)>();
        var failed = 0;
        foreach (var upload in pending)
        {
            await leases.MarkProcessingAsync(upload, cancellationToken);
            var t = Stopwatch.GetTimestamp();
            ParsedLeaseFile parsed;
            try
            {
                parsed = LeaseFileParser.Parse(await leases.ReadFileAsync(upload, cancellationToken));
            }
            catch (LeaseFileException ex)
            {
                failed++;
                await leases.MarkFailedAsync(upload, ex.Message, cancellationToken);
                continue;
            }
            parseMs += Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            t = Stopwatch.GetTimestamp();
            await leases.UpsertLeasesAsync(upload.ParkId, upload.UploadId, parsed.Rows, cancellationToken);
            writeMs += Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            done.Add((upload, parsed));
        }

        var series = 0;
        var currentMonth = Months.Of(time.GetUtcNow());
        // New files, plus parks whose trends end before this month: the first run of a month adds the
        // month to every series and records its asking rents (METRICS.md).
        var touchedParks = done.Select(d => d.Upload.ParkId).ToHashSet(StringComparer.Ordinal);
        touchedParks.UnionWith(await StaleParksAsync(currentMonth, cancellationToken));
        if (touchedParks.Count > 0)
        {
            var t = Stopwatch.GetTimestamp();
            var (facts, units, scopes) = await LoadScopesAsync(touchedParks, cancellationToken);
            var loadMs = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            t = Stopwatch.GetTimestamp();
            var computed = TrendCalculator.Compute(facts, units, currentMonth, scopes);
            computeMs = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            t = Stopwatch.GetTimestamp();
            foreach (var s in computed) await trends.WriteAsync(s, cancellationToken);
            await MarkCurrentAsync(facts.Select(f => f.ParkId).Where(touchedParks.Contains).Distinct(), currentMonth, cancellationToken);
            writeMs += loadMs + Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            series = computed.Count;
        }
        // Only now are the files done: a run stopped before this point is repeated in full.
        foreach (var (upload, parsed) in done) await leases.MarkProcessedAsync(upload, parsed, cancellationToken);
        await parkStore.PruneChangesAsync(cancellationToken);

        var run = new JobRun("completed", started, watch.Elapsed.TotalMilliseconds, pending.Count, failed, done.Sum(d => d.Parsed.Rows.Count),
            done.Sum(d => d.Parsed.Errors.Select(e => e.Row).Distinct().Count()), series, null, parseMs, writeMs, computeMs);
        logger.LogInformation("{Job}: {Files} files ({Failed} failed), {Accepted} rows accepted, {Rejected} rejected, {Series} series in {DurationMs:0} ms",
            Name, run.Files, run.FilesFailed, run.RowsAccepted, run.RowsRejected, run.Series, run.DurationMs);
        return run;
    }

    // Everything the touched scopes need: every park in the touched parks' cities (a city's trend
    // spans them all), with their leases and units.
    private async Task<(List<LeaseFact>, List<UnitFact>, HashSet<string>)> LoadScopesAsync(HashSet<string> touchedParks, CancellationToken cancellationToken)
    {
        var allParks = await storage.Parks.QueryAsync(select: ["PartitionKey", "RowKey", "DistrictCode", "CityName", "DistrictName"], cancellationToken: cancellationToken)
            .Select(ParkEntities.ToPark).ToListAsync(cancellationToken);
        var touched = allParks.Where(p => touchedParks.Contains(p.Id)).ToList();
        var scopes = touched.SelectMany(p => new[] { "park:" + p.Id, "district:" + p.District.Code, "city:" + p.City.Code }).ToHashSet(StringComparer.Ordinal);
        var cities = touched.Select(p => p.City.Code).ToHashSet(StringComparer.Ordinal);
        var facts = new List<LeaseFact>();
        var units = new List<UnitFact>();
        foreach (var park in allParks.Where(p => cities.Contains(p.City.Code)))
        {
            facts.AddRange(await leases.LoadLeasesAsync(park, cancellationToken));
            foreach (var e in await storage.Units.QueryAsync(TableQueryFilter.Create($"PartitionKey eq {park.Id}"), cancellationToken: cancellationToken).ToListAsync(cancellationToken))
            {
                var u = ParkEntities.ToUnit(e);
                if (!SpaceTypes.TryParse(u.SpaceType, out var type)) continue;
                var asking = u.Status == "available" && u.Rent is not null ? Rents.MonthlyPerM2(u.Rent.Amount, u.Rent.Unit, u.Area) : (double?)null;
                units.Add(new UnitFact(park.Id, park.District.Code, park.City.Code, u.Id, type, u.Area, asking));
            }
        }
        return (facts, units, scopes);
    }

    // Meta table, PartitionKey "trend-parks": each park with lease data and the last month its trends reach.
    private const string TrendParks = "trend-parks";

    private async Task<IEnumerable<string>> StaleParksAsync(int currentMonth, CancellationToken cancellationToken) =>
        await storage.Meta.QueryAsync(TableQueryFilter.Create($"PartitionKey eq {TrendParks} and LastMonth lt {currentMonth}"), cancellationToken: cancellationToken)
            .Select(e => e.RowKey).ToListAsync(cancellationToken);

    private async Task MarkCurrentAsync(IEnumerable<string> parkIds, int currentMonth, CancellationToken cancellationToken)
    {
        foreach (var chunk in parkIds.Chunk(TableClient.MaxTransactionActions))
            await storage.Meta.SubmitTransactionAsync(chunk.Select(id => new TableTransactionAction(TableTransactionActionType.UpsertReplace,
                new TableEntity(TrendParks, id) { ["LastMonth"] = currentMonth })), cancellationToken);
    }

    // Jobs table: PartitionKey = job name, RowKey = inverted start time, so the newest run reads first.
    private async Task RecordAsync(JobRun run, CancellationToken cancellationToken) =>
        await storage.Jobs.UpsertEntityAsync(new TableEntity(Name, (DateTimeOffset.MaxValue.UtcTicks - run.StartedAt.UtcTicks).ToString("D19", CultureInfo.InvariantCulture))
        {
            ["Status"] = run.Status, ["StartedAt"] = run.StartedAt, ["DurationMs"] = run.DurationMs, ["Files"] = run.Files, ["FilesFailed"] = run.FilesFailed,
            ["RowsAccepted"] = run.RowsAccepted, ["RowsRejected"] = run.RowsRejected, ["Series"] = run.Series, ["Error"] = run.Error,
            ["ParseMs"] = run.ParseMs, ["WriteMs"] = run.WriteMs, ["ComputeMs"] = run.ComputeMs,
        }, TableUpdateMode.Replace, cancellationToken);

    public async Task<List<JobRun>> RecentRunsAsync(int count, CancellationToken cancellationToken) =>
        (await storage.Jobs.QueryPageAsync(TableQueryFilter.Create($"PartitionKey eq {Name}"), count, null, null, cancellationToken)).Items
            .Select(e => new JobRun(e.GetString("Status") ?? "", e.GetDateTimeOffset("StartedAt") ?? default, e.GetDouble("DurationMs") ?? 0,
                e.GetInt32("Files") ?? 0, e.GetInt32("FilesFailed") ?? 0, e.GetInt32("RowsAccepted") ?? 0, e.GetInt32("RowsRejected") ?? 0,
                e.GetInt32("Series") ?? 0, e.GetString("Error"), e.GetDouble("ParseMs") ?? 0, e.GetDouble("WriteMs") ?? 0, e.GetDouble("ComputeMs") ?? 0))
            .ToList();
}
