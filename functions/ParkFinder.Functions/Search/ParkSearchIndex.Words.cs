using ParkFinder.Functions.Places;
using ParkFinder.Functions.Search.Understanding;

namespace ParkFinder.Functions.Search;

public sealed partial class ParkSearchIndex
{
    // The search box's words for this catalog: made on first use from the base's names, industries, tags
    // and places, which a landlord's write does not change (the overlay keeps them), so copies share it.
    // Made from the parts, never from the index: copies and folds share it, and it must not keep the
    // index it came from alive (LexiconOf, below).
    private readonly Lazy<Lexicon> _lexicon;
    internal Lexicon Lexicon => _lexicon.Value;

    // The words and the park names by pinyin, made by the refresher after each new base, off the request
    // path: else the first line or Latin term after a rebuild pays for them (about 0.2 s and 0.6 s at 50,000 parks).
    internal void WarmWords()
    {
        _ = _lexicon.Value;
        _text.WarmPinyin();
    }

    private static Lazy<Lexicon> LexiconOf(TextIndex text, PlacesAndIndustries places, TagBits tagBits, ParkFacets[] facets,
        Ecosystem.EcosystemDefinitions definitions) => new(() =>
    {
        var industries = places.IndustryIds.ToDictionary(kv => kv.Key, kv => places.WithIndustry(kv.Value)?.Length ?? 0, StringComparer.Ordinal);
        var tags = new HashSet<string>(tagBits.Bits.Keys, StringComparer.Ordinal);
        foreach (var f in facets) if (f is not null) tags.UnionWith(f.Tags);
        return new Lexicon(new Lexicon.Catalog(text.Names.ToList(), industries, tags, definitions, places.ParksIn), QueryWords.Shipped);
    });
}
