using System.Diagnostics;
using ParkFinder.Functions.Search;

namespace ParkFinder.Benchmarks;

// In-process, at full size: GET /api/parks/map's clusters for a country, a city and a district box, and what
// facets add to a broad search.
public static class MapBenchmark
{
    public static void Run(int parks, int units, int iterations)
    {
        Console.WriteLine($"## Map and facets: {parks:N0} parks, {units:N0} units, {iterations:N0} runs each");
        var index = Timing.SyntheticIndex(parks, units);
        (string Name, GeoBox Box, int Zoom)[] views =
        [
            ("whole country, zoom 4", new GeoBox(18, 73, 54, 135), 4),
            ("深圳 city box, zoom 11", new GeoBox(22.3, 113.7, 22.9, 114.4), 11),
            ("one district's box, zoom 15", new GeoBox(22.5, 113.9, 22.56, 113.98), 15),
        ];
        Console.WriteLine();
        Console.WriteLine("| map | unit filter | total | level | clusters or parks | p50 ms | p99 ms |");
        Console.WriteLine("|---|---|---:|---|---:|---:|---:|");
        foreach (var (name, box, zoom) in views)
            foreach (var filter in new[] { "", "spaceType=factory&minArea=2000" })
            {
                var q = QuerySet.Parse(filter) with { Box = box };
                var map = index.Map(q, zoom);
                var times = Timing.Measure(() => index.Map(q, zoom), iterations);
                Console.WriteLine($"| {name} | {(filter == "" ? "-" : filter)} | {map.Total:N0} | {map.Level} | {map.Clusters.Count + map.Parks.Count} | {Percentiles.Of(times, 50):0.000} | {Percentiles.Of(times, 99):0.000} |");
            }
        Console.WriteLine();
        Console.WriteLine("| broad search | p50 ms | p99 ms |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var filter in new[] { "spaceType=factory&minArea=1000&maxArea=5000", "city=440300" })
        {
            var q = QuerySet.Parse(filter);
            var plain = Timing.Measure(() => index.Search(q), iterations);
            string[] three = ["district", "spaceType", "industry"];
            var faceted = Timing.Measure(() => { index.Search(q); index.Facets(q, three); }, iterations);
            Console.WriteLine($"| `{filter}` | {Percentiles.Of(plain, 50):0.000} | {Percentiles.Of(plain, 99):0.000} |");
            Console.WriteLine($"| `{filter}` + facets district, spaceType, industry | {Percentiles.Of(faceted, 50):0.000} | {Percentiles.Of(faceted, 99):0.000} |");
            foreach (var facet in ParkSearchIndex.FacetNames)
            {
                var one = Timing.Measure(() => index.Facets(q, [facet]), iterations / 4);
                Console.WriteLine($"| `{filter}`: facet {facet} alone | {Percentiles.Of(one, 50):0.000} | {Percentiles.Of(one, 99):0.000} |");
            }
            var all = Timing.Measure(() => index.Facets(q, ParkSearchIndex.FacetNames), iterations / 4);
            Console.WriteLine($"| `{filter}`: all nine facets alone | {Percentiles.Of(all, 50):0.000} | {Percentiles.Of(all, 99):0.000} |");
        }
    }

}
