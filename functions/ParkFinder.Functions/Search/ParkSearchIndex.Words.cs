using ParkFinder.Functions.Places;
using ParkFinder.Functions.Search.Understanding;

namespace ParkFinder.Functions.Search;

public sealed partial class ParkSearchIndex
{
    // The search box's words for this catalog: made on first use from the base's names, industries, tags
    // and places, which a landlord's write does not change (the overlay keeps them), so copies share it.
    private readonly Lazy<Lexicon> _lexicon;
    internal Lexicon Lexicon => _lexicon.Value;

    // The words and the park names by pinyin, made by the refresher after each new base, off the request
    // path: else the first line or Latin term after a rebuild pays for them (about 0.2 s and 0.6 s at 50,000 parks).
    internal void WarmWords()
    {
        _ = _lexicon.Value;
        _text.WarmPinyin();
    }

    private Lexicon BuildLexicon()
    {
        var industries = _places.IndustryIds.ToDictionary(kv => kv.Key, kv => _places.WithIndustry(kv.Value)?.Length ?? 0, StringComparer.Ordinal);
        var tags = new HashSet<string>(_tags.Bits.Keys, StringComparer.Ordinal);
        foreach (var facets in _records.AllFacets) if (facets is not null) tags.UnionWith(facets.Tags);
        return new Lexicon(new Lexicon.Catalog(_text.Names.ToList(), industries, tags, _definitions, ParksIn), QueryWords.Shipped);
    }

    // How many parks of the catalog lie in a place.
    internal int ParksIn(Place place) => place.Level switch
    {
        PlaceLevel.District => _places.InDistrict(ParseCode(place.Code))?.Length ?? 0,
        PlaceLevel.City => _places.InCity(ParseCode(place.Code))?.Length ?? 0,
        _ => _places.ParksPerProvince.GetValueOrDefault(ParseCode(place.Code) / 10000),
    };
}
