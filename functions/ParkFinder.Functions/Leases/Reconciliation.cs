using ParkFinder.Functions.Parks;

namespace ParkFinder.Functions.Leases;

// One unit in an upload's reconciliation report: its area and status before (null for a unit the park
// does not have), the area of its leases active on the report's date; for a unit marked leased the date
// it frees up (and the one it had); for an unknown unit the file's rows that name it.
public sealed record ReconciledUnit(string UnitId, double? Area, string? Status, double LeasedArea, DateOnly? AvailableFrom = null,
    DateOnly? PreviousAvailableFrom = null, IReadOnlyList<int>? Rows = null);

// What processing a park's lease file did to its units (METRICS.md, "Reconciliation"): the units it marked
// leased, the units partly let (unchanged), the units marked leased without an active lease (unchanged,
// for the landlord to look at) and the units the file names that the park does not have.
public sealed record Reconciliation(DateTimeOffset At, DateOnly AsOf, IReadOnlyList<ReconciledUnit> MarkedLeased, IReadOnlyList<ReconciledUnit> PartlyLeased,
    IReadOnlyList<ReconciledUnit> LeasedWithoutLease, IReadOnlyList<ReconciledUnit> UnknownUnits)
{
    // A unit counts as covered when its active leases reach this share of its area.
    public const double Covered = 0.99;

    // The pure decision: from the park's units and all its stored leases (the file's accepted rows included).
    public static Reconciliation Of(IReadOnlyList<Unit> units, LeaseBook book, IReadOnlyList<LeaseRow> fileRows, DateOnly today, DateTimeOffset at)
    {
        List<ReconciledUnit> marked = [], partly = [], without = [];
        foreach (var unit in units.OrderBy(u => u.Id, StringComparer.Ordinal))
        {
            var active = book.ActiveOn(unit.Id, today).ToList();
            var leased = active.Sum(l => l.Area);
            if (unit.Area > 0 && leased >= unit.Area * Covered)
            {
                var until = active.Min(l => l.End);
                if (unit.Status != "leased" || unit.AvailableFrom != until) marked.Add(new(unit.Id, unit.Area, unit.Status, leased, until, unit.AvailableFrom));
            }
            else if (unit.Status == "leased" && leased == 0) without.Add(new(unit.Id, unit.Area, unit.Status, 0));
            else if (leased > 0 && unit.Status != "leased") partly.Add(new(unit.Id, unit.Area, unit.Status, leased));
        }
        var known = units.Select(u => u.Id).ToHashSet(StringComparer.Ordinal);
        var unknown = fileRows.Where(r => !known.Contains(r.UnitId)).GroupBy(r => r.UnitId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ReconciledUnit(g.Key, null, null, book.ActiveOn(g.Key, today).Sum(l => l.Area), Rows: g.Select(r => r.Row).Order().ToList()))
            .ToList();
        return new(at, today, marked, partly, without, unknown);
    }

    // The change reconciliation makes to a unit it marks leased.
    public static Unit MarkLeased(Unit unit, DateOnly availableFrom, DateTimeOffset at)
    {
        var changed = unit.Copy();
        (changed.Status, changed.AvailableFrom, changed.UpdatedAt) = ("leased", availableFrom, at);
        return changed;
    }
}
