using System.Globalization;
using ParkFinder.Functions.Parks;

namespace ParkFinder.Functions.Search;

public sealed record SearchHit(IndexedPark Park, double? DistanceKm);

public sealed record SearchResult(IReadOnlyList<SearchHit> Items, SearchCursor? Next, int Total);

// An immutable in-memory index of every park and its available units, built off the request path
// and swapped whole. Parks sit in id order, so a park's position is also its tie-break rank.
public sealed partial class ParkSearchIndex
{
    private ParkRecords _records = ParkRecords.Create([]); // ids in position order, each park's record and facet values
    private PlacesAndIndustries _places = PlacesAndIndustries.Create(0); // cities, districts, industries, the parks of each
    private ParkLocations _locations = ParkLocations.Create(0); // coordinates, points on the sphere, parks by latitude, extent
    private ParkFigures _figures = ParkFigures.Create(0); // stars, update time, available area, vacancy; the star bitsets
    private TextIndex _text = null!;
    private TagBits _tags = TagBits.Empty; // the 64 most used tags' bits, each park's; rarer tags are matched by name

    private AvailableUnits _available = null!; // the units on offer grouped by park; bounds, bitmaps, rent lists
    private ParkOrders _orders = null!; // every park by each sort that needs no query (rent: by its cheapest fresh unit)

    // Responses of this index, by query string: an index never changes, so neither do they.
    private System.Collections.Concurrent.ConcurrentDictionary<string, byte[]> _responses = new(StringComparer.Ordinal);

    public byte[] CachedResponse(string key, int capacity, Func<byte[]> build)
    {
        if (capacity == 0) return build();
        if (_responses.TryGetValue(key, out var cached)) return cached;
        var response = build();
        if (_responses.Count < capacity) _responses.TryAdd(key, response);
        return response;
    }

    private readonly Ecosystem.EcosystemDefinitions _definitions;
    private readonly DateTimeOffset _staleBefore;
    public Ecosystem.EcosystemDefinitions Definitions => _definitions;
    public string Version { get; }
    public DateTimeOffset BuiltAt { get; }
    public int Count => _records.Count;
    public int AvailableUnitCount
    {
        get
        {
            var count = 0;
            for (var p = 0; p < Count; p++)
            {
                var (c, start, end, _) = UnitsOf(p, null);
                for (var u = start; u < end; u++)
                    if (c.TypeBit[u] < 1 << UnitColumns.StaleShift) count++; // stale ones are not available
            }
            return count;
        }
    }

    public static ParkSearchIndex Empty { get; } = Build(new CatalogSnapshot([], new Dictionary<string, List<Unit>>(), "empty"), DateTimeOffset.MinValue);

    public IndexedPark? Find(string parkId) => _records.TryFind(parkId, out var i) ? ParkAt(i) : null;

    // Whether the park is in the catalog, without making its record (an image's parks are made when shown).
    public bool Contains(string parkId) => _records.TryFind(parkId, out _);

    public IEnumerable<IndexedPark> ParksWithStaleUnits() => Enumerable.Range(0, Count).Where(p => FacetsOf(p).StaleUnits > 0).Select(ParkAt);

    // The parks of a district (or else of a city), in id order; with a chain, only those with an enterprise in it.
    public IEnumerable<IndexedPark> ParksIn(string? cityCode, string? districtCode, string? withChain = null)
    {
        var list = districtCode is not null ? _places.InDistrict(ParseCode(districtCode)) ?? []
            : cityCode is not null ? _places.InCity(ParseCode(cityCode)) ?? [] : [];
        var city = cityCode is null ? -1 : ParseCode(cityCode); // with both, the district must lie in the city
        return list.Where(i => (city < 0 || _places.City(i) == city) && (withChain is null || FacetsOf(i).HasChain(withChain, anchor: false))).Select(ParkAt);
    }

    // What every index starts from: the rest is built from a catalog (below) or read from an image (ParkSearchIndex.Image).
    private ParkSearchIndex(string version, DateTimeOffset builtAt, Ecosystem.EcosystemDefinitions definitions, DateTimeOffset staleBefore)
    {
        Version = version;
        BuiltAt = builtAt;
        _definitions = definitions;
        _staleBefore = staleBefore;
        _lexicon = null!; // set by the constructor that fills the parts (LexiconOf)
    }

    private ParkSearchIndex(CatalogSnapshot snapshot, DateTimeOffset builtAt)
        : this(snapshot.Version, builtAt, snapshot.Definitions, snapshot.StaleBefore ?? DateTimeOffset.MinValue)
    {
        var parks = snapshot.Parks.OrderBy(p => p.Id, StringComparer.Ordinal).ToArray();
        var n = parks.Length;
        IReadOnlyList<Unit> UnitsOf(Park p) => snapshot.UnitsByPark.TryGetValue(p.Id, out var list) ? list : [];

        _records = ParkRecords.Create(parks.Select(p => p.Id).ToArray());
        _places = PlacesAndIndustries.Create(n);
        _locations = ParkLocations.Create(n);
        _figures = ParkFigures.Create(n);
        var fields = new string[n][][];
        // One park after another: spread over the cores this was slower at 50,000 parks (BENCHMARKS.md, session 12).
        for (var i = 0; i < n; i++)
        {
            var p = parks[i];
            _places.Set(i, p);
            _locations.Set(i, p);
            fields[i] = [[p.Name], [p.City.Name, p.District.Name], p.Industries, p.Tags];
            SetPark(i, p, UnitsOf(p));
        }
        Locate();
        _text = TextIndex.Build(fields);

        _tags = TagBits.Build(parks, p => UnitsOf(p).Where(u => u.Status == "available"));

        _available = AvailableUnits.Build(parks.Select(p => Available(UnitsOf(p))).ToArray(), _tags.UnitMask);
        Derive();
        _lexicon = LexiconOf(_text, _places, _tags, _records.AllFacets, _definitions);
    }

    public static ParkSearchIndex Build(CatalogSnapshot snapshot, DateTimeOffset builtAt) => new(snapshot, builtAt);

    // What follows from the parks' ids, places, industries and coordinates: the lookups by each
    // (the places' in PlacesAndIndustries, the coordinates' in ParkLocations).
    private void Locate()
    {
        _records.Derive();
        _places.Derive();
        _locations.Derive();
    }

    // The base with some parks' records and units replaced: the unit columns are spliced and only the
    // changed parks' entries of the orders re-placed, the bitmaps rebuilt (about 0.2 s at 50,000 parks).
    // Folds the overlay in (Compacted), off the request path.
    private ParkSearchIndex Spliced(IEnumerable<(Park Park, IReadOnlyList<Unit> Units)> changes)
    {
        var changed = new SortedDictionary<int, Unit[]>();
        var copy = (ParkSearchIndex)MemberwiseClone();
        copy._overlay = null;
        copy._records = _records.Copy();
        copy._figures = _figures.Copy();
        foreach (var (park, units) in changes)
        {
            if (!_records.TryFind(park.Id, out var p)) continue;
            copy.SetPark(p, park, units);
            changed[p] = Available(units);
        }
        if (changed.Count == 0) return this;
        copy._responses = new(StringComparer.Ordinal);
        copy._suggestCounted = null;
        copy._facetColumns = null; // the spliced parks' facets changed: flat columns are made again from the copy's

        copy._available = _available.Spliced(changed, _tags.UnitMask);
        copy.Rederive(this, changed.Keys);
        return copy;
    }

    private void SetPark(int i, Park park, IReadOnlyList<Unit> units)
    {
        var indexed = Record(park, units);
        _records.Set(i, indexed);
        _figures.Set(i, indexed);
    }

    // What search shows of a park, its units marked fresh or stale first.
    private IndexedPark Record(Park park, IReadOnlyList<Unit> units) => Record(park, units, _staleBefore, _definitions);

    private static IndexedPark Record(Park park, IReadOnlyList<Unit> units, DateTimeOffset staleBefore, Ecosystem.EcosystemDefinitions definitions)
    {
        Units.Freshness.Mark(park, units, staleBefore);
        return new IndexedPark(park, units, definitions);
    }

    // Every unit on offer, stale ones too: their type bit marks them (UnitColumns), so a search leaves
    // them out unless it asks for them.
    private static Unit[] Available(IReadOnlyList<Unit> units) => units.Where(u => u.Status == "available").ToArray();

    private static int Words(int bits) => (bits + 63) >> 6;

}
