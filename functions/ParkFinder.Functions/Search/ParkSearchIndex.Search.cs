using System.Buffers;
using System.Globalization;
using System.Numerics;

namespace ParkFinder.Functions.Search;

public sealed partial class ParkSearchIndex
{
    // A search narrows one bit per park: a starting set (the smallest of the text, district, city,
    // industry, latitude band and stars candidates), then the park checks, the text, and the unit
    // filters; the count of bits left is the total, and the page is picked from them.
    public SearchResult Search(ParkQuery q)
    {
        var n = Count;
        var terms = q.Text is { } text ? TextIndex.Terms(text) : null;
        var cursorRank = -1;
        if (q.After is { } after)
        {
            var pos = Array.BinarySearch(_records.Ids, after.ParkId, StringComparer.Ordinal);
            cursorRank = pos >= 0 ? pos : ~pos - 1;
        }
        var plain = terms is null && q.Box is null && q.Province is null && q.City is null && q.District is null && q.Industries.Length == 0 && q.MinStars is null
            && q.RadiusKm is null && !q.HasUnitFilter && !q.HasEcosystemFilter && !StaleChangesOrder(q);
        if (plain && _orders.TryGet(q.Sort, out var everyPark)) return FromOrder(q, everyPark, cursorRank, null, n);

        var words = Words(n);
        var parks = ArrayPool<ulong>.Shared.Rent(words);
        var spare = ArrayPool<ulong>.Shared.Rent(words);
        var scores = terms is null ? null : ArrayPool<float>.Shared.Rent(n);
        ulong[]? unitBits = null;
        try
        {
            var units = Narrow(q, terms, parks, spare, words, scores, out unitBits);
            var total = PopCount(parks, words);
            // The rent lists hold fresh units only: with stale ones asked for, every match is ranked directly.
            if (q.Sort == SearchSort.Rent && units is not null)
                return q.IncludeStale ? Top(q, parks, words, total, cursorRank, null, units, unitBits) : ByMatchedRent(q, parks, words, total, cursorRank, units, unitBits);
            var useOrder = (q.Sort is not (SearchSort.Distance or SearchSort.Relevance or SearchSort.Track) || (q.Sort == SearchSort.Relevance && terms is null))
                && !StaleChangesOrder(q);
            // Walking a precomputed order finds a page quickly when matches are common; few matches are cheaper ranked directly.
            return useOrder && total * 16L >= n
                ? FromOrder(q, _orders[q.Sort], cursorRank, parks, total)
                : Top(q, parks, words, total, cursorRank, scores);
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(parks);
            ArrayPool<ulong>.Shared.Return(spare);
            if (scores is not null) ArrayPool<float>.Shared.Return(scores);
            if (unitBits is not null) ArrayPool<ulong>.Shared.Return(unitBits);
        }
    }

    // Keeps in `parks` (all ones on entry but for the stars start) the matches of every filter: the starting set,
    // the park checks, the text (scoring into `scores`) and the unit filters. Returns the unit filter, and the unit
    // bits when the pass over all units was made (rented: the caller returns them).
    private UnitFilter? Narrow(ParkQuery q, string[]? terms, ulong[] parks, ulong[] spare, int words, float[]? scores, out ulong[]? unitBits)
    {
        unitBits = null;
        var parkCheck = Start(q, terms, parks, words);
        if (parkCheck.Any) NarrowByPark(parks, words, parkCheck);
        if (terms is not null) _text.Match(terms, parks, spare, words, scores!);
        if (!q.HasUnitFilter) return null;
        var units = new UnitFilter(q, _tags.Bits);
        // The bitmaps cost about as much as checking a thousand parks' units one by one (at 50,000 parks):
        // used when more than 1/32 of the catalog is left.
        if (PopCount(parks, words) * 32L >= Count)
        {
            unitBits = ArrayPool<ulong>.Shared.Rent(_available.Bitmaps.Words);
            var work = ArrayPool<ulong>.Shared.Rent(Math.Max(_available.Bitmaps.Words, words + 1));
            _available.Bitmaps.Mark(units, unitBits, _available.TypeBitsPresent, work);
            NarrowByUnits(parks, words, units, unitBits, work);
            ArrayPool<ulong>.Shared.Return(work);
        }
        else NarrowByUnits(parks, words, units, null, null);
        return units;
    }

    // The matches of a query as one bit per park, in a rented array the caller returns to ArrayPool<ulong>.Shared.
    internal ulong[] Matches(ParkQuery q, out int total)
    {
        var parks = Matches(q, out total, out var unitBits);
        if (unitBits is not null) ArrayPool<ulong>.Shared.Return(unitBits);
        return parks;
    }

    // The same, with the units meeting its unit filters when the pass over all units was made (rented too, or null).
    internal ulong[] Matches(ParkQuery q, out int total, out ulong[]? unitBits)
    {
        var words = Words(Count);
        var parks = ArrayPool<ulong>.Shared.Rent(words);
        var spare = ArrayPool<ulong>.Shared.Rent(words);
        var terms = q.Text is { } text ? TextIndex.Terms(text) : null;
        var scores = terms is null ? null : ArrayPool<float>.Shared.Rent(Count);
        try
        {
            Narrow(q, terms, parks, spare, words, scores, out unitBits);
            total = PopCount(parks, words);
            return parks;
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(spare);
            if (scores is not null) ArrayPool<float>.Shared.Return(scores);
        }
    }

    // The precomputed rent and availableArea orders count fresh units only; with stale ones asked for,
    // those sorts rank on keys that count them too, as the figures shown do.
    private static bool StaleChangesOrder(ParkQuery q) => q.IncludeStale && q.Sort is SearchSort.Rent or SearchSort.AvailableArea;

    // Fills `parks` with the smallest starting set and says which park checks it does not already imply.
    private ParkCheck Start(ParkQuery q, string[]? terms, ulong[] parks, int words)
    {
        var check = new ParkCheck(q, this);
        Array.Copy(_figures.StarsAtLeast(q.MinStars ?? 0), parks, words);
        _overlay?.FixStars(parks, q.MinStars ?? 0);
        var text = terms is null ? null : _text.Candidates(terms);
        var district = q.District is { } d ? _places.InDistrict(ParseCode(d)) ?? [] : null;
        var city = q.City is { } c ? _places.InCity(ParseCode(c)) ?? [] : null;
        var industries = q.Industries.Length == 0 ? null
            : q.Industries.Select(i => _places.IndustryIds.TryGetValue(i, out var id) ? _places.WithIndustry(id)! : []).ToArray();
        var band = check.Geo || check.Box;
        var (bandFrom, bandTo) = band
            ? _locations.Band(check.BandMinLat, check.BandMaxLat)
            : (0, 0);
        var sizes = new[] { text?.Length ?? int.MaxValue, district?.Length ?? int.MaxValue, city?.Length ?? int.MaxValue,
            industries?.Sum(list => list.Length) ?? int.MaxValue, band ? bandTo - bandFrom : int.MaxValue };
        var smallest = Array.IndexOf(sizes, sizes.Min());
        if (sizes[smallest] == int.MaxValue) return check; // stars alone, or nothing: the stars bits are the set
        var start = ArrayPool<ulong>.Shared.Rent(words);
        Array.Clear(start, 0, words);
        switch (smallest)
        {
            case 0: foreach (var p in text!) start[p >> 6] |= 1UL << (p & 63); break; // the text match narrows further
            case 1: foreach (var p in district!) start[p >> 6] |= 1UL << (p & 63); check.District = -1; break;
            case 2: foreach (var p in city!) start[p >> 6] |= 1UL << (p & 63); check.City = -1; break;
            case 3: foreach (var list in industries!) foreach (var p in list) start[p >> 6] |= 1UL << (p & 63); check.Industries = null; break;
            default: for (var i = bandFrom; i < bandTo; i++) { var p = _locations.ByLat(i); start[p >> 6] |= 1UL << (p & 63); } break;
        }
        for (var w = 0; w < words; w++) parks[w] &= start[w];
        ArrayPool<ulong>.Shared.Return(start);
        return check;
    }

    private void NarrowByPark(ulong[] parks, int words, in ParkCheck check)
    {
        for (var w = 0; w < words; w++)
        {
            var word = parks[w];
            for (var rest = word; rest != 0; rest &= rest - 1)
            {
                var bit = BitOperations.TrailingZeroCount(rest);
                if (!check.Passes(this, (w << 6) + bit)) word &= ~(1UL << bit);
            }
            parks[w] = word;
        }
    }

    // Keeps the parks owning an available unit that meets every unit filter: read from the unit bits
    // when the pass over all units was made, else by scanning the park's units.
    private void NarrowByUnits(ulong[] parks, int words, UnitFilter units, ulong[]? unitBits, ulong[]? work)
    {
        if (unitBits is null || units.SlowTags.Length > 0)
        {
            for (var w = 0; w < words; w++)
            {
                var word = parks[w];
                for (var rest = word; rest != 0; rest &= rest - 1)
                {
                    var bit = BitOperations.TrailingZeroCount(rest);
                    if (!HasFittingUnit((w << 6) + bit, units, unitBits)) word &= ~(1UL << bit);
                }
                parks[w] = word;
            }
            return;
        }
        // The base's units of changed parks no longer count: those parks are checked on their overlay units.
        var changed = _overlay?.Parks.Keys.Where(p => (parks[p >> 6] & (1UL << (p & 63))) != 0).ToList();
        _available.Bitmaps.KeepParksWithAny(unitBits, parks, words, work!);
        foreach (var p in changed ?? [])
            if (HasFittingUnit(p, units, unitBits)) parks[p >> 6] |= 1UL << (p & 63);
            else parks[p >> 6] &= ~(1UL << (p & 63));
    }

    private bool HasFittingUnit(int p, UnitFilter units, ulong[]? unitBits)
    {
        if (!units.MayPass(in BoundsOf(p))) return false;
        if (IsOverridden(p))
        {
            var o = _overlay!.Parks[p].Units;
            for (var u = 0; u < o.Count; u++)
                if (UnitFits(o, u, p, units, null)) return true;
            return false;
        }
        var (columns, end) = (_available.Columns, _available.Starts[p + 1]);
        for (var u = _available.Starts[p]; u < end; u++)
            if (UnitFits(columns, u, p, units, unitBits)) return true;
        return false;
    }

    // bits: the unit bits of c, or null to test the unit's values. Inlined: it runs per unit.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private bool UnitFits(UnitColumns c, int u, int p, UnitFilter units, ulong[]? bits)
    {
        if (bits is not null ? (bits[u >> 6] & (1UL << (u & 63))) == 0 : !units.Passes(c, u)) return false;
        foreach (var tag in units.SlowTags)
            if (!c.TagNames[u].Contains(tag) && !FacetsOf(p).Tags.Contains(tag)) return false;
        return true;
    }

    // The rent sort with unit filters ranks a park by its cheapest unit that fits; +inf when none of those has a rent.
    private double MatchedMinRent(int p, UnitFilter units, ulong[]? unitBits)
    {
        var min = double.PositiveInfinity;
        var (c, start, end, bits) = UnitsOf(p, unitBits);
        for (var u = start; u < end; u++)
            if (!float.IsNaN(c.Rent[u]) && c.Rent[u] < min && UnitFits(c, u, p, units, bits)) min = c.Rent[u];
        return min;
    }

    private double StaticKey(SearchSort sort, int p) => IsOverridden(p) ? _overlay!.Parks[p].Key(sort)
        : _figures.Key(sort, p, _available.Bounds[p].MinFreshRent);

    private static int ParseCode(string code) => int.Parse(code, CultureInfo.InvariantCulture);

    private static int PopCount(ulong[] bits, int words)
    {
        var count = 0;
        for (var w = 0; w < words; w++) count += BitOperations.PopCount(bits[w]);
        return count;
    }
}
