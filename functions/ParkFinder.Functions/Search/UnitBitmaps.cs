using System.Numerics;
using System.Runtime.Intrinsics.X86;

namespace ParkFinder.Functions.Search;

// Bitmap indexes over the unit columns, so a unit filter is a few word-wise ANDs over one bit per unit
// instead of reading every unit's values (a 250,000-unit column is 1 MB; its bitmap is 31 KB):
// - per numeric column, the units sorted by value and, at every Step-th position of that order, a
//   bitmap of the units from there on: a range is the difference of two of those bitmaps plus at most
//   2 × Step single bits at its ends;
// - a bitmap per type bit (stale units have their own) and per tag bit;
// - each park's last unit, to fold unit bits into park bits a word at a time.
// Built once per full index build; landlords' changes live in the index's overlay (ParkSearchIndex.Overlay).
internal sealed class UnitBitmaps
{
    private const int Step = 4096;
    private readonly UnitColumns _columns;
    private readonly int _count, _words;
    private readonly SortedColumn _area, _rent, _ceiling, _load, _power;
    private readonly ulong[][] _types; // [bit of UnitColumns.TypeBit]
    private readonly ulong[][] _tags;  // [tag bit]
    private readonly ulong[] _lastUnit; // a bit at each park's last unit
    private readonly ulong[] _hasUnits; // a bit per park with units
    private readonly bool _everyParkHasUnits;

    public UnitBitmaps(UnitColumns c, int[] unitStart)
    {
        _columns = c;
        _count = c.Count;
        _words = (_count + 63) >> 6;
        _area = new SortedColumn(c.Area, _words);
        _rent = new SortedColumn(c.Rent, _words);
        _ceiling = new SortedColumn(c.Ceiling, _words);
        _load = new SortedColumn(c.Load, _words);
        _power = new SortedColumn(c.Power, _words);
        _types = new ulong[32][];
        _tags = new ulong[64][];
        for (var u = 0; u < _count; u++)
        {
            Set(_types[BitOperations.TrailingZeroCount(c.TypeBit[u])] ??= new ulong[_words], u);
            for (var rest = c.Tags[u]; rest != 0; rest &= rest - 1)
                Set(_tags[BitOperations.TrailingZeroCount(rest)] ??= new ulong[_words], u);
        }
        var parks = unitStart.Length - 1;
        _lastUnit = new ulong[_words];
        _hasUnits = new ulong[(parks + 63) >> 6];
        _everyParkHasUnits = true;
        for (var p = 0; p < parks; p++)
            if (unitStart[p + 1] > unitStart[p]) { Set(_lastUnit, unitStart[p + 1] - 1); Set(_hasUnits, p); }
            else _everyParkHasUnits = false;
    }

    public int Words => _words;

    // Into bits (at least Words long): one bit per unit that passes the
    // filter's type, range, spec and tag tests (UnitFilter.Passes). present: every type bit in use.
    public void Mark(UnitFilter f, ulong[] bits, int present, ulong[] spare)
    {
        Array.Clear(bits, 0, _words);
        var ranges = new List<(SortedColumn Column, int From, int To)>(5);
        if (f.MinArea > _area.Min || f.MaxArea < _area.Max) ranges.Add(_area.Positions(f.MinArea, f.MaxArea));
        if (f.ByRent) ranges.Add(_rent.Positions(f.MinRent, f.MaxRent));
        if (f.ByCeiling) ranges.Add(_ceiling.Positions(f.MinCeiling, float.PositiveInfinity));
        if (f.ByLoad) ranges.Add(_load.Positions(f.MinLoad, float.PositiveInfinity));
        if (f.ByPower) ranges.Add(_power.Positions(f.MinPower, float.PositiveInfinity));
        ranges.Sort((a, b) => (a.To - a.From).CompareTo(b.To - b.From));

        // A narrow range: check its few units one by one rather than reading whole bitmaps.
        if (ranges.Count > 0 && ranges[0].To - ranges[0].From < _words / 2)
        {
            var (column, from, to) = ranges[0];
            for (var i = from; i < to; i++)
                if (f.Passes(_columns, column.Units[i])) Set(bits, column.Units[i]);
            return;
        }
        if (ranges.Count > 0) ranges[0].Column.Range(ranges[0].From, ranges[0].To, bits);
        else for (var w = 0; w < _words; w++) bits[w] = _count - (w << 6) >= 64 ? ~0UL : (1UL << (_count & 63)) - 1;
        for (var r = 1; r < ranges.Count; r++)
        {
            ranges[r].Column.Range(ranges[r].From, ranges[r].To, spare);
            And(bits, spare);
        }
        var types = f.TypeMask & present;
        if (types != present)
        {
            Array.Clear(spare, 0, _words);
            for (var rest = types; rest != 0; rest &= rest - 1)
                if (_types[BitOperations.TrailingZeroCount(rest)] is { } ofType)
                    for (var w = 0; w < _words; w++) spare[w] |= ofType[w];
            And(bits, spare);
        }
        for (var rest = f.TagMask; rest != 0; rest &= rest - 1)
        {
            if (_tags[BitOperations.TrailingZeroCount(rest)] is not { } tagged) { Array.Clear(bits, 0, _words); return; }
            And(bits, tagged);
        }
    }

    // output = bits & the units of the type bits in typeMask (UnitColumns.TypeBit): one space type of a marked set.
    public void OfTypes(ulong[] bits, int typeMask, ulong[] output)
    {
        if (BitOperations.IsPow2(typeMask) && _types[BitOperations.TrailingZeroCount(typeMask)] is { } only)
        {
            for (var w = 0; w < _words; w++) output[w] = only[w] & bits[w]; // one type: one pass, nothing to clear
            return;
        }
        Array.Clear(output, 0, _words);
        for (var rest = typeMask; rest != 0; rest &= rest - 1)
            if (_types[BitOperations.TrailingZeroCount(rest)] is { } ofType)
                for (var w = 0; w < _words; w++) output[w] |= ofType[w] & bits[w];
    }

    // parks &= the parks owning at least one unit whose bit is set; answers needs parkWords + 1 words.
    // Per unit word, an addition carries from any set bit up to its park's last unit (where ~_lastUnit
    // has a 0, which stops the carry), so the sum's bit there says whether any unit of the park is set.
    // Those bits, taken out in order, are the answers of the parks with units, placed at their bits.
    public void KeepParksWithAny(ulong[] unitBits, ulong[] parks, int parkWords, ulong[] answers)
    {
        Array.Clear(answers, 0, parkWords + 1);
        ulong carry = 0;
        var pos = 0;
        for (var w = 0; w < _words; w++)
        {
            var (last, bits) = (_lastUnit[w], unitBits[w]);
            if (last == 0) { carry |= bits != 0 ? 1UL : 0; continue; } // no park ends here: a set bit carries on
            var inside = bits & ~last;
            var sum = ~last + inside;
            var total = sum + carry;
            carry = (sum < inside ? 1UL : 0) | (total < sum ? 1UL : 0);
            var got = Extract((total | bits) & last, last);
            var (k, shift) = (BitOperations.PopCount(last), pos & 63);
            answers[pos >> 6] |= got << shift;
            if (shift + k > 64) answers[(pos >> 6) + 1] |= got >> (64 - shift);
            pos += k;
        }
        if (_everyParkHasUnits)
        {
            for (var pw = 0; pw < parkWords; pw++) parks[pw] &= answers[pw];
            return;
        }
        pos = 0;
        for (var pw = 0; pw < parkWords; pw++)
        {
            var (mask, shift) = (_hasUnits[pw], pos & 63);
            var k = BitOperations.PopCount(mask);
            var got = answers[pos >> 6] >> shift;
            if (shift + k > 64) got |= answers[(pos >> 6) + 1] << (64 - shift);
            parks[pw] &= Scatter(got, mask); // Scatter reads only the low k bits
            pos += k;
        }
    }

    private static ulong Extract(ulong value, ulong mask)
    {
        if (Bmi2.X64.IsSupported) return Bmi2.X64.ParallelBitExtract(value, mask);
        ulong result = 0;
        var i = 0;
        for (var rest = mask; rest != 0; rest &= rest - 1, i++)
            if ((value & (rest & (0 - rest))) != 0) result |= 1UL << i;
        return result;
    }

    private static ulong Scatter(ulong value, ulong mask)
    {
        if (Bmi2.X64.IsSupported) return Bmi2.X64.ParallelBitDeposit(value, mask);
        ulong result = 0;
        var i = 0;
        for (var rest = mask; rest != 0; rest &= rest - 1, i++)
            if ((value & (1UL << i)) != 0) result |= rest & (0 - rest);
        return result;
    }

    private void And(ulong[] bits, ulong[] other)
    {
        for (var w = 0; w < _words; w++) bits[w] &= other[w];
    }

    private static void Set(ulong[] bits, int i) => bits[i >> 6] |= 1UL << (i & 63);

    // One numeric column's units by value (NaN, which passes no filter, left out) and its checkpoint bitmaps.
    private sealed class SortedColumn
    {
        public readonly float[] Values;
        public readonly int[] Units;
        private readonly ulong[][] _from; // [k]: the units at positions >= k * Step; the last is empty
        private readonly int _words;

        public SortedColumn(float[] column, int words)
        {
            _words = words;
            var count = 0;
            foreach (var v in column) if (!float.IsNaN(v)) count++;
            Values = new float[count];
            Units = new int[count];
            for (int u = 0, i = 0; u < column.Length; u++)
                if (!float.IsNaN(column[u])) (Values[i], Units[i++]) = (column[u], u);
            Array.Sort(Values, Units);
            var checkpoints = (count + Step - 1) / Step;
            _from = new ulong[checkpoints + 1][];
            _from[checkpoints] = new ulong[words];
            for (var k = checkpoints - 1; k >= 0; k--)
            {
                var bits = _from[k] = (ulong[])_from[k + 1].Clone();
                for (var i = k * Step; i < Math.Min(count, (k + 1) * Step); i++) Set(bits, Units[i]);
            }
        }

        public float Min => Values.Length == 0 ? float.PositiveInfinity : Values[0];
        public float Max => Values.Length == 0 ? float.NegativeInfinity : Values[^1];

        // The positions of the values in [min, max].
        public (SortedColumn, int, int) Positions(float min, float max)
        {
            int lo = 0, hi = Values.Length;
            while (lo < hi) { var mid = (lo + hi) >>> 1; if (Values[mid] < min) lo = mid + 1; else hi = mid; }
            var from = lo;
            hi = Values.Length;
            while (lo < hi) { var mid = (lo + hi) >>> 1; if (Values[mid] <= max) lo = mid + 1; else hi = mid; }
            return (this, from, Math.Max(from, lo));
        }

        // bits := the units at positions [from, to).
        public void Range(int from, int to, ulong[] bits)
        {
            if (to - from <= 2 * Step)
            {
                Array.Clear(bits, 0, _words);
                for (var i = from; i < to; i++) Set(bits, Units[i]);
                return;
            }
            var (a, b) = ((from + Step - 1) / Step, (to + Step - 1) / Step); // a * Step >= from, b * Step >= to, a < b
            var (x, y) = (_from[a], _from[b]);
            for (var w = 0; w < _words; w++) bits[w] = x[w] & ~y[w];
            for (var i = to; i < Math.Min(b * Step, Values.Length); i++) bits[Units[i] >> 6] &= ~(1UL << (Units[i] & 63));
            for (var i = from; i < a * Step; i++) Set(bits, Units[i]);
        }
    }
}
