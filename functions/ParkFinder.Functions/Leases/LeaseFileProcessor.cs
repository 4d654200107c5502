using ParkFinder.Functions.Parks;
using ParkFinder.Functions.Units;

namespace ParkFinder.Functions.Leases;

// A park as the trend job holds it while processing the park's files: its stored leases and its units.
public sealed class ParkLeases(Park park, LeaseBook book, List<Unit> units)
{
    public Park Park { get; } = park;
    public LeaseBook Book { get; } = book;
    public List<Unit> Units { get; } = units;
    // Whether reconciliation changed a unit (the index must follow).
    public bool UnitsChanged { get; set; }
}

// A processed file: its accepted rows, every rejected row, and what it did to the units.
public sealed record ProcessedLeaseFile(ParsedLeaseFile Parsed, Reconciliation Reconciliation);

// The rent roll is the record of what is let (METRICS.md): each row of a park's file is checked against
// the unit it names and that unit's other leases, the accepted rows are stored, and units the leases
// active today cover are marked leased. Repeating a file after a stopped run gives the same result.
public sealed class LeaseFileProcessor(LeaseStore leases, UnitStore units, TimeProvider time)
{
    // notDone: uploads not yet through a run. Their rows may be stored already by a run that stopped,
    // and must not count until their file is processed again (then they count exactly as in one clean run).
    public async Task<ParkLeases> LoadAsync(Park park, IReadOnlySet<string> notDone, CancellationToken cancellationToken)
    {
        var stored = await leases.LoadLeasesAsync(park, cancellationToken);
        var book = new LeaseBook(stored.Where(l => l.UploadId is null || !notDone.Contains(l.UploadId)));
        return new ParkLeases(park, book, await units.ListAsync(park.Id, cancellationToken));
    }

    public async Task<ProcessedLeaseFile> ProcessAsync(LeaseUpload upload, ParsedLeaseFile parsed, ParkLeases park, DateOnly today,
        CancellationToken cancellationToken)
    {
        var (accepted, rejected) = Check(upload.UploadId, parsed.Rows, park);
        await leases.UpsertLeasesAsync(park.Park.Id, upload.UploadId, accepted, cancellationToken);
        // A run that stopped after saving the report repeats that report, so the outcome is the clean run's.
        var report = await leases.ReadReconciliationAsync(upload, cancellationToken);
        if (report is null)
        {
            report = Reconciliation.Of(park.Units, park.Book, accepted, today, time.GetUtcNow());
            await leases.SaveReconciliationAsync(upload, report, cancellationToken);
        }
        await ApplyAsync(park, report, upload.UploadId, cancellationToken);
        var errors = parsed.Errors.Concat(rejected).OrderBy(e => e.Row).ToList();
        return new(new ParsedLeaseFile(accepted, errors, parsed.DataRows), report);
    }

    // Rows in file order, each against the stored leases and the rows accepted before it.
    private static (List<LeaseRow> Accepted, List<RowError> Rejected) Check(string uploadId, IReadOnlyList<LeaseRow> rows, ParkLeases park)
    {
        var areas = park.Units.ToDictionary(u => u.Id, u => u.Area, StringComparer.Ordinal);
        string Describe(LeaseFact l) =>
            $"{l.Start:yyyy-MM-dd} to {l.End:yyyy-MM-dd}, {LeaseBook.M2(l.Area)} m2, "
            + (l.UploadId == uploadId ? $"row {l.Row}" : $"upload {l.UploadId}" + (l.Row > 0 ? $" row {l.Row}" : "")); // leases stored before rows were kept have none
        List<LeaseRow> accepted = [];
        List<RowError> rejected = [];
        foreach (var row in rows.OrderBy(r => r.Row))
        {
            if (areas.TryGetValue(row.UnitId, out var area) && park.Book.Overfill(row.UnitId, area, row.Start, row.End, row.Area, Describe) is { } reason)
            {
                rejected.Add(new RowError(row.Row, "area_m2", reason));
                continue;
            }
            accepted.Add(row);
            park.Book.Put(Fact(park.Park, uploadId, row));
        }
        return (accepted, rejected);
    }

    // Marks the report's units leased, each a unit change like a landlord's (ETag, history). A unit changed
    // meanwhile is read again and still marked; one already marked by a stopped run only gets its history row.
    private async Task ApplyAsync(ParkLeases park, Reconciliation report, string uploadId, CancellationToken cancellationToken)
    {
        var by = ChangedBy.Reconciliation(uploadId);
        foreach (var marked in report.MarkedLeased)
        {
            var index = park.Units.FindIndex(u => u.Id == marked.UnitId);
            if (index < 0) continue;
            for (var attempt = 0; attempt < 3; attempt++)
            {
                var current = park.Units[index];
                var target = Reconciliation.MarkLeased(current, marked.AvailableFrom!.Value, report.At);
                if (current.Status == "leased" && current.AvailableFrom == marked.AvailableFrom)
                {
                    var before = current.Copy();
                    (before.Status, before.AvailableFrom) = (marked.Status ?? before.Status, marked.PreviousAvailableFrom);
                    await units.RecordAgainAsync(park.Park.Id, before, target, by, cancellationToken);
                    break;
                }
                if (await units.TryReplaceAsync(park.Park.Id, current, target, new Azure.ETag(current.ETag!), by, cancellationToken) is { } etag)
                {
                    target.ETag = etag.ToString();
                    park.Units[index] = target;
                    park.UnitsChanged = true;
                    break;
                }
                if (await units.GetAsync(park.Park.Id, marked.UnitId, cancellationToken) is not { } fresh) break; // deleted meanwhile
                park.Units[index] = fresh;
            }
        }
    }

    private static LeaseFact Fact(Park park, string uploadId, LeaseRow r) => new(park.Id, park.District.Code, park.City.Code, r.UnitId, r.SpaceType, r.Area,
        r.Start, r.End, r.Signed, r.MonthlyPerM2, r.FreeMonths, r.TenantIndustry, uploadId, r.Row);
}
