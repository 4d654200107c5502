using System.Globalization;
using ParkFinder.Api.Parks;

namespace ParkFinder.Api.Search;

public sealed record SearchHit(IndexedPark Park, double? DistanceKm);

public sealed record SearchResult(IReadOnlyList<SearchHit> Items, SearchCursor? Next, int Total);

// An immutable in-memory index of every park and its available units, built off the request path
// and swapped whole. Parks sit in id order, so a park's position is also its tie-break rank.
public sealed partial class ParkSearchIndex
{
    private readonly IndexedPark[] _parks;
    private readonly string[] _ids;
    private readonly Dictionary<string, int> _byId;
    private readonly int[] _city, _district;
    private readonly Dictionary<int, int[]> _byCity, _byDistrict;
    private readonly Dictionary<string, int> _industryIds;
    private readonly int[][] _parkIndustries;
    private readonly Dictionary<int, int[]> _byIndustry;
    private readonly float[] _lat, _lng;
    private readonly byte[] _stars;
    private readonly long[] _updated;
    private readonly double[] _availableArea, _vacancyRate; // NaN: no inventory
    private readonly TextIndex _text;

    // Available units, flat and grouped by park: park p owns [_unitStart[p], _unitStart[p + 1]).
    private readonly int[] _unitStart;
    private readonly byte[] _uType;
    private readonly float[] _uArea, _uRent, _uCeiling, _uLoad, _uPower;
    private readonly ulong[] _uTags;
    private readonly string[][] _uTagNames;
    private readonly ulong[] _parkTags;
    private readonly Dictionary<string, int> _tagBits;

    public string Version { get; }
    public DateTimeOffset BuiltAt { get; }
    public int Count => _parks.Length;
    public int AvailableUnitCount => _uType.Length;

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
        var total = available.Sum(a => a.Length);
        _unitStart = new int[n + 1];
        _uType = new byte[total];
        _uArea = new float[total];
        _uRent = new float[total];
        _uCeiling = new float[total];
        _uLoad = new float[total];
        _uPower = new float[total];
        _uTags = new ulong[total];
        _uTagNames = new string[total][];
        var k = 0;
        for (var i = 0; i < n; i++)
        {
            _unitStart[i] = k;
            foreach (var u in available[i])
            {
                SpaceTypes.TryParse(u.SpaceType, out var type);
                _uType[k] = (byte)type;
                _uArea[k] = (float)u.Area;
                _uRent[k] = u.Rent is null ? float.NaN : (float)Rents.MonthlyPerM2(u.Rent.Amount, u.Rent.Unit, u.Area);
                _uCeiling[k] = (float)(u.CeilingHeightM ?? double.NaN);
                _uLoad[k] = (float)(u.FloorLoadTPerM2 ?? double.NaN);
                _uPower[k] = (float)(u.PowerKva ?? double.NaN);
                _uTags[k] = TagMask(u.Tags);
                _uTagNames[k] = u.Tags;
                k++;
            }
        }
        _unitStart[n] = k;
    }

    public static ParkSearchIndex Build(CatalogSnapshot snapshot, DateTimeOffset builtAt) => new(snapshot, builtAt);

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
