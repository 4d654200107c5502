using System.Globalization;
using System.Text;

namespace ParkFinder.Api.Search;

// Full-text search without a segmenter (the CJK bigram method): every field item is indexed by
// its character unigrams and bigrams; a query term of two or more characters matches the parks
// holding all of its bigrams, confirmed by a substring check when the term is longer than one bigram.
public sealed class TextIndex
{
    public const int FieldName = 0, FieldRegion = 1, FieldIndustry = 2, FieldTag = 3, FieldCount = 4;
    private static readonly float[] FieldWeights = [40f, 15f, 20f, 5f];

    private readonly Dictionary<string, (int[] Parks, byte[] Masks)> _grams;
    private readonly string[][][] _fields; // park -> field -> normalised items
    private readonly string[] _names;       // park -> normalised name

    private TextIndex(Dictionary<string, (int[], byte[])> grams, string[][][] fields)
    {
        _grams = grams;
        _fields = fields;
        _names = fields.Select(f => f[FieldName].FirstOrDefault() ?? "").ToArray();
    }

    public static TextIndex Build(IReadOnlyList<string[][]> parkFields)
    {
        var building = new Dictionary<string, (List<int> Parks, List<byte> Masks)>(StringComparer.Ordinal);
        var normalised = new string[parkFields.Count][][];
        for (var p = 0; p < parkFields.Count; p++)
        {
            normalised[p] = new string[FieldCount][];
            var masks = new Dictionary<string, byte>(StringComparer.Ordinal);
            for (var f = 0; f < FieldCount; f++)
            {
                normalised[p][f] = parkFields[p][f].Select(Normalize).Where(s => s.Length > 0).ToArray();
                foreach (var item in normalised[p][f])
                    foreach (var gram in Grams(item))
                        masks[gram] = (byte)(masks.GetValueOrDefault(gram) | (1 << f));
            }
            foreach (var (gram, mask) in masks)
            {
                if (!building.TryGetValue(gram, out var posting)) building[gram] = posting = ([], []);
                posting.Parks.Add(p);
                posting.Masks.Add(mask);
            }
        }
        var grams = building.ToDictionary(kv => kv.Key, kv => (kv.Value.Parks.ToArray(), kv.Value.Masks.ToArray()), StringComparer.Ordinal);
        return new TextIndex(grams, normalised);
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

    private static IEnumerable<string> Grams(string item)
    {
        for (var i = 0; i < item.Length; i++)
        {
            yield return item.Substring(i, 1);
            if (i + 1 < item.Length) yield return item.Substring(i, 2);
        }
    }

    // Parks matching every term, ascending, with a relevance score each; null terms means no text filter.
    public (int[] Parks, float[] Scores) Search(string[] terms)
    {
        int[]? parks = null;
        float[]? scores = null;
        foreach (var term in terms)
        {
            var (termParks, termScores) = SearchTerm(term);
            if (parks is null) { parks = termParks; scores = termScores; }
            else (parks, scores) = Intersect(parks, scores!, termParks, termScores);
            if (parks.Length == 0) break;
        }
        return (parks ?? [], scores ?? []);
    }

    private (int[], float[]) SearchTerm(string term)
    {
        if (term.Length <= 2)
        {
            if (!_grams.TryGetValue(term, out var posting)) return ([], []);
            var scores = new float[posting.Parks.Length];
            for (var i = 0; i < scores.Length; i++) scores[i] = Score(posting.Parks[i], posting.Masks[i], term);
            return (posting.Parks, scores);
        }

        // Start from the rarest bigram, keep parks that hold every other one, then confirm the substring.
        var postings = new List<(int[] Parks, byte[] Masks)>();
        for (var i = 0; i + 1 < term.Length; i++)
        {
            if (!_grams.TryGetValue(term.Substring(i, 2), out var posting)) return ([], []);
            postings.Add(posting);
        }
        postings.Sort((a, b) => a.Parks.Length.CompareTo(b.Parks.Length));
        var candidates = postings[0].Parks;
        foreach (var other in postings.Skip(1))
        {
            candidates = IntersectKeys(candidates, other.Parks);
            if (candidates.Length == 0) return ([], []);
        }
        var parks = new List<int>(candidates.Length);
        var result = new List<float>(candidates.Length);
        foreach (var p in candidates)
        {
            byte mask = 0;
            for (var f = 0; f < FieldCount; f++)
                foreach (var item in _fields[p][f])
                    if (item.Contains(term, StringComparison.Ordinal)) { mask |= (byte)(1 << f); break; }
            if (mask == 0) continue;
            parks.Add(p);
            result.Add(Score(p, mask, term));
        }
        return (parks.ToArray(), result.ToArray());
    }

    // An exact name first, then a name that starts with the term, then the term anywhere in the name,
    // then industries, region and tags.
    private float Score(int park, byte mask, string term)
    {
        float score = 0;
        for (var f = 0; f < FieldCount; f++)
            if ((mask & (1 << f)) != 0) score += FieldWeights[f];
        if ((mask & 1) != 0)
        {
            var name = _names[park];
            if (name == term) score += 100;
            else if (name.StartsWith(term, StringComparison.Ordinal)) score += 50;
        }
        return score;
    }

    private static int[] IntersectKeys(int[] a, int[] b)
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

    private static (int[], float[]) Intersect(int[] a, float[] sa, int[] b, float[] sb)
    {
        var parks = new List<int>();
        var scores = new List<float>();
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j]) { parks.Add(a[i]); scores.Add(sa[i] + sb[j]); i++; j++; }
            else if (a[i] < b[j]) i++;
            else j++;
        }
        return (parks.ToArray(), scores.ToArray());
    }
}
