using System.Text;

namespace ParkFinder.Functions.Pinyin;

// Chinese text read as pinyin without tones (ü as v), from the table scripts/make-language-data.sh
// generates from npm pinyin-pro: each character's most common reading, and the phrases (place
// names) read otherwise in context, matched longest first so 重庆 is chong qing, not zhong qing.
public static class PinyinTable
{
    private static readonly Dictionary<char, string> Readings = new();
    private static readonly Dictionary<string, string[]> Phrases = new(StringComparer.Ordinal);
    private static readonly int LongestPhrase;

    static PinyinTable()
    {
        using var stream = typeof(PinyinTable).Assembly.GetManifestResourceStream("pinyin.tsv")
            ?? throw new InvalidOperationException("pinyin.tsv is not embedded");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var tab = line.IndexOf('\t');
            if (line[0] == '=')
            {
                var phrase = line[1..tab];
                Phrases[phrase] = line[(tab + 1)..].Split(' ');
                LongestPhrase = Math.Max(LongestPhrase, phrase.Length);
            }
            else
                foreach (var c in line.AsSpan(tab + 1)) Readings[c] = string.Intern(line[..tab]);
        }
    }

    public static bool IsChinese(char c) => Readings.ContainsKey(c);

    // One syllable per Chinese character; a run of Latin letters or digits is one piece of its own
    // (lower case); anything else is skipped.
    public static List<string> Syllables(string text)
    {
        var result = new List<string>(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (Readings.TryGetValue(c, out var reading))
            {
                if (Phrase(text, i) is { } phrase) { result.AddRange(Phrases[phrase]); i += phrase.Length; continue; }
                result.Add(reading);
                i++;
            }
            else if (char.IsAsciiLetterOrDigit(c))
            {
                var start = i;
                while (i < text.Length && char.IsAsciiLetterOrDigit(text[i])) i++;
                result.Add(text[start..i].ToLowerInvariant());
            }
            else i++;
        }
        return result;
    }

    // "guanggushengwucheng" for 光谷生物城.
    public static string Full(string text) => string.Concat(Syllables(text));

    // "ggswc" for 光谷生物城 (a Latin run gives its first letter).
    public static string Initials(string text) => string.Concat(Syllables(text).Select(s => s[0]));

    private static string? Phrase(string text, int start)
    {
        var lookup = Phrases.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var length = Math.Min(LongestPhrase, text.Length - start); length >= 2; length--)
            if (lookup.TryGetValue(text.AsSpan(start, length), out var phrase, out _)) return phrase;
        return null;
    }
}
