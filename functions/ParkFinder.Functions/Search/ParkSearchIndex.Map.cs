using ParkFinder.Functions.Hosting;
using System.Buffers;
using System.Numerics;
using ParkFinder.Functions.Places;

namespace ParkFinder.Functions.Search;

public enum MapLevel { Province, City, District, Cell, Park }

// A group of the parks in view: where its parks are (their centroid), how many, their available area and
// lowest rent (over the space types asked for, as the search shows each park).
public sealed record MapCluster(string Level,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Code,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Name,
    double Lat, double Lng, int Parks, double AvailableArea, double? MinRentMonthlyPerM2);

public sealed record MapPark(string Id, string Name, double Lat, double Lng, double AvailableArea, MapRent Rent);

public sealed record MapRent([property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)] Parks.RentView? Min);

public sealed record MapResult(int Total, MapLevel Level, IReadOnlyList<MapCluster> Clusters, IReadOnlyList<MapPark> Parks);

public sealed partial class ParkSearchIndex
{
    public const int MaxMapParks = 300, MapGrid = 16;

    // The map of a search in a box: one cluster per province (zoom <= 7), city (8-10) or district (11-12);
    // above, the parks themselves while at most 300 are in view, else clusters on a 16 x 16 grid of the box.
    public MapResult Map(ParkQuery q, int zoom)
    {
        var parks = Matches(q, out var total);
        try
        {
            var level = zoom <= 7 ? MapLevel.Province : zoom <= 10 ? MapLevel.City : zoom <= 12 ? MapLevel.District
                : total <= MaxMapParks ? MapLevel.Park : MapLevel.Cell;
            var typeMask = IndexedPark.MaskOf(q.SpaceTypes);
            if (level == MapLevel.Park) return new MapResult(total, level, [], ParksOnMap(parks, typeMask, q.IncludeStale));
            var places = level switch { MapLevel.Province => _places.ProvinceGroups, MapLevel.City => _places.CityGroups, MapLevel.District => _places.DistrictGroups, _ => null };
            var size = places?.Codes.Length ?? MapGrid * MapGrid;
            var (count, lat, lng, area, rent) = (new int[size], new double[size], new double[size], new double[size], new float[size]);
            Array.Fill(rent, float.PositiveInfinity);
            // Without a space-type filter, a park's figures are its own arrays' (as its summary shows them).
            var plainFigures = typeMask == 0 && !q.IncludeStale;
            var slots = TypeFigureColumns.SlotsOf(typeMask, q.IncludeStale);
            var box = q.Box!;
            var bounds = _available.Bounds;
            for (int w = 0, words = Words(Count); w < words; w++)
                for (var rest = parks[w]; rest != 0; rest &= rest - 1)
                {
                    var p = (w << 6) + BitOperations.TrailingZeroCount(rest);
                    var (parkLat, parkLng) = (_locations.Lat(p), _locations.Lng(p));
                    var g = places is not null ? places.Of[p] : Cell(parkLat, box.SwLat, box.NeLat) * MapGrid + Cell(parkLng, box.SwLng, box.NeLng);
                    var (a, r) = plainFigures && !IsOverridden(p) ? (_figures.AvailableArea(p), bounds[p].MinFreshRent) : TypeFiguresOf(p, slots);
                    count[g]++;
                    lat[g] += parkLat;
                    lng[g] += parkLng;
                    area[g] += a;
                    if (r < rent[g]) rent[g] = r;
                }
            var clusters = new List<MapCluster>();
            for (var g = 0; g < size; g++)
                if (count[g] > 0) clusters.Add(Cluster(level, places?.Codes[g] ?? g, (count[g], lat[g], lng[g], area[g], rent[g])));
            clusters.Sort((a, b) => a.Parks != b.Parks ? b.Parks.CompareTo(a.Parks) : string.CompareOrdinal(a.Code, b.Code) is var c and not 0 ? c : a.Lat.CompareTo(b.Lat));
            return new MapResult(total, level, clusters, []);
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(parks);
        }
    }

    private static int Cell(float value, double from, double to) => Math.Clamp((int)((value - from) / (to - from) * MapGrid), 0, MapGrid - 1);

    private static MapCluster Cluster(MapLevel level, int key, (int Parks, double Lat, double Lng, double Area, float Rent) g)
    {
        var (code, name) = level switch
        {
            MapLevel.Province => Named(RegionTable.Province(key.ToString("D6")), key.ToString("D6")),
            MapLevel.City => Named(RegionTable.City(key.ToString("D6")), key.ToString("D6")),
            MapLevel.District => Named(RegionTable.District(key.ToString("D6")), key.ToString("D6")),
            _ => ((string?)null, (string?)null),
        };
        return new MapCluster(level.ToString().ToLowerInvariant(), code, name, Math.Round(g.Lat / g.Parks, 6), Math.Round(g.Lng / g.Parks, 6), g.Parks,
            Shown.Area(g.Area), float.IsPositiveInfinity(g.Rent) ? null : Shown.Rent(g.Rent));
    }

    private static (string?, string?) Named(Place? place, string code) => (code, place?.Name);

    // The parks themselves, by id, with the figures their search summary shows for these space types.
    private List<MapPark> ParksOnMap(ulong[] parks, int typeMask, bool includeStale)
    {
        var list = new List<MapPark>();
        for (var w = 0; w < Words(Count); w++)
            for (var rest = parks[w]; rest != 0; rest &= rest - 1)
            {
                var record = ParkAt((w << 6) + BitOperations.TrailingZeroCount(rest));
                var (area, rent) = record.FiguresFor(typeMask, includeStale);
                list.Add(new MapPark(record.Park.Id, record.Park.Name, record.Park.Lat, record.Park.Lng, area, new MapRent(rent.Min)));
            }
        return list;
    }
}
