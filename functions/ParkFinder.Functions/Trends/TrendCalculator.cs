using ParkFinder.Functions.Parks;

namespace ParkFinder.Functions.Trends;

// METRICS.md's monthly metrics, as a pure function of leases and current units. Each lease adds to
// six series (its park, district and city; its space type and "all") through difference arrays, so
// the cost is linear in leases plus series x months.
public static class TrendCalculator
{
    public const string AllTypes = "all";

    private sealed class Series(int length)
    {
        public readonly double[] Occupied = new double[length + 1];   // deltas, then running sums
        public readonly double[] Expiring = new double[length + 1];
        public readonly double[] Leased = new double[length];
        public readonly int[] Count = new int[length];
        public readonly double[] ContractSum = new double[length];
        public readonly double[] EffectiveSum = new double[length];
        public double Inventory;
        public int FirstMonth = int.MaxValue;
        public List<double>? Asking;
    }

    // scopes: only these scope keys are produced (null: every scope with data). current: the last month produced.
    public static List<TrendSeries> Compute(IEnumerable<LeaseFact> leases, IEnumerable<UnitFact> units, int currentMonth, IReadOnlySet<string>? scopes = null)
    {
        var leaseList = leases as IReadOnlyList<LeaseFact> ?? leases.ToList();
        if (leaseList.Count == 0) return [];
        // From the earliest start, or signing when a lease was signed before any lease began.
        var first = leaseList.Min(l => Math.Min(Months.Of(l.Start), Months.Of(l.Signed)));
        if (first > currentMonth) return [];
        var length = currentMonth - first + 1;
        var series = new Dictionary<(string Scope, string Type), Series>();

        // The (up to) six series a lease or unit adds to, cached per (park, type): parks hold many leases.
        var seriesCache = new Dictionary<(string Park, SpaceType Type), Series[]>();
        Series[] SeriesOf(string park, string district, string city, SpaceType type)
        {
            if (seriesCache.TryGetValue((park, type), out var cached)) return cached;
            var list = new List<Series>(6);
            foreach (var scope in new[] { "park:" + park, "district:" + district, "city:" + city })
            {
                if (scopes is not null && !scopes.Contains(scope)) continue;
                foreach (var t in new[] { type.ToApi(), AllTypes })
                {
                    if (!series.TryGetValue((scope, t), out var s)) series[(scope, t)] = s = new Series(length);
                    list.Add(s);
                }
            }
            return seriesCache[(park, type)] = list.ToArray();
        }

        var knownUnits = new HashSet<(string, string)>();
        foreach (var u in units)
        {
            knownUnits.Add((u.ParkId, u.UnitId));
            foreach (var s in SeriesOf(u.ParkId, u.DistrictCode, u.CityCode, u.Type))
            {
                s.Inventory += u.Area;
                if (u.AskingMonthlyPerM2 is { } asking) (s.Asking ??= []).Add(asking);
            }
        }

        // Leases grouped by park and type, so each group's six series stay in cache while its leases
        // are added (in file order the series arrays are touched at random: cache misses dominated).
        var groups = new Dictionary<(string Park, SpaceType Type), List<LeaseFact>>();
        foreach (var l in leaseList)
        {
            if (!groups.TryGetValue((l.ParkId, l.Type), out var group)) groups[(l.ParkId, l.Type)] = group = [];
            group.Add(l);
        }
        var unknownUnitArea = new Dictionary<(string Park, string Unit, SpaceType Type), (LeaseFact Lease, double Area)>();
        foreach (var l in groups.Values.SelectMany(g => g))
        {
            var start = Months.Of(l.Start) - first;
            var end = Months.Of(l.End) - first;      // active months: [start, end - 1] (METRICS.md: start <= E < end)
            var signed = Months.Of(l.Signed) - first;
            var expiringFrom = Math.Max(start, end - 12);
            var contract = l.MonthlyPerM2 * l.Area;
            var effective = l.EffectiveMonthlyPerM2 * l.Area;
            if (!knownUnits.Contains((l.ParkId, l.UnitId)))
            {
                var key = (l.ParkId, l.UnitId, l.Type);
                if (!unknownUnitArea.TryGetValue(key, out var seen) || l.Area > seen.Area) unknownUnitArea[key] = (l, l.Area);
            }
            foreach (var s in SeriesOf(l.ParkId, l.DistrictCode, l.CityCode, l.Type))
            {
                s.FirstMonth = Math.Min(s.FirstMonth, Math.Min(start, signed));
                if (start < length)
                {
                    s.Occupied[start] += l.Area;
                    s.Occupied[Math.Min(end, length)] -= l.Area;
                }
                if (expiringFrom < end && expiringFrom < length)
                {
                    s.Expiring[expiringFrom] += l.Area;
                    s.Expiring[Math.Min(end, length)] -= l.Area;
                }
                if (signed >= 0 && signed < length)
                {
                    s.Leased[signed] += l.Area;
                    s.Count[signed]++;
                    s.ContractSum[signed] += contract;
                    s.EffectiveSum[signed] += effective;
                }
            }
        }
        // A leased unit missing from the Units table still counts toward inventory, once.
        foreach (var (lease, area) in unknownUnitArea.Values)
            foreach (var s in SeriesOf(lease.ParkId, lease.DistrictCode, lease.CityCode, lease.Type))
                s.Inventory += area;

        var labels = Enumerable.Range(first, length).Select(Months.Format).ToArray();
        var result = new List<TrendSeries>(series.Count);
        foreach (var ((scope, type), s) in series)
        {
            if (s.FirstMonth == int.MaxValue || s.FirstMonth >= length) continue; // units only, or leases starting later
            double occupied = 0, expiring = 0, previous = 0;
            for (var m = 0; m < s.FirstMonth; m++) { occupied += s.Occupied[m]; expiring += s.Expiring[m]; }
            previous = occupied;
            var asking = Median(s.Asking);
            var points = new List<TrendPoint>(length - s.FirstMonth);
            for (var m = s.FirstMonth; m < length; m++)
            {
                occupied += s.Occupied[m];
                expiring += s.Expiring[m];
                var leased = s.Count[m] > 0;
                points.Add(new TrendPoint(
                    labels[m],
                    s.Inventory,
                    occupied,
                    s.Inventory > 0 ? Math.Clamp(1 - occupied / s.Inventory, 0, 1) : null,
                    occupied - previous,
                    s.Leased[m],
                    s.Count[m],
                    leased ? s.ContractSum[m] / s.Leased[m] : null,
                    leased ? s.EffectiveSum[m] / s.Leased[m] : null,
                    m == length - 1 ? asking : null,
                    expiring));
                previous = occupied;
            }
            result.Add(new TrendSeries(scope, type, points));
        }
        return result;
    }

    public static double? Median(List<double>? values)
    {
        if (values is null || values.Count == 0) return null;
        values.Sort();
        var mid = values.Count / 2;
        return values.Count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}
