namespace ParkFinder.Functions.Search;

// What a search reads of a park beyond its figure arrays: its ecosystem (track scores, chains,
// segments), policy categories and tag names. Kept apart from IndexedPark, so an index loaded from
// its image searches without making any park's record; a record is made only for parks shown.
internal sealed class ParkFacets
{
    public required byte[] Scores { get; init; }        // by track index
    public required string[] ChainIds { get; init; }    // chains with an enterprise
    public required string[] AnchorChains { get; init; } // chains with an anchor
    public required string[] SegmentKeys { get; init; } // "chain/segment" with an enterprise
    public required string[] Policies { get; init; }    // the categories of its policies
    public required string[] Tags { get; init; }
    public required double AvailableAreaWithStale { get; init; } // the availableArea sort's key under includeStale=true
    public required int StaleUnits { get; init; }

    // The id lists are in ordinal order: a filter looks an id up by binary search.
    public bool HasChain(string chain, bool anchor) => Has(anchor ? AnchorChains : ChainIds, chain);
    public bool HasSegment(string key) => Has(SegmentKeys, key);
    public bool HasPolicy(string category) => Has(Policies, category);

    private static bool Has(string[] sorted, string value) => Array.BinarySearch(sorted, value, StringComparer.Ordinal) >= 0;

    public static ParkFacets Of(IndexedPark park) => new()
    {
        Scores = park.Ecosystem.Scores,
        ChainIds = [.. park.Ecosystem.ChainIds.Order(StringComparer.Ordinal)],
        AnchorChains = [.. park.Ecosystem.AnchorChains.Order(StringComparer.Ordinal)],
        SegmentKeys = [.. park.Ecosystem.SegmentKeys.Order(StringComparer.Ordinal)],
        Policies = [.. park.Park.Policies.Select(p => p.Category).OfType<string>().Distinct().Order(StringComparer.Ordinal)],
        Tags = park.Park.Tags,
        AvailableAreaWithStale = park.AvailableAreaWithStale,
        StaleUnits = park.StaleUnits,
    };
}
