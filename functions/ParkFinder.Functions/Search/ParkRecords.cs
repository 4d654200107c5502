using ParkFinder.Functions.Parks;

namespace ParkFinder.Functions.Search;

// The index's part that owns the parks themselves: their ids in ordinal order (a park's position is its
// tie-break rank in every order and page), the record search shows of each, and each park's facet values
// (chains, policies, tags, track scores) that filters and counts read without the record. An index read
// from its image makes a park's record when first shown, from the image's stored parks. A splice copies
// the arrays and sets its changed parks' records; the ids never change between full builds.
internal sealed class ParkRecords
{
    private readonly string[] _ids;
    private readonly IndexedPark?[] _records; // null until first shown, in an index read from its image
    private readonly ParkFacets[] _facets;
    private readonly StoredParks? _stored;
    private readonly Func<Park, IReadOnlyList<Unit>, IndexedPark>? _make;
    private Dictionary<string, int> _byId = [];

    private ParkRecords(string[] ids, IndexedPark?[] records, ParkFacets[] facets, StoredParks? stored, Func<Park, IReadOnlyList<Unit>, IndexedPark>? make) =>
        (_ids, _records, _facets, _stored, _make) = (ids, records, facets, stored, make);

    // For parks in id order; their records are Set next.
    public static ParkRecords Create(string[] ids) => new(ids, new IndexedPark?[ids.Length], new ParkFacets[ids.Length], null, null);

    public int Count => _ids.Length;

    // The ids in position order (ordinal): a cursor's park is found by binary search.
    public string[] Ids => _ids;

    public bool TryFind(string parkId, out int p) => _byId.TryGetValue(parkId, out p);

    public IndexedPark Record(int p) => _records[p] ?? Materialize(p);

    public ParkFacets Facets(int p) => _facets[p];

    // Every park's facets, by position (the facets' flat columns and the lexicon read them whole).
    public ParkFacets[] AllFacets => _facets;

    // Park p's record and the facets that follow from it.
    public void Set(int p, IndexedPark record)
    {
        _records[p] = record;
        _facets[p] = ParkFacets.Of(record);
    }

    // The same parks in arrays of their own, for a splice to set its changed parks in. An image's parks
    // not shown yet are made again by the copy when shown: harmless.
    public ParkRecords Copy() => new(_ids, (IndexedPark?[])_records.Clone(), (ParkFacets[])_facets.Clone(), _stored, _make) { _byId = _byId };

    // The lookup by id (a build, or an image read).
    public void Derive()
    {
        var byId = new Dictionary<string, int>(_ids.Length, StringComparer.Ordinal);
        for (var p = 0; p < _ids.Length; p++) byId[_ids[p]] = p;
        _byId = byId;
    }

    private IndexedPark Materialize(int p)
    {
        var (park, units) = _stored!.Read(p);
        var record = _make!(park, units);
        return Interlocked.CompareExchange(ref _records[p], record, null) ?? record;
    }

    // What Write stores, named in the image's format: move it on with any change to Write and Read.
    public const string Layout = "records 1: ids, scores, chainIds, anchorChains, segmentKeys, policies, tags, availableAreaWithStale, staleUnits";

    // The ids and the facets; the records themselves are the image's stored parks (IndexImage).
    public void Write(IndexImageWriter image)
    {
        image.Strings(_ids);
        image.Jagged(_facets.Select(f => f.Scores).ToArray());
        foreach (var names in (Func<ParkFacets, string[]>[])[f => f.ChainIds, f => f.AnchorChains, f => f.SegmentKeys, f => f.Policies, f => f.Tags])
            image.JaggedStrings(_facets.Select(names).ToArray());
        image.Values(_facets.Select(f => f.AvailableAreaWithStale).ToArray());
        image.Values(_facets.Select(f => f.StaleUnits).ToArray());
    }

    // `make` turns a stored park and its units into the record search shows (the index's freshness and
    // definitions). Copies keep it: it must not hold the index it was made for.
    public static ParkRecords Read(IndexImageReader image, StoredParks stored, Func<Park, IReadOnlyList<Unit>, IndexedPark> make)
    {
        var ids = image.Strings();
        var (scores, chains, anchors, segments, policies, tags) = (image.Jagged<byte>(), image.JaggedStrings(), image.JaggedStrings(),
            image.JaggedStrings(), image.JaggedStrings(), image.JaggedStrings());
        var (withStale, staleUnits) = (image.Values<double>(), image.Values<int>());
        var facets = new ParkFacets[ids.Length];
        for (var p = 0; p < ids.Length; p++)
            facets[p] = new ParkFacets
            {
                Scores = scores[p], ChainIds = chains[p], AnchorChains = anchors[p], SegmentKeys = segments[p], Policies = policies[p], Tags = tags[p],
                AvailableAreaWithStale = withStale[p], StaleUnits = staleUnits[p],
            };
        return new ParkRecords(ids, new IndexedPark?[ids.Length], facets, stored, make);
    }
}
