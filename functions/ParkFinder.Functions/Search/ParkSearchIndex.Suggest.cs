using ParkFinder.Functions.Parks;
using ParkFinder.Functions.Places;
using ParkFinder.Functions.Search.Understanding;

namespace ParkFinder.Functions.Search;

public sealed partial class ParkSearchIndex
{
    public sealed record SuggestEntries(Suggestions.Entry[] Places, Suggestions.Entry[] Industries, Suggestions.Entry[] Counted);

    // Places and industries follow the base (the overlay keeps them); space types, chains and tracks are
    // counted by searches of this very index, so they follow a landlord's write as search does.
    private Lazy<(Suggestions.Entry[] Places, Suggestions.Entry[] Industries)>? _suggestBase;
    private Suggestions.Entry[]? _suggestCounted;

    internal SuggestEntries SuggestionEntries()
    {
        _suggestBase ??= new(BuildSuggestBase);
        var counted = _suggestCounted ??= BuildSuggestCounted();
        return new SuggestEntries(_suggestBase.Value.Places, _suggestBase.Value.Industries, counted);
    }

    // Parks whose name holds the folded input (Chinese) or begins with it by pinyin (Latin), name starts first.
    internal IEnumerable<IndexedPark> ParksNamed(string folded) => folded.Length == 0 ? [] : _text.NameMatches(folded).Select(ParkAt);

    private (Suggestions.Entry[], Suggestions.Entry[]) BuildSuggestBase()
    {
        var places = new List<Suggestions.Entry>();
        foreach (var (code, parks) in _places.ParksPerProvince)
            if (RegionTable.Province((code * 10000).ToString(System.Globalization.CultureInfo.InvariantCulture)) is { } p && RegionTable.City(p.Code) is null)
                places.Add(Suggestions.Place(p, parks));
        foreach (var (code, parks) in _places.Cities)
            if (RegionTable.City(code.ToString(System.Globalization.CultureInfo.InvariantCulture)) is { } c) places.Add(Suggestions.Place(c, parks.Length));
        foreach (var (code, parks) in _places.Districts)
            if (RegionTable.District(code.ToString(System.Globalization.CultureInfo.InvariantCulture)) is { Zone: false } d && RegionTable.City(d.Code) is null)
                places.Add(Suggestions.Place(d, parks.Length));
        var industries = _places.IndustryIds.Select(kv =>
        {
            var (names, pinyin) = Suggestions.Words(kv.Key);
            return new Suggestions.Entry("industry", kv.Key, new Dictionary<string, object> { ["industry"] = new[] { kv.Key } }, names, pinyin,
                _places.WithIndustry(kv.Value)?.Length ?? 0);
        }).ToArray();
        return (places.ToArray(), industries);
    }

    private Suggestions.Entry[] BuildSuggestCounted()
    {
        int Count(ParkQuery q) => Search(q with { Limit = 1 }).Total;
        var entries = new List<Suggestions.Entry>();
        foreach (var (type, synonyms) in QueryWords.Shipped.SpaceTypes)
        {
            var (names, pinyin) = Suggestions.Words(synonyms);
            SpaceTypes.TryParseApi(type, out var parsed);
            entries.Add(new("spaceType", synonyms[0], new Dictionary<string, object> { ["spaceType"] = new[] { type } }, names, pinyin,
                Count(new ParkQuery { SpaceTypes = [parsed] })));
        }
        foreach (var chain in _definitions.Chains)
        {
            var (names, pinyin) = Suggestions.Words(chain.Name);
            entries.Add(new("chain", chain.Name, new Dictionary<string, object> { ["chain"] = chain.Id }, names, pinyin, Count(new ParkQuery { Chain = chain.Id })));
        }
        foreach (var track in _definitions.Tracks)
        {
            var (names, pinyin) = Suggestions.Words(track.Name);
            entries.Add(new("track", track.Name, new Dictionary<string, object> { ["track"] = track.Id, ["minTrackScore"] = 60 }, names, pinyin,
                Count(new ParkQuery { Track = track.Id, MinTrackScore = 60 })));
        }
        return entries.ToArray();
    }
}
