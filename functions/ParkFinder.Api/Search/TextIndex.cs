using System.Text;

namespace ParkFinder.Api.Search;

// Full-text search without a segmenter (the CJK bigram method): every field item is indexed by its
// character unigrams and bigrams. A query's candidates are the parks holding every gram of every
// term (unigrams for one-character terms, bigrams otherwise); each candidate is then confirmed and
// scored by an exact substring check, so grams that only occur apart never make a false match.
public sealed class TextIndex
{
    public const int FieldName = 0, FieldRegion = 1, FieldIndustry = 2, FieldTag = 3, FieldCount = 4;
    private static readonly float[] FieldWeights = [40f, 15f, 20f, 5f];

    private readonly Dictionary<string, int[]> _grams;
    private readonly string[][][] _fields; // park -> field -> normalised items

    private TextIndex(Dictionary<string, int[]> grams, string[][][] fields)
    {
        _grams = grams;
        _fields = fields;
    }

    public static TextIndex Build(IReadOnlyList<string[][]> parkFields)
    {
        var building = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var normalised = new string[parkFields.Count][][];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var p = 0; p < parkFields.Count; p++)
        {
            normalised[p] = new string[FieldCount][];
            seen.Clear();
            for (var f = 0; f < FieldCount; f++)
            {
                normalised[p][f] = parkFields[p][f].Select(Normalize).Where(s => s.Length > 0).Distinct().ToArray();
                foreach (var item in normalised[p][f])
                    for (var i = 0; i < item.Length; i++)
                    {
                        seen.Add(item.Substring(i, 1));
                        if (i + 1 < item.Length) seen.Add(item.Substring(i, 2));
                    }
            }
            foreach (var gram in seen)
            {
                if (!building.TryGetValue(gram, out var posting)) building[gram] = posting = [];
                posting.Add(p);
            }
        }
        return new TextIndex(building.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal), normalised);
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

    // Ascending park positions holding every gram of every term: a superset of the matches.
    public int[] Candidates(string[] terms)
    {
        var postings = new List<int[]>();
        foreach (var term in terms)
        {
            if (term.Length == 1) postings.Add(_grams.GetValueOrDefault(term) ?? []);
            for (var i = 0; i + 1 < term.Length; i++) postings.Add(_grams.GetValueOrDefault(term.Substring(i, 2)) ?? []);
        }
        if (postings.Count == 0) return [];
        postings.Sort((a, b) => a.Length.CompareTo(b.Length));
        var result = postings[0];
        for (var i = 1; i < postings.Count && result.Length > 0; i++) result = Intersect(result, postings[i]);
        return result;
    }

    // 0 when a term is not in any field; else the sum over terms of the weights of the fields holding
    // it, with an exact name worth most and a name that starts with the term next.
    public float Score(int park, string[] terms)
    {
        float total = 0;
        var fields = _fields[park];
        foreach (var term in terms)
        {
            float score = 0;
            for (var f = 0; f < FieldCount; f++)
                foreach (var item in fields[f])
                {
                    if (!item.Contains(term, StringComparison.Ordinal)) continue;
                    score += FieldWeights[f];
                    if (f == FieldName) score += item == term ? 100 : item.StartsWith(term, StringComparison.Ordinal) ? 50 : 0;
                    break;
                }
            if (score == 0) return 0;
            total += score;
        }
        return total;
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
