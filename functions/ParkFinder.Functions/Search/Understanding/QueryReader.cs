using System.Globalization;
using System.Text;
using ParkFinder.Functions.Places;

namespace ParkFinder.Functions.Search.Understanding;

// Reads a line typed into the search box as GET /api/parks filters plus the leftover text: a pure
// function of the line and the lexicon. Tokens are read left to right, the longest word first; a park
// name longer than the word inside it stays text (光明智谷), a token that is exactly a place is the place.
public static partial class QueryReader
{
    [System.Text.RegularExpressions.GeneratedRegex(@"(?<=\d)\s+(?=平|m2|sqm|亩|元|块|星|方|米|吨|kva|千伏安|千|万)")]
    private static partial System.Text.RegularExpressions.Regex NumberSpaces();

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<=\d)\s*([-~到至])\s*(?=\d)")]
    private static partial System.Text.RegularExpressions.Regex RangeSpaces();

    private const string Separators = ",;、|/";

    // `within`: a province or city the request already names, inside which an ambiguous district is read.
    public static Interpretation Read(string line, Lexicon lexicon, string? within = null)
    {
        var state = new State(lexicon);
        // A number and its unit typed apart (2000 平, 30 元, 2000 - 5000平) are one quantity.
        var folded = NumberSpaces().Replace(RangeSpaces().Replace(line.Normalize(NormalizationForm.FormKC).ToLowerInvariant(), "$1"), "");
        foreach (var token in Tokens(folded)) state.ReadToken(token);
        return state.Finish(within);
    }

    private static IEnumerable<string> Tokens(string folded)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < folded.Length; i++)
        {
            var c = folded[i];
            // A slash inside a rent (30元/平/月) belongs to it; elsewhere it separates.
            var inRent = c == '/' && i > 0 && i + 1 < folded.Length && !char.IsWhiteSpace(folded[i + 1]) && (folded[i - 1] is '元' or '块' or '平' or '米' or '2' or '月' or '吨' or 't');
            if (char.IsWhiteSpace(c) || char.IsControl(c) || (Separators.Contains(c) && !inRent))
            {
                if (sb.Length > 0) yield return sb.ToString();
                sb.Clear();
            }
            else sb.Append(c);
        }
        if (sb.Length > 0) yield return sb.ToString();
    }

    private sealed class State(Lexicon lexicon)
    {
        private readonly List<string> _text = [];
        private readonly List<Place[]> _places = [];
        private readonly List<string> _spaceTypes = [], _industries = [], _tags = [], _policies = [];
        private string? _track, _chain;
        private Quantity? _area, _rent, _stars, _ceiling, _load, _power;

        public void ReadToken(string token)
        {
            var clean = Clean(token);
            if (clean.Length == 0 || lexicon.IsStandaloneFiller(clean)) return;
            if (lexicon.Place(clean) is { } place) { _places.Add(place.Places); return; }
            var piece = new StringBuilder();
            var i = 0;
            while (i < token.Length)
            {
                var c = token[i];
                if (Quantities.StartsQuantity(c) && !(i > 0 && token[i - 1] == '-' && (i < 2 || !char.IsAsciiDigit(token[i - 2])))
                    && Quantities.Read(token, i) is { } q && lexicon.LongestParkName(Clean(token[i..]), 0) <= q.Length)
                {
                    if (Apply(q)) { Flush(piece); i += q.Length; continue; }
                    piece.Append(token, i, q.Length); // out of range or a second one: kept as text
                    i += q.Length;
                    continue;
                }
                if (char.IsAsciiLetterLower(c))
                {
                    var end = i;
                    while (end < token.Length && char.IsAsciiLetterLower(token[end])) end++;
                    var word = token.AsSpan(i, end - i);
                    var meaning = end < token.Length && char.IsAsciiDigit(token[end]) ? null : lexicon.Latin(word); // m2, 5g: not a word
                    if (meaning is not null && (meaning.Kind != WordKind.Place || end - i >= 3)) { Flush(piece); Apply(meaning); }
                    else piece.Append(word);
                    i = end;
                    continue;
                }
                if (!char.IsLetterOrDigit(c) && !char.IsSurrogate(c)) { i++; continue; } // punctuation: 西部(成都)科学城 reads as one name
                var rest = Clean(token[i..]);
                var nameLength = lexicon.LongestParkName(rest, 0);
                var (found, wordLength) = lexicon.LongestWord(rest, 0);
                if (nameLength > wordLength) { piece.Append(rest, 0, nameLength); i += Consumed(token, i, nameLength); continue; }
                // A short place name that a longer word overlaps gives way to it: 大厂房 is 厂房, not 大厂 (a county) and 房.
                if (found is { Kind: WordKind.Place } && OverlappedByLonger(rest, wordLength)) found = null;
                if (found is not null) { Flush(piece); Apply(found); i += Consumed(token, i, wordLength); continue; }
                piece.Append(c);
                i++;
            }
            Flush(piece);
        }

        private bool OverlappedByLonger(string rest, int length)
        {
            for (var j = 1; j < length; j++)
                if (lexicon.LongestWord(rest, j) is { Meaning: { Kind: not WordKind.Place and not WordKind.Filler }, Length: var l } && l >= length && j + l > length) return true;
            return false;
        }

        // How many characters of `token` from `start` hold `length` clean characters.
        private static int Consumed(string token, int start, int length)
        {
            var i = start;
            for (var seen = 0; seen < length && i < token.Length; i++)
                if (char.IsLetterOrDigit(token[i]) || char.IsSurrogate(token[i])) seen++;
            return i - start;
        }

        private static string Clean(string token)
        {
            var sb = new StringBuilder(token.Length);
            foreach (var c in token) if (char.IsLetterOrDigit(c) || char.IsSurrogate(c)) sb.Append(c);
            return sb.ToString();
        }

        private void Flush(StringBuilder piece)
        {
            if (piece.Length > 0 && !lexicon.IsStandaloneFiller(piece.ToString().AsSpan())) _text.Add(piece.ToString());
            piece.Clear();
        }

        private void Apply(Meaning meaning)
        {
            var list = meaning.Kind switch
            {
                WordKind.SpaceType => _spaceTypes, WordKind.Industry => _industries, WordKind.Tag => _tags, WordKind.Policy => _policies, _ => null,
            };
            if (list is not null) { foreach (var v in meaning.Values) if (!list.Contains(v)) list.Add(v); return; }
            if (meaning.Kind == WordKind.Place) _places.Add(meaning.Places);
            else if (meaning.Kind == WordKind.Track) _track ??= meaning.Values[0];
            else if (meaning.Kind == WordKind.Chain) _chain ??= meaning.Values[0];
        }

        // False when the quantity cannot be applied (outside the parameter's range, or one of its kind was read already).
        private bool Apply(Quantity q)
        {
            var (max, current) = q.Kind switch
            {
                QuantityKind.Area => (1e8, _area),
                QuantityKind.Rent => (1e6, _rent),
                QuantityKind.CeilingHeight => (100, _ceiling),
                QuantityKind.FloorLoad => (100, _load),
                QuantityKind.Power => (1e6, _power),
                _ => (5.0, _stars),
            };
            if (current is not null) return false;
            if (q.Min is < 0 || q.Min > max || q.Max is < 0 || q.Max > max || q.Min > q.Max) return false;
            if (q.Kind == QuantityKind.Stars && (q.Min is not { } stars || stars < 1 || stars != Math.Floor(stars))) return false;
            _ = q.Kind switch
            {
                QuantityKind.Area => _area = q,
                QuantityKind.Rent => _rent = q,
                QuantityKind.CeilingHeight => _ceiling = q,
                QuantityKind.FloorLoad => _load = q,
                QuantityKind.Power => _power = q,
                _ => _stars = q,
            };
            return true;
        }

        public Interpretation Finish(string? within)
        {
            var filters = new List<KeyValuePair<string, string[]>>();
            void Add(string name, params string[] values) { if (values.Length > 0) filters.Add(new(name, values)); }
            foreach (var (level, place) in ResolvePlaces(within)) Add(level, place.Code);
            Add("spaceType", [.. _spaceTypes]);
            Add("industry", [.. _industries.Take(10)]);
            if (_area is { } area) { if (area.Min is { } a) Add("minArea", Number(a)); if (area.Max is { } b) Add("maxArea", Number(b)); }
            if (_rent is { } rent) { if (rent.Min is { } a) Add("minRent", Number(a)); if (rent.Max is { } b) Add("maxRent", Number(b)); }
            if (_stars?.Min is { } stars) Add("minStars", Number(stars));
            if (_ceiling?.Min is { } ceiling) Add("minCeilingHeightM", Number(ceiling));
            if (_load?.Min is { } load) Add("minFloorLoad", Number(load));
            if (_power?.Min is { } power) Add("minPowerKva", Number(power));
            Add("tag", [.. _tags.Take(10)]);
            Add("policy", [.. _policies]);
            if (_track is not null) { Add("track", _track); Add("minTrackScore", "60"); }
            if (_chain is not null) Add("chain", _chain);
            return new Interpretation(filters, string.Join(' ', _text));
        }

        // One place per level. A city or province decides first (the likeliest reading of each word); a
        // district is then read inside them where it can be (苏州 吴中), else by its likeliest reading.
        // A second place of a level already taken stays text.
        private List<(string Level, Place Place)> ResolvePlaces(string? within)
        {
            var chosen = new Dictionary<PlaceLevel, Place>();
            var districts = new List<Place[]>();
            foreach (var candidates in _places)
            {
                // Inside the place the request names, if any reading is (朝阳 with city=110000 is 朝阳区, not 朝阳市).
                var top = (within is null ? null : candidates.FirstOrDefault(c => c.Code != within && Inside(c, within))) ?? candidates[0];
                if (top.Level == PlaceLevel.District) { districts.Add(candidates); continue; }
                if (!chosen.TryAdd(top.Level, top)) _text.Add(top.Short ?? top.Name);
            }
            var scope = chosen.GetValueOrDefault(PlaceLevel.City)?.Code ?? chosen.GetValueOrDefault(PlaceLevel.Province)?.Code ?? within;
            foreach (var candidates in districts)
            {
                var inside = scope is null ? null : candidates.FirstOrDefault(d => Inside(d, scope));
                var pick = inside ?? candidates[0];
                if (!chosen.TryAdd(PlaceLevel.District, pick)) _text.Add(pick.Short ?? pick.Name);
            }
            return chosen.OrderBy(kv => kv.Key).Select(kv => (kv.Key switch
            {
                PlaceLevel.Province => "province", PlaceLevel.City => "city", _ => "district",
            }, kv.Value)).ToList();
        }

            private static bool Inside(Place place, string scope) =>
            place.Parent == scope || (scope.EndsWith("0000", StringComparison.Ordinal) && place.ProvinceCode == scope);

        private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
    }
}
