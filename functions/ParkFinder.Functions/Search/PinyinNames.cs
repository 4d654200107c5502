using ParkFinder.Functions.Pinyin;

namespace ParkFinder.Functions.Search;

// Park names by pinyin: for each name its full pinyin from every syllable on (guanggushengwucheng,
// gushengwucheng, ...) and its initials (ggswc), sorted, so a Latin term finds the names it begins
// one of by binary search. A match from the first syllable counts as the name's start.
internal sealed class PinyinNames
{
    private const byte FieldName = 1 << TextIndex.FieldName, NameEquals = 1 << 4, NameStarts = 1 << 5;
    private readonly string[] _keys;
    private readonly int[] _parks;
    private readonly bool[] _fromStart;

    private PinyinNames(string[] keys, int[] parks, bool[] fromStart) => (_keys, _parks, _fromStart) = (keys, parks, fromStart);

    public static PinyinNames Build(string[][] names)
    {
        var (keys, parks, fromStart) = (new List<string>(names.Length * 8), new List<int>(names.Length * 8), new List<bool>(names.Length * 8));
        for (var p = 0; p < names.Length; p++)
        {
            if (names[p].FirstOrDefault() is not { } name || !name.Any(PinyinTable.IsChinese)) continue;
            var syllables = PinyinTable.Syllables(name);
            var suffix = "";
            for (var s = syllables.Count - 1; s >= 0; s--)
            {
                suffix = syllables[s] + suffix;
                keys.Add(suffix); parks.Add(p); fromStart.Add(s == 0);
            }
            if (syllables.Count < 2) continue;
            keys.Add(string.Create(syllables.Count, syllables, (span, list) => { for (var i = 0; i < span.Length; i++) span[i] = list[i][0]; }));
            parks.Add(p); fromStart.Add(true);
        }
        var keyArray = keys.ToArray();
        var order = Enumerable.Range(0, keyArray.Length).ToArray();
        Array.Sort(keyArray, order, StringComparer.Ordinal);
        return new PinyinNames(keyArray, order.Select(i => parks[i]).ToArray(), order.Select(i => fromStart[i]).ToArray());
    }

    // Lower-case Latin letters only: what a pinyin term looks like once normalised.
    public static bool IsPinyinTerm(string term) => term.Length >= 2 && term.All(char.IsAsciiLetterLower);

    // The parks (ascending) whose name has a key starting with the term, each with its text-index mask.
    public (int[] Parks, byte[] Masks) Find(string term)
    {
        int lo = 0, hi = _keys.Length;
        while (lo < hi) { var mid = (lo + hi) >>> 1; if (string.CompareOrdinal(_keys[mid], term) < 0) lo = mid + 1; else hi = mid; }
        var found = new Dictionary<int, byte>();
        for (var k = lo; k < _keys.Length && _keys[k].StartsWith(term, StringComparison.Ordinal); k++)
        {
            var mask = (byte)(FieldName | (_fromStart[k] ? NameStarts : 0) | (_fromStart[k] && _keys[k].Length == term.Length ? NameEquals : 0));
            found[_parks[k]] = (byte)(found.GetValueOrDefault(_parks[k]) | mask);
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
