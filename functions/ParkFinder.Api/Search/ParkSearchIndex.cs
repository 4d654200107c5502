using System.Globalization;
using ParkFinder.Api.Parks;

namespace ParkFinder.Api.Search;

public sealed record SearchHit(IndexedPark Park, double? DistanceKm);

public sealed record SearchResult(IReadOnlyList<SearchHit> Items, SearchCursor? Next, int Total);

// An immutable in-memory index of every park and its available units, built off the request path
// and swapped whole. Parks sit in id order, so a park's position is also its tie-break rank.
public sealed partial class ParkSearchIndex
{
    private IndexedPark[] _parks;
    private readonly string[] _ids;
    private readonly Dictionary<string, int> _byId;
    private readonly int[] _city, _district;
    private readonly Dictionary<int, int[]> _byCity, _byDistrict;
    private readonly Dictionary<string, int> _industryIds;
    private readonly int[][] _parkIndustries;
    private readonly Dictionary<int, int[]> _byIndustry;
    private readonly float[] _lat, _lng;
    private readonly byte[] _stars;
    private long[] _updated;
    private double[] _availableArea, _vacancyRate; // NaN: no inventory
    private readonly TextIndex _text;

    // Available units, flat and grouped by park: park p owns [_unitStart[p], _unitStart[p + 1]) of _flat,
    // unless a landlord's write since the last full build put its units in _overrides[p].
    private readonly int[] _unitStart;
    private readonly UnitColumns _flat;
    private UnitColumns?[]? _overrides;
    private UnitBounds[] _bounds;
    private readonly int[] _unitPark; // flat unit -> its park
    // Filterless searches read a precomputed order per sort; null on copies made by WithPark.
    private Dictionary<SearchSort, (double[] Keys, int[] Parks)>? _orders;
    private readonly ulong[] _parkTags;
    private readonly Dictionary<string, int> _tagBits;

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

    public string Version { get; }
    public DateTimeOffset BuiltAt { get; }
    public int Count => _parks.Length;
    public int AvailableUnitCount => _flat.Count;

    public static ParkSearchIndex Empty { get; } = Build(new CatalogSnapshot([], new Dictionary<string, List<Unit>>(), "empty"), DateTimeOffset.MinValue);

    public IndexedPark? Find(string parkId) => _byId.TryGetValue(parkId, out var i) ? _parks[i] : null;

    public IEnumerable<IndexedPark> All => _parks;

    private ParkSearchIndex(CatalogSnapshot snapshot, DateTimeOffset builtAt)
    {
        Version = snapshot.Version;
        BuiltAt = builtAt;
        var parks = snapshot.Parks.OrderBy(p => p.Id, StringComparer.Ordinal).ToArray();
        var n = parks.Length;
        IReadOnlyList<Unit> UnitsOf(Park p) => snapshot.UnitsByPark.TryGetValue(p.Id, out var list) ? list : [];

        _parks = new IndexedPark[n];
        _ids = new string[n];
        _byId = new Dictionary<string, int>(n, StringComparer.Ordinal);
        _city = new int[n];
        _district = new int[n];
        _lat = new float[n];
        _lng = new float[n];
        _stars = new byte[n];
        _updated = new long[n];
        _availableArea = new double[n];
        _vacancyRate = new double[n];
        _parkIndustries = new int[n][];
        _industryIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var fields = new string[n][][];
        for (var i = 0; i < n; i++)
        {
            var p = parks[i];
            _parks[i] = new IndexedPark(p, UnitsOf(p));
            _ids[i] = p.Id;
            _byId[p.Id] = i;
            _city[i] = int.Parse(p.City.Code, CultureInfo.InvariantCulture);
            _district[i] = int.Parse(p.District.Code, CultureInfo.InvariantCulture);
            _lat[i] = (float)p.Lat;
            _lng[i] = (float)p.Lng;
            _stars[i] = (byte)(p.Stars ?? 0);
            _updated[i] = _parks[i].UpdatedAt.UtcTicks;
            _availableArea[i] = _parks[i].AvailableArea;
            _vacancyRate[i] = _parks[i].VacancyRate ?? double.NaN;
            _parkIndustries[i] = p.Industries.Select(ind => _industryIds.TryGetValue(ind, out var id) ? id : _industryIds[ind] = _industryIds.Count).ToArray();
            fields[i] = [[p.Name], [p.City.Name, p.District.Name], p.Industries, p.Tags];
        }
        _byCity = Postings(_city);
        _byDistrict = Postings(_district);
        _byIndustry = Enumerable.Range(0, n).SelectMany(i => _parkIndustries[i].Select(id => (id, i)))
            .GroupBy(x => x.id).ToDictionary(g => g.Key, g => g.Select(x => x.i).ToArray());
        _text = TextIndex.Build(fields);

        // The 64 most used tags get a bit each; rarer ones are matched by name.
        _tagBits = parks.SelectMany(p => p.Tags.Concat(UnitsOf(p).Where(u => u.Status == "available").SelectMany(u => u.Tags)))
            .GroupBy(t => t).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(64)
            .Select((g, bit) => (g.Key, bit)).ToDictionary(x => x.Key, x => x.bit, StringComparer.Ordinal);
        _parkTags = parks.Select(p => TagMask(p.Tags)).ToArray();

        var available = parks.Select(p => UnitsOf(p).Where(u => u.Status == "available").ToArray()).ToArray();
        _unitStart = new int[n + 1];
        _flat = new UnitColumns(available.Sum(a => a.Length));
        var k = 0;
        for (var i = 0; i < n; i++)
        {
            _unitStart[i] = k;
            foreach (var u in available[i]) _flat.Set(k++, u, TagMask(u.Tags));
        }
        _unitStart[n] = k;
        _bounds = new UnitBounds[n];
        for (var i = 0; i < n; i++) _bounds[i] = _flat.Bounds(_unitStart[i], _unitStart[i + 1]);
        _unitPark = new int[_flat.Count];
        for (var i = 0; i < n; i++) Array.Fill(_unitPark, i, _unitStart[i], _unitStart[i + 1] - _unitStart[i]);
        _orders = new Dictionary<SearchSort, (double[], int[])>();
        foreach (var sort in new[] { SearchSort.Stars, SearchSort.Updated, SearchSort.AvailableArea, SearchSort.VacancyRate })
        {
            var keys = new double[n];
            for (var i = 0; i < n; i++) keys[i] = StaticKey(sort, i);
            var order = Enumerable.Range(0, n).ToArray();
            Array.Sort(order, (a, b) => Compare((keys[a], a), (keys[b], b)));
            _orders[sort] = (order.Select(i => keys[i]).ToArray(), order);
        }
    }

    public static ParkSearchIndex Build(CatalogSnapshot snapshot, DateTimeOffset builtAt) => new(snapshot, builtAt);

    // A copy with one park's record and units replaced, for a landlord's write to show at once on
    // this instance; shares everything else, so it costs a few array copies, not a rebuild.
    // The park's text fields (name, industries, tags) keep their indexed values until the next full build.
    public ParkSearchIndex WithPark(Park park, IReadOnlyList<Unit> units)
    {
        if (!_byId.TryGetValue(park.Id, out var p)) return this;
        var copy = (ParkSearchIndex)MemberwiseClone();
        copy._responses = new(StringComparer.Ordinal);
        var indexed = new IndexedPark(park, units);
        copy._parks = (IndexedPark[])_parks.Clone();
        copy._parks[p] = indexed;
        copy._availableArea = (double[])_availableArea.Clone();
        copy._availableArea[p] = indexed.AvailableArea;
        copy._vacancyRate = (double[])_vacancyRate.Clone();
        copy._vacancyRate[p] = indexed.VacancyRate ?? double.NaN;
        copy._updated = (long[])_updated.Clone();
        copy._updated[p] = indexed.UpdatedAt.UtcTicks;
        var available = units.Where(u => u.Status == "available").ToArray();
        var columns = new UnitColumns(available.Length);
        for (var i = 0; i < available.Length; i++) columns.Set(i, available[i], TagMask(available[i].Tags));
        copy._overrides = _overrides is null ? new UnitColumns?[_parks.Length] : (UnitColumns?[])_overrides.Clone();
        copy._overrides[p] = columns;
        copy._orders = null;
        copy._bounds = (UnitBounds[])_bounds.Clone();
        copy._bounds[p] = columns.Bounds(0, columns.Count);
        return copy;
    }

    // The units of park p to scan: its overriding columns, or its range of the flat ones.
    private (UnitColumns Columns, int Start, int End) UnitsOfPark(int p) =>
        _overrides?[p] is { } o ? (o, 0, o.Count) : (_flat, _unitStart[p], _unitStart[p + 1]);

    private ulong TagMask(IEnumerable<string> tags)
    {
        ulong mask = 0;
        foreach (var t in tags)
            if (_tagBits.TryGetValue(t, out var bit)) mask |= 1UL << bit;
        return mask;
    }

    private static Dictionary<int, int[]> Postings(int[] keys) =>
        Enumerable.Range(0, keys.Length).GroupBy(i => keys[i]).ToDictionary(g => g.Key, g => g.ToArray());
}
