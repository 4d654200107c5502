using System.Globalization;

namespace ParkFinder.Functions.Leases;

// One park's stored leases by unit, as the trend job holds them while it processes the park's files:
// each file's rows are checked against it and the accepted ones put into it, so the next file (and the
// reconciliation) sees them. A lease is (unit, start date): putting the same one again replaces it.
public sealed class LeaseBook
{
    // Half of the 0.01 m2 areas are shown in: a unit let as 163.33 + 163.33 + 163.34 m2 is full, not over.
    public const double AreaTolerance = 0.005;
    // A reason names at most this many of the other leases (a unit let to many tenants would make it a page).
    private const int MaxNamed = 3;

    private readonly Dictionary<string, List<LeaseFact>> _byUnit = new(StringComparer.Ordinal);

    public LeaseBook(IEnumerable<LeaseFact> stored)
    {
        foreach (var lease in stored) Put(lease);
    }

    public IEnumerable<LeaseFact> All => _byUnit.Values.SelectMany(l => l);

    public IEnumerable<string> UnitIds => _byUnit.Keys;

    public IReadOnlyList<LeaseFact> OfUnit(string unitId) => _byUnit.TryGetValue(unitId, out var list) ? list : [];

    public void Put(LeaseFact lease)
    {
        if (!_byUnit.TryGetValue(lease.UnitId, out var list)) _byUnit[lease.UnitId] = list = [];
        var same = list.FindIndex(l => l.Start == lease.Start);
        if (same >= 0) list[same] = lease;
        else list.Add(lease);
    }

    // The unit's leases active on `day` (start <= day < end, as METRICS.md's occupied area).
    public IEnumerable<LeaseFact> ActiveOn(string unitId, DateOnly day) => OfUnit(unitId).Where(l => l.Start <= day && day < l.End);

    // Why a lease of `area` on [start, end) does not fit a unit of `unitArea` beside the unit's other leases
    // (not the one it would replace), or null when it fits. The leased area peaks on the day a lease starts,
    // so only those days (and the new lease's own start) are tried.
    public string? Overfill(string unitId, double unitArea, DateOnly start, DateOnly end, double area, Func<LeaseFact, string> describe)
    {
        var others = OfUnit(unitId).Where(l => l.Start != start && l.Start < end && start < l.End).ToList();
        var (peak, day) = (0.0, start);
        foreach (var d in others.Select(o => o.Start).Where(d => d > start).Append(start))
        {
            var sum = others.Where(o => o.Start <= d && d < o.End).Sum(o => o.Area);
            if (sum > peak) (peak, day) = (sum, d);
        }
        if (peak + area <= unitArea + AreaTolerance) return null;
        if (peak == 0) return $"{M2(area)} m2 is more than unit {unitId}'s area, {M2(unitArea)} m2";
        var overlapping = others.Where(o => o.Start <= day && day < o.End).OrderBy(o => o.Start).ToList();
        var named = string.Join("; ", overlapping.Take(MaxNamed).Select(describe)) + (overlapping.Count > MaxNamed ? $"; {overlapping.Count - MaxNamed} more" : "");
        return $"unit {unitId} has {M2(unitArea)} m2, and on {day:yyyy-MM-dd} {M2(peak)} m2 of it is already let "
            + $"({named}): {M2(area)} m2 more would make {M2(peak + area)} m2";
    }

    public static string M2(double area) => Math.Round(area, 2).ToString("0.##", CultureInfo.InvariantCulture);
}
