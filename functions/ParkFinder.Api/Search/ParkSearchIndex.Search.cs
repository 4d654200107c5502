using System.Globalization;
using ParkFinder.Api.Parks;

namespace ParkFinder.Api.Search;

public sealed partial class ParkSearchIndex
{
    private const double EarthRadiusKm = 6371.0088;

    public SearchResult Search(ParkQuery q)
    {
        // Candidates: the text matches when there is a query, else the smallest posting list among
        // the equality filters, else every park. Every filter is still checked on each candidate.
        int[]? candidates = null;
        var terms = q.Text is { } text ? TextIndex.Terms(text) : null;
        if (terms is not null)
        {
            candidates = _text.Candidates(terms);
        }
        else
        {
            if (q.District is { } d) candidates = Smaller(candidates, _byDistrict.GetValueOrDefault(ParseCode(d)) ?? []);
            if (q.City is { } c) candidates = Smaller(candidates, _byCity.GetValueOrDefault(ParseCode(c)) ?? []);
            if (q.Industries.Length > 0) candidates = Smaller(candidates, IndustryUnion(q.Industries));
        }

        var cursorRank = -1;
        if (q.After is { } after)
        {
            var pos = Array.BinarySearch(_ids, after.ParkId, StringComparer.Ordinal);
            cursorRank = pos >= 0 ? pos : ~pos - 1;
        }
        if (terms is null && candidates is null && !q.HasUnitFilter && q.MinStars is null && q.RadiusKm is null
            && _orders is not null && _orders.TryGetValue(q.Sort, out var order))
            return FromOrder(q, order.Keys, order.Parks, cursorRank);

        var filter = new Filter(this, q, terms, scanned: candidates?.Length ?? _parks.Length);
        // A broad unit filter: only parks owning a unit that passed the vector pass can match.
        if (candidates is null && filter.UnitBits is { } bits) candidates = ParksWithUnits(bits);

        // Keep the best `limit + 1` after the cursor in a max-heap: O(n log limit), no full sort.
        var keep = q.Limit + 1;
        var heap = new PriorityQueue<int, (double Key, int Rank)>(keep, ReverseOrder.Instance);
        var total = 0;
        var count = candidates?.Length ?? _parks.Length;
        for (var c = 0; c < count; c++)
        {
            var p = candidates is null ? c : candidates[c];
            if (!filter.Matches(p, out var score, out var matchedMinRent)) continue;
            total++;
            var key = SortKey(q, p, score, matchedMinRent) + 0.0;
            if (q.After is { } a && (key < a.Key || (key == a.Key && p <= cursorRank))) continue;
            if (heap.Count < keep) heap.Enqueue(p, (key, p));
            else if (heap.TryPeek(out _, out var worst) && Compare((key, p), worst) < 0) heap.DequeueEnqueue(p, (key, p));
        }

        var page = new List<(int Park, double Key)>(heap.Count);
        while (heap.TryDequeue(out var p, out var pri)) page.Add((p, pri.Key));
        page.Reverse();
        return Page(q, page, total);
    }

    private SearchResult Page(ParkQuery q, List<(int Park, double Key)> page, int total)
    {
        var hasMore = page.Count > q.Limit;
        if (hasMore) page.RemoveAt(page.Count - 1);
        var items = page.Select(x => new SearchHit(_parks[x.Park], q.Lat is { } lat && q.Lng is { } lng ? Math.Round(DistanceKm(lat, lng, _lat[x.Park], _lng[x.Park]), 2) : null)).ToList();
        var next = hasMore ? new SearchCursor(page[^1].Key, _ids[page[^1].Park]) : null;
        return new SearchResult(items, next, total);
    }

    // The precomputed order holds every park sorted by (key, rank): a page is the next limit + 1 after the cursor.
    private SearchResult FromOrder(ParkQuery q, double[] keys, int[] parks, int cursorRank)
    {
        int lo = 0, hi = parks.Length;
        if (q.After is { } a)
            while (lo < hi)
            {
                var mid = (lo + hi) / 2;
                if (Compare((keys[mid], parks[mid]), (a.Key, cursorRank)) <= 0) lo = mid + 1;
                else hi = mid;
            }
        var page = new List<(int Park, double Key)>(q.Limit + 1);
        for (var i = lo; i < parks.Length && page.Count <= q.Limit; i++) page.Add((parks[i], keys[i]));
        return Page(q, page, parks.Length);
    }

    // Parks (ascending) with a flat unit whose bit is set, plus every park whose units were replaced since the build.
    private int[] ParksWithUnits(ulong[] bits)
    {
        var parks = new List<int>();
        var last = -1;
        for (var w = 0; w < bits.Length; w++)
        {
            var word = bits[w];
            while (word != 0)
            {
                var p = _unitPark[(w << 6) + System.Numerics.BitOperations.TrailingZeroCount(word)];
                word &= word - 1;
                if (p != last) { parks.Add(p); last = p; }
            }
        }
        if (_overrides is null) return parks.ToArray();
        var overridden = Enumerable.Range(0, _overrides.Length).Where(i => _overrides[i] is not null);
        return parks.Concat(overridden).Distinct().Order().ToArray();
    }

    private double StaticKey(SearchSort sort, int p) => sort switch
    {
        SearchSort.AvailableArea => -_availableArea[p],
        SearchSort.VacancyRate => double.IsNaN(_vacancyRate[p]) ? double.PositiveInfinity : -_vacancyRate[p],
        SearchSort.Stars => -_stars[p],
        _ => -_updated[p],
    } + 0.0;

    private double SortKey(ParkQuery q, int p, float score, float matchedMinRent) => q.Sort switch
    {
        SearchSort.Relevance => -score,
        SearchSort.Distance => DistanceKm(q.Lat!.Value, q.Lng!.Value, _lat[p], _lng[p]),
        SearchSort.Rent => float.IsNaN(matchedMinRent) ? double.PositiveInfinity : matchedMinRent,
        SearchSort.AvailableArea => -_availableArea[p],
        SearchSort.VacancyRate => double.IsNaN(_vacancyRate[p]) ? double.PositiveInfinity : -_vacancyRate[p],
        SearchSort.Stars => -_stars[p],
        _ => -_updated[p],
    };

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

    private int[] IndustryUnion(string[] industries)
    {
        int[] union = [];
        foreach (var industry in industries)
            if (_industryIds.TryGetValue(industry, out var id)) union = union.Length == 0 ? _byIndustry[id] : Union(union, _byIndustry[id]);
        return union;
    }

    // Merge of two ascending lists without duplicates.
    private static int[] Union(int[] a, int[] b)
    {
        var result = new int[a.Length + b.Length];
        int i = 0, j = 0, k = 0;
        while (i < a.Length || j < b.Length)
        {
            if (j == b.Length || (i < a.Length && a[i] < b[j])) result[k++] = a[i++];
            else if (i == a.Length || b[j] < a[i]) result[k++] = b[j++];
            else { result[k++] = a[i++]; j++; }
        }
        return result[..k];
    }

    private static int[] Smaller(int[]? current, int[] candidate) => current is null || candidate.Length < current.Length ? candidate : current;

    private static int ParseCode(string code) => int.Parse(code, CultureInfo.InvariantCulture);

    public static double DistanceKm(double lat1, double lng1, double lat2, double lng2)
    {
        static double Rad(double d) => d * Math.PI / 180;
        var dLat = Rad(lat2 - lat1);
        var dLng = Rad(lng2 - lng1);
        var h = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) + Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Sin(dLng / 2) * Math.Sin(dLng / 2);
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }
}
