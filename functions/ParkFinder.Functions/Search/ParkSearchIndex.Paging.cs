namespace ParkFinder.Functions.Search;

public sealed partial class ParkSearchIndex
{
    private const double EarthRadiusKm = 6371.0088;

    // The page after the cursor from an order of every park by (key, rank): the next limit + 1 whose
    // bit is set (every park when bits is null).
    private SearchResult FromOrder(ParkQuery q, (double[] Keys, int[] Parks) order, int cursorRank, ulong[]? bits, int total)
    {
        var (keys, parks) = order;
        int lo = 0, hi = parks.Length;
        if (q.After is { } a)
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (Compare((keys[mid], parks[mid]), (a.Key, cursorRank)) <= 0) lo = mid + 1;
                else hi = mid;
            }
        var page = new List<(int Park, double Key)>(q.Limit + 1);
        // Changed parks are skipped in the base order and merged in from their own keys.
        var changed = _overlay is null ? [] : _overlay.Parks.Keys
            .Where(p => bits is null || (bits[p >> 6] & (1UL << (p & 63))) != 0)
            .Select(p => (Key: StaticKey(q.Sort, p), Rank: p))
            .Where(x => q.After is null || Compare(x, (q.After.Key, cursorRank)) > 0)
            .Order(Comparer<(double Key, int Rank)>.Create(Compare)).ToList();
        var next = 0;
        for (var i = lo; i < parks.Length && page.Count <= q.Limit; i++)
        {
            var p = parks[i];
            for (; next < changed.Count && Compare(changed[next], (keys[i], p)) < 0 && page.Count <= q.Limit; next++) page.Add((changed[next].Rank, changed[next].Key));
            if (page.Count > q.Limit) break;
            if ((bits is null || (bits[p >> 6] & (1UL << (p & 63))) != 0) && !IsOverridden(p)) page.Add((p, keys[i]));
        }
        for (; next < changed.Count && page.Count <= q.Limit; next++) page.Add((changed[next].Rank, changed[next].Key));
        return Page(q, page, total);
    }

    // The best limit + 1 matches after the cursor, kept in a max-heap: O(matches · log limit), no full sort.
    private SearchResult Top(ParkQuery q, ulong[] bits, int words, int total, int cursorRank, float[]? scores,
        UnitFilter? units = null, ulong[]? unitBits = null)
    {
        var heap = new PriorityQueue<int, (double Key, int Rank)>(q.Limit + 1, ReverseOrder.Instance);
        var (x, y, z) = q.Sort == SearchSort.Distance ? ParkLocations.PointOnSphere(q.Lat!.Value, q.Lng!.Value) : default;
        var track = q.Track is null ? -1 : _definitions.TrackIndex(q.Track);
        for (var w = 0; w < words; w++)
            for (var rest = bits[w]; rest != 0; rest &= rest - 1)
            {
                var p = (w << 6) + System.Numerics.BitOperations.TrailingZeroCount(rest);
                var key = q.Sort switch
                {
                    SearchSort.Relevance => scores is null ? 0 : -scores[p],
                    SearchSort.Distance => _locations.SquaredChord(p, x, y, z), // orders as the distance does
                    SearchSort.Track => track < 0 ? 0 : -FacetsOf(p).Scores[track],
                    SearchSort.Rent when units is not null => MatchedMinRent(p, units, unitBits),
                    SearchSort.Rent when q.IncludeStale => BoundsOf(p).MinRent + 0.0,
                    SearchSort.AvailableArea when q.IncludeStale => -FacetsOf(p).AvailableAreaWithStale,
                    _ => StaticKey(q.Sort, p),
                };
                Offer(heap, q, cursorRank, p, key);
            }
        return Page(q, Drain(heap), total);
    }

    // The rent sort with unit filters ranks a park by its cheapest unit that fits. Units are walked
    // by rent, so every park that can reach the page is met, and the walk stops once the page is
    // full and rents exceed its worst key: the first page reads a few hundred units, not all matches.
    private SearchResult ByMatchedRent(ParkQuery q, ulong[] parks, int words, int total, int cursorRank, UnitFilter units, ulong[]? unitBits)
    {
        var keep = q.Limit + 1;
        var heap = new PriorityQueue<int, (double Key, int Rank)>(keep, ReverseOrder.Instance);
        var seen = System.Buffers.ArrayPool<ulong>.Shared.Rent(words);
        Array.Clear(seen, 0, words);
        try
        {
            // Changed parks first (their units are not in the base's rent lists), so the walk's stop still holds.
            foreach (var p in _overlay?.Parks.Keys ?? Enumerable.Empty<int>())
                if ((parks[p >> 6] & (1UL << (p & 63))) != 0)
                {
                    seen[p >> 6] |= 1UL << (p & 63);
                    Offer(heap, q, cursorRank, p, MatchedMinRent(p, units, unitBits));
                }
            // One walk per space type asked for, so units of other types are never read. The part's arrays
            // are read into locals once: the walk's loop then loads no field.
            var (columns, parkOf) = (_available.Columns, _available.ParkOf);
            for (var type = 0; type < _available.Rents.Types; type++)
            {
                if ((units.TypeMask & (1 << type)) == 0) continue;
                var (rents, byRent) = _available.Rents.OfType(type);
                var from = Math.Max(units.ByRent ? SortedFloats.LowerBound(rents, units.MinRent) : 0, q.After is { } a ? SortedFloats.LowerBound(rents, (float)a.Key) : 0);
                for (var i = from; i < rents.Length; i++)
                {
                    if (heap.Count == keep && rents[i] > PeekPriority(heap).Key) break;
                    var u = byRent[i];
                    var p = parkOf[u];
                    var bit = 1UL << (p & 63);
                    if ((parks[p >> 6] & bit) == 0 || (seen[p >> 6] & bit) != 0 || !UnitFits(columns, u, p, units, unitBits)) continue;
                    seen[p >> 6] |= bit;
                    // The park's exact key: its cheapest fitting unit may be of another type, or precede the cursor (then Offer drops it).
                    Offer(heap, q, cursorRank, p, MatchedMinRent(p, units, unitBits));
                }
            }
            // Parks whose fitting units have no rent come last (key +inf), in id order.
            if (heap.Count < keep && !units.ByRent)
                for (var w = 0; w < words; w++)
                    for (var rest = parks[w] & ~seen[w]; rest != 0; rest &= rest - 1)
                    {
                        var p = (w << 6) + System.Numerics.BitOperations.TrailingZeroCount(rest);
                        Offer(heap, q, cursorRank, p, MatchedMinRent(p, units, unitBits));
                    }
            return Page(q, Drain(heap), total);
        }
        finally
        {
            System.Buffers.ArrayPool<ulong>.Shared.Return(seen);
        }
    }

    // Into a max-heap of the best limit + 1 after the cursor.
    private static void Offer(PriorityQueue<int, (double Key, int Rank)> heap, ParkQuery q, int cursorRank, int p, double key)
    {
        key += 0.0; // -0 and +0 are one key
        if (q.After is { } a && Compare((key, p), (a.Key, cursorRank)) <= 0) return;
        if (heap.Count <= q.Limit) heap.Enqueue(p, (key, p));
        else if (Compare((key, p), PeekPriority(heap)) < 0) heap.DequeueEnqueue(p, (key, p));
    }

    private static List<(int Park, double Key)> Drain(PriorityQueue<int, (double Key, int Rank)> heap)
    {
        var page = new List<(int Park, double Key)>(heap.Count);
        while (heap.TryDequeue(out var p, out var pri)) page.Add((p, pri.Key));
        page.Reverse();
        return page;
    }

    private static (double Key, int Rank) PeekPriority(PriorityQueue<int, (double Key, int Rank)> heap) =>
        heap.TryPeek(out _, out var priority) ? priority : default;

    private SearchResult Page(ParkQuery q, List<(int Park, double Key)> page, int total)
    {
        var hasMore = page.Count > q.Limit;
        if (hasMore) page.RemoveAt(page.Count - 1);
        var items = page.Select(x => new SearchHit(ParkAt(x.Park), q.Lat is { } lat && q.Lng is { } lng ? Math.Round(DistanceKm(lat, lng, _locations.Lat(x.Park), _locations.Lng(x.Park)), 2) : null)).ToList();
        var next = hasMore ? new SearchCursor(page[^1].Key, _records.Ids[page[^1].Park]) : null;
        return new SearchResult(items, next, total);
    }

    private static int Compare((double Key, int Rank) a, (double Key, int Rank) b)
    {
        var byKey = a.Key.CompareTo(b.Key);
        return byKey != 0 ? byKey : a.Rank.CompareTo(b.Rank);
    }

    private sealed class ReverseOrder : IComparer<(double Key, int Rank)>
    {
        public static readonly ReverseOrder Instance = new();
        public int Compare((double Key, int Rank) x, (double Key, int Rank) y) => ParkSearchIndex.Compare(y, x);
    }

    public static double DistanceKm(double lat1, double lng1, double lat2, double lng2)
    {
        static double Rad(double d) => d * Math.PI / 180;
        var dLat = Rad(lat2 - lat1);
        var dLng = Rad(lng2 - lng1);
        var h = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) + Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Sin(dLng / 2) * Math.Sin(dLng / 2);
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }
}
