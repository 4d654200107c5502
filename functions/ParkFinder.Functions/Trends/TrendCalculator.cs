using ParkFinder.Functions.Leases;
using ParkFinder.Functions.Parks;

namespace ParkFinder.Functions.Trends;

// METRICS.md's monthly metrics, as a pure function of leases and current units. Each lease adds to
// six series (its park, district and city; its space type and "all") through difference arrays, so
// the cost is linear in leases plus series x months.
public static class TrendCalculator
{
    public const string AllTypes = "all";

    // Every series' monthly arrays live in shared blocks of BlockSeries series each: a few large
    // arrays (never moved by the GC) instead of six small ones per series, which the GC copied
    // from generation to generation as they all survive the computation.
    private sealed class Block(int stride)
    {
        public const int BlockSeries = 256;
        public readonly double[] Occupied = new double[BlockSeries * stride];   // deltas, then running sums
        public readonly double[] Expiring = new double[BlockSeries * stride];
        public readonly double[] Leased = new double[BlockSeries * stride];
        public readonly int[] Count = new int[BlockSeries * stride];
        public readonly double[] ContractSum = new double[BlockSeries * stride];
        public readonly double[] EffectiveSum = new double[BlockSeries * stride];
        public int Used;
    }

    private sealed class Series(Block block, int offset)
    {
        public readonly Block Block = block;
        public readonly int Offset = offset; // month m of this series is [Offset + m] of the block's arrays
        public double Inventory;
        public int FirstMonth = int.MaxValue;
        public List<double>? Asking;
        // The current month's stock figures as of the run date, not a month end still to come.
        public double OccupiedNow, ExpiringNow;
    }

    // scopes: only these scope keys are produced (null: every scope with data). current: the last month produced.
    // asOf: the run date (in the current month), on which the current month's occupied and expiring areas
    // are taken; without it, on the current month's last day.
    public static List<TrendSeries> Compute(IEnumerable<LeaseFact> leases, IEnumerable<UnitFact> units, int currentMonth, IReadOnlySet<string>? scopes = null,
        DateOnly? asOf = null)
    {
        if (asOf is { } day && Months.Of(day) != currentMonth) throw new ArgumentOutOfRangeException(nameof(asOf), "must be in the current month");
        var leaseList = leases as IReadOnlyList<LeaseFact> ?? leases.ToList();
        if (leaseList.Count == 0) return [];
        // From the earliest start, or signing when a lease was signed before any lease began.
        var first = leaseList.Min(l => Math.Min(Months.Of(l.Start), Months.Of(l.Signed)));
        if (first > currentMonth) return [];
        var length = currentMonth - first + 1;
        var stride = length + 1;
        var series = new Dictionary<(string Scope, string Type), Series>();
        Block? block = null;
        Series NewSeries()
        {
            if (block is null || block.Used == Block.BlockSeries) block = new Block(stride);
            return new Series(block, block.Used++ * stride);
        }

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
                    if (!series.TryGetValue((scope, t), out var s)) series[(scope, t)] = s = NewSeries();
                    list.Add(s);
                }
            }
            return seriesCache[(park, type)] = list.ToArray();
        }

        var unitsByPark = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var u in units)
        {
            if (!unitsByPark.TryGetValue(u.ParkId, out var known)) unitsByPark[u.ParkId] = known = new HashSet<string>(StringComparer.Ordinal);
            known.Add(u.UnitId);
            foreach (var s in SeriesOf(u.ParkId, u.DistrictCode, u.CityCode, u.Type))
            {
                s.Inventory += u.Area;
                if (u.AskingMonthlyPerM2 is { } asking) (s.Asking ??= []).Add(asking);
            }
        }

        // Leases grouped by park and type: each group's six series and its park's units are looked up
        // once, and its series stay in cache while its leases are added (in file order the series
        // arrays are touched at random: cache misses dominated).
        var groups = new Dictionary<(string Park, SpaceType Type), List<LeaseFact>>();
        foreach (var l in leaseList)
        {
            if (!groups.TryGetValue((l.ParkId, l.Type), out var group)) groups[(l.ParkId, l.Type)] = group = [];
            group.Add(l);
        }
        var unknownUnitArea = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var ((park, type), group) in groups)
        {
            var targets = SeriesOf(park, group[0].DistrictCode, group[0].CityCode, type);
            unitsByPark.TryGetValue(park, out var knownUnits);
            unknownUnitArea.Clear();
            foreach (var l in group)
            {
                var start = Months.Of(l.Start) - first;
                var end = Months.Of(l.End) - first;      // active months: [start, end - 1] (METRICS.md: start <= E < end)
                var signed = Months.Of(l.Signed) - first;
                var expiringFrom = Math.Max(start, end - 12);
                var contract = l.MonthlyPerM2 * l.Area;
                var effective = l.EffectiveMonthlyPerM2 * l.Area;
                var activeNow = asOf is { } d && l.Start <= d && d < l.End;
                var expiringNow = activeNow && l.End <= asOf!.Value.AddMonths(12);
                if (knownUnits is null || !knownUnits.Contains(l.UnitId))
                    if (!unknownUnitArea.TryGetValue(l.UnitId, out var seen) || l.Area > seen) unknownUnitArea[l.UnitId] = l.Area;
                foreach (var s in targets)
                {
                    s.FirstMonth = Math.Min(s.FirstMonth, Math.Min(start, signed));
                    var (b, o) = (s.Block, s.Offset);
                    if (start < length)
                    {
                        b.Occupied[o + start] += l.Area;
                        b.Occupied[o + Math.Min(end, length)] -= l.Area;
                    }
                    if (expiringFrom < end && expiringFrom < length)
                    {
                        b.Expiring[o + expiringFrom] += l.Area;
                        b.Expiring[o + Math.Min(end, length)] -= l.Area;
                    }
                    if (activeNow)
                    {
                        s.OccupiedNow += l.Area;
                        if (expiringNow) s.ExpiringNow += l.Area;
                    }
                    if (signed >= 0 && signed < length)
                    {
                        b.Leased[o + signed] += l.Area;
                        b.Count[o + signed]++;
                        b.ContractSum[o + signed] += contract;
                        b.EffectiveSum[o + signed] += effective;
                    }
                }
            }
            // A leased unit missing from the Units table still counts toward inventory, once (its largest lease).
            foreach (var area in unknownUnitArea.Values)
                foreach (var s in targets)
                    s.Inventory += area;
        }

        var labels = Enumerable.Range(first, length).Select(Months.Format).ToArray();
        var result = new List<TrendSeries>(series.Count);
        foreach (var ((scope, type), s) in series)
        {
            if (s.FirstMonth == int.MaxValue || s.FirstMonth >= length) continue; // units only, or leases starting later
            // Deltas to running sums in place; each point is then read straight from the arrays.
            var (b, o) = (s.Block, s.Offset);
            for (var m = 1; m < length; m++)
            {
                b.Occupied[o + m] += b.Occupied[o + m - 1];
                b.Expiring[o + m] += b.Expiring[o + m - 1];
            }
            if (asOf is not null)
                (b.Occupied[o + length - 1], b.Expiring[o + length - 1]) = (s.OccupiedNow, s.ExpiringNow);
            result.Add(new TrendSeries(scope, type, new SeriesPoints(s, labels, s.FirstMonth, length, Median(s.Asking))));
        }
        return result;
    }

    // A series' points, made when read (the job writes each series once, a year per row), so the
    // millions of points of a large run are never all held at once.
    private sealed class SeriesPoints(Series s, string[] labels, int firstMonth, int length, double? asking) : IReadOnlyList<TrendPoint>
    {
        public int Count => length - firstMonth;

        public TrendPoint this[int index]
        {
            get
            {
                if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index));
                var m = firstMonth + index;
                var (b, o) = (s.Block, s.Offset);
                var occupied = b.Occupied[o + m];
                var previous = m == 0 ? 0 : b.Occupied[o + m - 1];
                var leased = b.Count[o + m] > 0;
                return new TrendPoint(
                    labels[m],
                    s.Inventory,
                    occupied,
                    s.Inventory > 0 ? Math.Clamp(1 - occupied / s.Inventory, 0, 1) : null,
                    occupied - previous,
                    b.Leased[o + m],
                    b.Count[o + m],
                    leased ? b.ContractSum[o + m] / b.Leased[o + m] : null,
                    leased ? b.EffectiveSum[o + m] / b.Leased[o + m] : null,
                    m == length - 1 ? asking : null,
                    b.Expiring[o + m]);
            }
        }

        public IEnumerator<TrendPoint> GetEnumerator()
        {
            for (var i = 0; i < Count; i++) yield return this[i];
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    public static double? Median(List<double>? values)
    {
        if (values is null || values.Count == 0) return null;
        values.Sort();
        var mid = values.Count / 2;
        return values.Count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}
