using System.Text;
using ParkFinder.Functions.Parks;
using ParkFinder.Functions.Places;

namespace ParkFinder.Functions.Search.Understanding;

public enum WordKind { SpaceType, Place, Industry, Chain, Track, Policy, Tag, Filler }

// What a word stands for: filter values, or candidate places (the likeliest first).
public sealed record Meaning(WordKind Kind, string[] Values, Place[] Places)
{
    public static Meaning Of(WordKind kind, params string[] values) => new(kind, values, []);
}

// What a catalog makes of the words of the search box: the shipped words, every place of the region
// table, the catalog's industries, tags, chains and tracks (each also by full pinyin), and the park
// names, which are kept as text when longer than a word inside them. Built once per index base.
public sealed class Lexicon
{
    // The facts of a catalog the words depend on.
    public sealed record Catalog(
        IReadOnlyList<string> ParkNames, IReadOnlyDictionary<string, int> IndustryParks, IReadOnlyCollection<string> Tags,
        Ecosystem.EcosystemDefinitions Definitions, Func<Place, int> ParksIn);

    private readonly Dictionary<string, Meaning> _words = new(StringComparer.Ordinal);    // Chinese (and mixed) words
    private readonly Dictionary<string, Meaning> _latin = new(StringComparer.Ordinal);    // whole Latin words: pinyin, ai, office
    private readonly string[] _parkNames; // folded, sorted: a run of text that begins a park's name is found by binary search
    private readonly HashSet<string> _standalone;
    private readonly int _longestWord;

    public QueryWords Words { get; }
    public Func<Place, int> ParksIn { get; }

    public Lexicon(Catalog catalog, QueryWords words)
    {
        Words = words;
        ParksIn = catalog.ParksIn;
        _standalone = words.StandaloneFiller.Select(Fold).ToHashSet(StringComparer.Ordinal);
        // Lowest priority first: a later kind replaces an earlier one on the same word.
        foreach (var w in words.Filler) Add(w, Meaning.Of(WordKind.Filler), pinyin: false);
        foreach (var tag in catalog.Tags) Add(tag, Meaning.Of(WordKind.Tag, tag), pinyin: false);
        foreach (var (tag, synonyms) in words.Tags)
            if (catalog.Tags.Contains(tag)) foreach (var w in synonyms) Add(w, Meaning.Of(WordKind.Tag, tag), pinyin: false);
        foreach (var (policy, synonyms) in words.Policies) foreach (var w in synonyms) Add(w, Meaning.Of(WordKind.Policy, policy), pinyin: false);
        foreach (var t in catalog.Definitions.Tracks) Add(t.Name, Meaning.Of(WordKind.Track, t.Id), pinyin: true);
        foreach (var c in catalog.Definitions.Chains) Add(c.Name, Meaning.Of(WordKind.Chain, c.Id), pinyin: true);
        foreach (var group in words.Industries)
        {
            var meaning = Meaning.Of(WordKind.Industry, Expand(group.Industries, catalog.IndustryParks));
            foreach (var w in group.Words) Add(w, meaning, pinyin: true);
        }
        foreach (var industry in catalog.IndustryParks.Keys)
            if (!_words.TryGetValue(Fold(industry), out var known) || known.Kind != WordKind.Industry)
                Add(industry, Meaning.Of(WordKind.Industry, Expand([industry], catalog.IndustryParks)), pinyin: true);
        AddPlaces(catalog.ParksIn);
        foreach (var (type, synonyms) in words.SpaceTypes) foreach (var w in synonyms) Add(w, Meaning.Of(WordKind.SpaceType, type), pinyin: true);

        _parkNames = catalog.ParkNames.Select(Fold).Where(n => n.Length >= 2).Distinct().Order(StringComparer.Ordinal).ToArray();
        _longestWord = _words.Keys.Select(k => k.Length).DefaultIfEmpty(0).Max();
    }

    // Lower case, full-width folded, spaces out: the form every word is kept and looked up in.
    public static string Fold(string text)
    {
        var folded = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var sb = new StringBuilder(folded.Length);
        foreach (var c in folded) if (!char.IsWhiteSpace(c)) sb.Append(c);
        return sb.ToString();
    }

    // Whether a token or leftover piece is nothing but standalone filler (园区, 有吗, 附近的).
    public bool IsStandaloneFiller(ReadOnlySpan<char> piece)
    {
        if (piece.Length > 12) return false; // filler is a few characters: a long piece is text
        var lookup = _standalone.GetAlternateLookup<ReadOnlySpan<char>>();
        var words = _words.GetAlternateLookup<ReadOnlySpan<char>>();
        while (piece.Length > 0)
        {
            var length = piece.Length;
            while (length > 0 && !lookup.Contains(piece[..length]) && !(words.TryGetValue(piece[..length], out var m) && m.Kind == WordKind.Filler)) length--;
            if (length == 0) return false;
            piece = piece[length..];
        }
        return true;
    }

    // The exact place named by a whole token (name, short name or full pinyin), if any.
    public Meaning? Place(string token) =>
        (_words.TryGetValue(token, out var m) || _latin.TryGetValue(token, out m)) && m.Kind == WordKind.Place ? m : null;

    public Meaning? Latin(ReadOnlySpan<char> word) => _latin.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(word, out var m) ? m : null;

    // The longest word starting at `start`, and its length (0: none).
    public (Meaning? Meaning, int Length) LongestWord(string text, int start)
    {
        var lookup = _words.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var length = Math.Min(_longestWord, text.Length - start); length >= 1; length--)
            if (lookup.TryGetValue(text.AsSpan(start, length), out var meaning)) return (meaning, length);
        return (null, 0);
    }

    // The length of the longest run of text from `start` that begins some park's name (0: none): such a run
    // stays text when longer than a word inside it (松山湖 is not 松山区 and 湖, 深圳湾 not 深圳 and 湾).
    public int LongestParkName(string text, int start)
    {
        var best = 0;
        for (var length = 2; start + length <= text.Length && BeginsAName(text.AsSpan(start, length)); length++) best = length;
        return best;
    }

    private bool BeginsAName(ReadOnlySpan<char> prefix)
    {
        int lo = 0, hi = _parkNames.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_parkNames[mid].AsSpan().CompareTo(prefix, StringComparison.Ordinal) < 0) lo = mid + 1; else hi = mid;
        }
        return lo < _parkNames.Length && _parkNames[lo].AsSpan().StartsWith(prefix, StringComparison.Ordinal);
    }

    private void AddPlaces(Func<Place, int> parksIn)
    {
        foreach (var (key, latin, places) in PlaceWords.Value)
        {
            // The place with the most parks in the catalog, then the higher level: the others are for suggest.
            var ranked = places.Length == 1 ? [places[0]]
                : places.OrderByDescending(parksIn).ThenBy(p => p.Level).ThenBy(p => p.Code, StringComparer.Ordinal).ToArray();
            var meaning = new Meaning(WordKind.Place, [], ranked);
            if (latin) _latin[key] = meaning;
            else _words[key] = meaning;
        }
    }

    // Each place word (name, short name, pinyin) with the places it may mean, in the region table's
    // order: the same for every catalog, so gathered once per process, not on every index build.
    private static readonly Lazy<(string Key, bool Latin, Place[] Places)[]> PlaceWords = new(() =>
    {
        var byWord = new Dictionary<string, List<Place>>(StringComparer.Ordinal);
        void Candidate(string? word, Place place)
        {
            if (string.IsNullOrEmpty(word)) return;
            if (!byWord.TryGetValue(word, out var list)) byWord[word] = list = [];
            if (!list.Contains(place)) list.Add(place);
        }
        foreach (var place in RegionTable.Readable)
        {
            // A municipality is read as its city (the same parks, and the filter people pick for it).
            if (place.Level == PlaceLevel.Province && RegionTable.City(place.Code) is not null) continue;
            Candidate(place.Name, place);
            Candidate(place.Short, place);
            Candidate(place.Pinyin, place);
            Candidate(place.ShortPinyin, place);
        }
        return byWord.Select(kv => IsLatin(kv.Key) ? (kv.Key, true, kv.Value.ToArray()) : (Fold(kv.Key), false, kv.Value.ToArray())).ToArray();
    });

    private void Add(string word, Meaning meaning, bool pinyin)
    {
        var folded = Fold(word);
        if (folded.Length == 0) return;
        if (IsLatin(folded)) _latin[folded] = meaning;
        else _words[folded] = meaning;
        if (pinyin && !IsLatin(folded) && Pinyin.PinyinTable.Full(folded) is { Length: >= 4 } full && IsLatin(full)) _latin[full] = meaning;
    }

    // An industry word stands for its industries and every industry of the catalog containing one of them
    // (人工智能 also finds 生成式人工智能), the most used first, at most the industry filter's 10.
    private static string[] Expand(string[] industries, IReadOnlyDictionary<string, int> inCatalog) =>
        industries.Concat(inCatalog.Where(kv => industries.Any(i => kv.Key.Contains(i, StringComparison.Ordinal)))
                .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key))
            .Distinct().Take(10).ToArray();

    public static bool IsLatin(string word) => word.Length > 0 && word.All(char.IsAsciiLetterLower);
}
