namespace ParkFinder.Functions.Search;

public sealed partial class ParkSearchIndex
{
    // An index read from its image keeps the parks' records here and makes each when first shown.
    private StoredParks? _stored;

    private IndexedPark Materialize(int p)
    {
        var (park, units) = _stored!.Read(p);
        var record = Record(park, units);
        return Interlocked.CompareExchange(ref _parks[p], record, null) ?? record;
    }

    internal IReadOnlyList<string> ParkIds => _ids;

    // Everything a build computes from the parks, as it is (IndexImage); what follows from it alone
    // (lookups, bitmaps, orders) is derived again on reading, which costs a fraction of a build.
    internal void WriteImage(IndexImageWriter image)
    {
        if (_overlay is not null) throw new InvalidOperationException("An index with landlords' changes has no image: fold it first.");
        image.Strings(_ids);
        _places.Write(image);
        _locations.Write(image);
        _figures.Write(image);
        image.Section(_text.Write);
        _tags.Write(image);
        image.Jagged(_facets.Select(f => f.Scores).ToArray());
        foreach (var names in (Func<ParkFacets, string[]>[])[f => f.ChainIds, f => f.AnchorChains, f => f.SegmentKeys, f => f.Policies, f => f.Tags])
            image.JaggedStrings(_facets.Select(names).ToArray());
        image.Values(_facets.Select(f => f.AvailableAreaWithStale).ToArray());
        image.Values(_facets.Select(f => f.StaleUnits).ToArray());
        _available.Write(image);
    }

    internal static ParkSearchIndex FromImage(IndexImageReader image, StoredParks stored, string version, DateTimeOffset builtAt,
        Ecosystem.EcosystemDefinitions definitions, DateTimeOffset staleBefore) => new(image, stored, version, builtAt, definitions, staleBefore);

    private ParkSearchIndex(IndexImageReader image, StoredParks stored, string version, DateTimeOffset builtAt,
        Ecosystem.EcosystemDefinitions definitions, DateTimeOffset staleBefore) : this(version, builtAt, definitions, staleBefore)
    {
        _stored = stored;
        _ids = image.Strings();
        var n = _ids.Length;
        _parks = new IndexedPark?[n];
        _places = PlacesAndIndustries.Read(image);
        _locations = ParkLocations.Read(image);
        _figures = ParkFigures.Read(image);
        // The text index is the largest part to read: read beside the rest, on the other core.
        var textSection = image.Section();
        var text = Task.Run(() => TextIndex.Read(textSection));
        _tags = TagBits.Read(image);
        var (scores, chains, anchors, segments, policies, tags) = (image.Jagged<byte>(), image.JaggedStrings(), image.JaggedStrings(),
            image.JaggedStrings(), image.JaggedStrings(), image.JaggedStrings());
        var (withStale, staleUnits) = (image.Values<double>(), image.Values<int>());
        _facets = new ParkFacets[n];
        for (var p = 0; p < n; p++)
            _facets[p] = new ParkFacets
            {
                Scores = scores[p], ChainIds = chains[p], AnchorChains = anchors[p], SegmentKeys = segments[p], Policies = policies[p], Tags = tags[p],
                AvailableAreaWithStale = withStale[p], StaleUnits = staleUnits[p],
            };
        _available = AvailableUnits.Read(image);
        Parallel.Invoke(Locate, Derive);
        _text = text.GetAwaiter().GetResult();
    }
}
