using System.Globalization;
using ParkFinder.Functions.Parks;
using ParkFinder.Functions.Places;

namespace ParkFinder.Functions.Search;

// The index's part that owns where each park is and what it makes: its city and district codes and
// its industries (numbered in the order the build meets them), and what follows from those alone: the
// parks of each city, district and industry, parks per province, and each park's province, city and
// district as a dense number (the map's levels and the facets count by array). A splice or an overlay
// keeps them: a landlord's change does not move a park or change its industries (imports, which build
// anew, do), so copies share this part.
internal sealed class PlacesAndIndustries
{
    private readonly int[] _city, _district; // adcodes as numbers: 440305
    private readonly Dictionary<string, int> _industryIds;
    private readonly int[][] _industries; // [park]: its industry ids

    // Derived (Derive): lookups by value and the dense numbers.
    private Dictionary<int, int[]> _byCity = [], _byDistrict = [], _byIndustry = [];
    private Dictionary<int, int> _parksPerProvince = [];

    private PlacesAndIndustries(int[] city, int[] district, Dictionary<string, int> industryIds, int[][] industries)
    {
        (_city, _district, _industryIds, _industries) = (city, district, industryIds, industries);
    }

    public static PlacesAndIndustries Create(int parks) => new(new int[parks], new int[parks], new Dictionary<string, int>(StringComparer.Ordinal), new int[parks][]);

    // Park p's place and industries. Called in park order, one park at a time: industries are numbered
    // as they are first met.
    public void Set(int p, Park park)
    {
        // A municipality's city-level code (110100, from rows stored before imports canonicalised it) is its one city code.
        _city[p] = int.Parse(Places.RegionTable.City(park.City.Code)?.Code ?? park.City.Code, CultureInfo.InvariantCulture);
        _district[p] = int.Parse(park.District.Code, CultureInfo.InvariantCulture);
        _industries[p] = park.Industries.Select(name => _industryIds.TryGetValue(name, out var id) ? id : _industryIds[name] = _industryIds.Count).ToArray();
    }

    public int City(int p) => _city[p];
    public int District(int p) => _district[p];
    public int[] Industries(int p) => _industries[p];

    // Every park's industry ids, indexed by park: the facets' flat columns read them whole.
    public int[][] IndustriesByPark => _industries;

    // Industry name -> id, for the industries some park names.
    public IReadOnlyDictionary<string, int> IndustryIds => _industryIds;

    // The parks of a city, a district, an industry id (ascending), or null when there are none.
    public int[]? InCity(int code) => _byCity.GetValueOrDefault(code);
    public int[]? InDistrict(int code) => _byDistrict.GetValueOrDefault(code);
    public int[]? WithIndustry(int id) => _byIndustry.GetValueOrDefault(id);

    // Every city and district with its parks (suggestions list the places that have parks).
    public IReadOnlyDictionary<int, int[]> Cities => _byCity;
    public IReadOnlyDictionary<int, int[]> Districts => _byDistrict;

    // How many parks lie in each province (its two-digit number: 44).
    public IReadOnlyDictionary<int, int> ParksPerProvince => _parksPerProvince;

    // How many parks lie in a place (the search box's lexicon reads it).
    public int ParksIn(Place place)
    {
        var code = int.Parse(place.Code, CultureInfo.InvariantCulture);
        return place.Level switch
        {
            PlaceLevel.District => InDistrict(code)?.Length ?? 0,
            PlaceLevel.City => InCity(code)?.Length ?? 0,
            _ => _parksPerProvince.GetValueOrDefault(code / 10000),
        };
    }

    // Each park's province, city and district as a dense number with the codes in that order.
    public PlaceGroups ProvinceGroups { get; private set; } = PlaceGroups.Empty;
    public PlaceGroups CityGroups { get; private set; } = PlaceGroups.Empty;
    public PlaceGroups DistrictGroups { get; private set; } = PlaceGroups.Empty;

    // The lookups from the parks' codes and industries (a build, or an image read).
    public void Derive()
    {
        var n = _city.Length;
        _byCity = Postings(_city);
        _byDistrict = Postings(_district);
        _byIndustry = Enumerable.Range(0, n).SelectMany(p => _industries[p].Select(id => (id, p)))
            .GroupBy(x => x.id).ToDictionary(g => g.Key, g => g.Select(x => x.p).ToArray());
        _parksPerProvince = _byCity.GroupBy(kv => kv.Key / 10000).ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value.Length));
        ProvinceGroups = PlaceGroups.From(_city.Select(c => c / 10000 * 10000).ToArray());
        CityGroups = PlaceGroups.From(_city);
        DistrictGroups = PlaceGroups.From(_district);
    }

    private static Dictionary<int, int[]> Postings(int[] keys) =>
        Enumerable.Range(0, keys.Length).GroupBy(i => keys[i]).ToDictionary(g => g.Key, g => g.ToArray());

    // What Write stores, named in the image's format: move it on with any change to Write and Read.
    public const string Layout = "places 1: city, district, industryIds, industries";

    public void Write(IndexImageWriter image)
    {
        image.Values(_city);
        image.Values(_district);
        image.Numbered(_industryIds);
        image.Jagged(_industries);
    }

    public static PlacesAndIndustries Read(IndexImageReader image) =>
        new(image.Values<int>(), image.Values<int>(), image.Numbered(), image.Jagged<int>());
}

// Parks numbered densely by a code (a province, city or district): Of[park] is the number, Codes[number]
// the code, ascending.
internal sealed record PlaceGroups(int[] Of, int[] Codes)
{
    public static readonly PlaceGroups Empty = new([], []);

    public static PlaceGroups From(int[] codes)
    {
        var distinct = codes.Distinct().Order().ToArray();
        var index = distinct.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);
        return new PlaceGroups(codes.Select(c => index[c]).ToArray(), distinct);
    }
}
