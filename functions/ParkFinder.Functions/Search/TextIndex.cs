using System.Text;

namespace ParkFinder.Functions.Search;

// Full-text search without a segmenter (the CJK bigram method): every field item is indexed by its
// character unigrams and bigrams, with the fields holding each. A term of one or two characters is
// itself a gram, so its posting is its exact match list; a longer term's candidates hold all its
// bigrams and are confirmed once by an exact substring check, so grams that only occur apart never
// make a false match.
public sealed class TextIndex
{
    public const int FieldName = 0, FieldRegion = 1, FieldIndustry = 2, FieldTag = 3, FieldCount = 4;
    private static readonly float[] FieldWeights = [40f, 15f, 20f, 5f];
    private const byte NameEquals = 1 << 4, NameStarts = 1 << 5;
    // The score a term earns from its gram's mask: the weights of the fields holding it, plus the name bonus.
    private static readonly float[] MaskScores = Enumerable.Range(0, 64).Select(m =>
        Enumerable.Range(0, FieldCount).Where(f => (m & (1 << f)) != 0).Sum(f => FieldWeights[f])
        + ((m & NameEquals) != 0 ? 100 : (m & NameStarts) != 0 ? 50 : 0)).ToArray();

    // gram -> ascending parks holding it, and per park which fields hold it (a term of one or two
    // characters is a gram, so its matches and score come from here without reading any text).
    private readonly Dictionary<string, (int[] Parks, byte[] Masks)> _grams;
    private readonly string[][][] _fields; // park -> field -> normalised items
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (int[] Parks, byte[] Masks)> _terms = new(StringComparer.Ordinal);
    private int _termEntries; // parks held in _terms: bounded, so endless distinct queries cannot grow it
    private const int MaxTermEntries = 2_000_000;

    private TextIndex(Dictionary<string, (int[], byte[])> grams, string[][][] fields)
    {
        _grams = grams;
        _fields = fields;
        _pinyin = new Lazy<PinyinNames>(() => PinyinNames.Build(_fields.Select(f => f[FieldName]).ToArray()));
    }

    // Park names by pinyin, made on the first Latin term (most instances never see one).
    private readonly Lazy<PinyinNames> _pinyin;

    internal void WarmPinyin() => _ = _pinyin.Value;

    // The normalised names of every park, in park order.
    internal IEnumerable<string> Names => _fields.Select(f => f[FieldName].FirstOrDefault() ?? "");

    public static TextIndex Build(IReadOnlyList<string[][]> parkFields)
    {
        var building = new Dictionary<string, (List<int> Parks, List<byte> Masks)>(StringComparer.Ordinal);
        var normalised = new string[parkFields.Count][][];
        var seen = new Dictionary<string, byte>(StringComparer.Ordinal);
        for (var p = 0; p < parkFields.Count; p++)
        {
            normalised[p] = new string[FieldCount][];
            seen.Clear();
            for (var f = 0; f < FieldCount; f++)
            {
                normalised[p][f] = parkFields[p][f].Select(Normalize).Where(s => s.Length > 0).Distinct().ToArray();
                foreach (var item in normalised[p][f])
                    for (var i = 0; i < item.Length; i++)
                        for (var len = 1; len <= 2 && i + len <= item.Length; len++)
                        {
                            var gram = item.Substring(i, len);
                            var mask = (byte)(seen.GetValueOrDefault(gram) | (1 << f));
                            if (f == FieldName && item == gram) mask |= NameEquals;
                            if (f == FieldName && item.StartsWith(gram, StringComparison.Ordinal)) mask |= NameStarts;
                            seen[gram] = mask;
                        }
            }
            foreach (var (gram, mask) in seen)
            {
                if (!building.TryGetValue(gram, out var posting)) building[gram] = posting = ([], []);
                posting.Parks.Add(p);
                posting.Masks.Add(mask);
            }
        }
        return new TextIndex(building.ToDictionary(kv => kv.Key, kv => (kv.Value.Parks.ToArray(), kv.Value.Masks.ToArray()), StringComparer.Ordinal), normalised);
    }

    // The grams' postings and the normalised fields, for the index image: read back as they were built.
    internal void Write(IndexImageWriter image)
    {
        var grams = _grams.Keys.ToArray();
        image.Strings(grams);
        image.Jagged(grams.Select(g => _grams[g].Parks).ToArray());
        image.Jagged(grams.Select(g => _grams[g].Masks).ToArray());
        image.JaggedStrings(_fields.SelectMany(fields => fields).ToArray());
    }

    internal static TextIndex Read(IndexImageReader image)
    {
        var (grams, parks, masks) = (image.Strings(), image.Jagged<int>(), image.Jagged<byte>());
        var postings = new Dictionary<string, (int[], byte[])>(grams.Length, StringComparer.Ordinal);
        for (var g = 0; g < grams.Length; g++) postings[grams[g]] = (parks[g], masks[g]);
        var items = image.JaggedStrings();
        var fields = new string[items.Length / FieldCount][][];
        for (var p = 0; p < fields.Length; p++) fields[p] = items[(p * FieldCount)..((p + 1) * FieldCount)];
        return new TextIndex(postings, fields);
    }

    // Lower case, full-width to half-width (NFKC), and no white space or punctuation.
    public static string Normalize(string text)
    {
        var folded = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var sb = new StringBuilder(folded.Length);
        foreach (var c in folded)
            if (char.IsLetterOrDigit(c) || char.IsSurrogate(c)) sb.Append(c);
        return sb.ToString();
    }

    public static string[] Terms(string query) =>
        query.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(Normalize).Where(t => t.Length > 0).Distinct().ToArray();

    // The shortest term posting: a superset of the matches (exact for one term), for Match to narrow.
    public int[] Candidates(string[] terms) => terms.Length == 0 ? [] : terms.Select(t => TermPosting(t).Parks).MinBy(parks => parks.Length)!;

    // Keeps in `parks` (one bit per park) those holding every term, and writes their scores: the sum
    // over terms of the weights of the fields holding it, an exact name worth most and a name that
    // starts with the term next. `spare` is scratch of the same length.
    internal void Match(string[] terms, ulong[] parks, ulong[] spare, int words, float[] scores)
    {
        for (var t = 0; t < terms.Length; t++)
        {
            var (posting, masks) = TermPosting(terms[t]);
            Array.Clear(spare, 0, words);
            for (var k = 0; k < posting.Length; k++)
            {
                var p = posting[k];
                var bit = 1UL << (p & 63);
                if ((parks[p >> 6] & bit) == 0) continue;
                spare[p >> 6] |= bit;
                scores[p] = (t == 0 ? 0 : scores[p]) + MaskScores[masks[k]];
            }
            Array.Copy(spare, parks, words);
        }
    }

    // Parks whose name holds the term (or begins it by pinyin), those whose name starts with it first,
    // each list in park order: suggestions, read lazily so a few are cheap whatever the term's posting.
    internal IEnumerable<int> NameMatches(string term)
    {
        var (parks, masks) = TermPosting(term);
        for (var k = 0; k < parks.Length; k++) if ((masks[k] & NameStarts) != 0) yield return parks[k];
        for (var k = 0; k < parks.Length; k++) if ((masks[k] & (1 << FieldName)) != 0 && (masks[k] & NameStarts) == 0) yield return parks[k];
    }

    private (int[] Parks, byte[] Masks) Posting(string gram) => _grams.GetValueOrDefault(gram, ([], []));

    // The parks holding a term, with its field mask in each. A term of one or two characters is a
    // gram; a longer one is made on first use from the parks holding all its bigrams, each confirmed
    // by an exact substring check (the bigrams may occur apart), and kept while the total stays bounded.
    private (int[] Parks, byte[] Masks) TermPosting(string term)
    {
        var latin = PinyinNames.IsPinyinTerm(term);
        if (term.Length <= 2 && !latin) return Posting(term);
        if (_terms.TryGetValue(term, out var known)) return known;
        var posting = term.Length <= 2 ? Posting(term) : Confirmed(term);
        // A Latin term also finds park names by full pinyin from any syllable, or by their initials (guanggu, ggswc).
        if (latin) posting = PinyinNames.Union(posting, _pinyin.Value.Find(term));
        if (Interlocked.Add(ref _termEntries, posting.Parks.Length + 1) <= MaxTermEntries) _terms.TryAdd(term, posting);
        return posting;
    }

    // The parks holding all of a longer term's bigrams, each confirmed by an exact substring check.
    private (int[] Parks, byte[] Masks) Confirmed(string term)
    {
        var candidates = Enumerable.Range(0, term.Length - 1).Select(i => Posting(term.Substring(i, 2)).Parks).OrderBy(list => list.Length)
            .Aggregate((a, b) => a.Length == 0 ? a : Intersect(a, b));
        var (parks, masks) = (new List<int>(), new List<byte>());
        foreach (var p in candidates)
            if (TermMask(p, term) is var mask and not 0) { parks.Add(p); masks.Add(mask); }
        return (parks.ToArray(), masks.ToArray());
    }

    private byte TermMask(int park, string term)
    {
        byte mask = 0;
        var fields = _fields[park];
        for (var f = 0; f < FieldCount; f++)
            foreach (var item in fields[f])
            {
                if (!item.Contains(term, StringComparison.Ordinal)) continue;
                mask |= (byte)(1 << f);
                if (f == FieldName && item == term) mask |= NameEquals;
                if (f == FieldName && item.StartsWith(term, StringComparison.Ordinal)) mask |= NameStarts;
                break;
            }
        return mask;
    }

    private static int[] Intersect(int[] a, int[] b)
    {
        var result = new List<int>(Math.Min(a.Length, b.Length));
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j]) { result.Add(a[i]); i++; j++; }
            else if (a[i] < b[j]) i++;
            else j++;
        }
        return result.ToArray();
    }
}
