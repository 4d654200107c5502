using ParkFinder.Functions.Pinyin;

namespace ParkFinder.Functions.Search;

// Park names by pinyin: for each name its full pinyin from every syllable on (guanggushengwucheng,
// gushengwucheng, ...) and its initials (ggswc), sorted, so a Latin term finds the names it begins one of by
// binary search. A key is a position in one of the park's two pinyin strings, not a string of its own: two
// strings per park stay on the heap instead of one per syllable (a long-lived index is scanned by every full GC).
// A match from the first syllable counts as the name's start.
internal sealed class PinyinNames
{
    private const byte FieldName = 1 << TextIndex.FieldName, NameEquals = 1 << 4, NameStarts = 1 << 5;
    private const long Initials = 1L << 62;
    private readonly string[] _full, _initials; // per park
    private readonly long[] _keys;              // park << 16 | offset in its full pinyin, or Initials | park << 16

    private PinyinNames(string[] full, string[] initials, long[] keys) => (_full, _initials, _keys) = (full, initials, keys);

    public static PinyinNames Build(string[][] names)
    {
        var (full, initials) = (new string[names.Length], new string[names.Length]);
        var keys = new List<long>(names.Length * 8);
        for (var p = 0; p < names.Length; p++)
        {
            (full[p], initials[p]) = ("", "");
            if (names[p].FirstOrDefault() is not { } name || !name.Any(PinyinTable.IsChinese)) continue;
            var syllables = PinyinTable.Syllables(name);
            full[p] = string.Concat(syllables);
            if (full[p].Length > ushort.MaxValue) continue;
            for (int s = 0, offset = 0; s < syllables.Count; offset += syllables[s].Length, s++) keys.Add((long)p << 16 | (uint)offset);
            if (syllables.Count < 2) continue;
            initials[p] = string.Create(syllables.Count, syllables, (span, list) => { for (var i = 0; i < span.Length; i++) span[i] = list[i][0]; });
            keys.Add(Initials | (long)p << 16);
        }
        var sorted = keys.ToArray();
        var index = new PinyinNames(full, initials, sorted);
        Array.Sort(sorted, (a, b) => index.Key(a).CompareTo(index.Key(b), StringComparison.Ordinal));
        return index;
    }

    private ReadOnlySpan<char> Key(long key)
    {
        var p = (int)((key & ~Initials) >> 16);
        return (key & Initials) != 0 ? _initials[p].AsSpan() : _full[p].AsSpan((int)(key & 0xFFFF));
    }

    // Lower-case Latin letters only: what a pinyin term looks like once normalised.
    public static bool IsPinyinTerm(string term) => term.Length >= 2 && term.All(char.IsAsciiLetterLower);

    // The parks (ascending) whose name has a key starting with the term, each with its text-index mask.
    public (int[] Parks, byte[] Masks) Find(string term)
    {
        int lo = 0, hi = _keys.Length;
        while (lo < hi) { var mid = (lo + hi) >>> 1; if (Key(_keys[mid]).CompareTo(term, StringComparison.Ordinal) < 0) lo = mid + 1; else hi = mid; }
        var found = new Dictionary<int, byte>();
        for (var k = lo; k < _keys.Length && Key(_keys[k]).StartsWith(term, StringComparison.Ordinal); k++)
        {
            var key = _keys[k];
            var p = (int)((key & ~Initials) >> 16);
            var fromStart = (key & Initials) != 0 || (key & 0xFFFF) == 0;
            var mask = (byte)(FieldName | (fromStart ? NameStarts : 0) | (fromStart && Key(key).Length == term.Length ? NameEquals : 0));
            found[p] = (byte)(found.GetValueOrDefault(p) | mask);
        }
        var parks = found.Keys.Order().ToArray();
        return (parks, parks.Select(p => found[p]).ToArray());
    }

    // Two postings merged: the parks of either, ascending, with their masks combined.
    public static (int[] Parks, byte[] Masks) Union((int[] Parks, byte[] Masks) a, (int[] Parks, byte[] Masks) b)
    {
        if (b.Parks.Length == 0) return a;
        if (a.Parks.Length == 0) return b;
        var (parks, masks) = (new List<int>(a.Parks.Length + b.Parks.Length), new List<byte>(a.Parks.Length + b.Parks.Length));
        int i = 0, j = 0;
        while (i < a.Parks.Length || j < b.Parks.Length)
        {
            if (j == b.Parks.Length || (i < a.Parks.Length && a.Parks[i] < b.Parks[j])) { parks.Add(a.Parks[i]); masks.Add(a.Masks[i++]); }
            else if (i == a.Parks.Length || b.Parks[j] < a.Parks[i]) { parks.Add(b.Parks[j]); masks.Add(b.Masks[j++]); }
            else { parks.Add(a.Parks[i]); masks.Add((byte)(a.Masks[i++] | b.Masks[j++])); }
        }
        return (parks.ToArray(), masks.ToArray());
    }
}
