using System.Globalization;

namespace ParkFinder.Functions.Search;

// One change to a search that finds nothing: a filter dropped, or a range widened to the nearest step that
// finds parks; with the total it would find.
public sealed record Relaxation(string? Drop, KeyValuePair<string, double>? Set, int Total);

// Never a bare "no results": up to three single changes to the effective filters (the text kept), each
// finding at least one park, widenings first (they keep what the user asked for), then drops by total.
public static class Relaxations
{
    public const int Most = 3;
    // Steps a range is widened by, nearest first, then bisected closer; past the last, the filter is dropped.
    private static readonly double[] Up = [1.1, 1.25, 1.5, 2, 3, 5, 10, 100];
    private static readonly double[] Down = [0.9, 0.8, 2.0 / 3, 0.5, 1.0 / 3, 0.2, 0.1, 0.01];

    private sealed record Range(string Name, Func<ParkQuery, double?> Get, Func<ParkQuery, double?, ParkQuery> Set, bool Up, double Max, bool Whole);

    private static readonly Range[] Ranges =
    [
        new("minArea", q => q.MinArea, (q, v) => q with { MinArea = v }, false, 1e8, true),
        new("maxArea", q => q.MaxArea, (q, v) => q with { MaxArea = v }, true, 1e8, true),
        new("minRent", q => q.MinRent, (q, v) => q with { MinRent = v }, false, 1e6, false),
        new("maxRent", q => q.MaxRent, (q, v) => q with { MaxRent = v }, true, 1e6, false),
        new("radiusKm", q => q.RadiusKm, (q, v) => q with { RadiusKm = v }, true, SearchParameters.MaxRadiusKm, false),
        new("minStars", q => q.MinStars, (q, v) => q with { MinStars = v is null ? null : (int)v }, false, 5, true),
        new("minTrackScore", q => q.MinTrackScore, (q, v) => q with { MinTrackScore = v is null ? null : (int)v }, false, 100, true),
        new("minCeilingHeightM", q => q.MinCeilingHeightM, (q, v) => q with { MinCeilingHeightM = v }, false, 100, false),
        new("minFloorLoad", q => q.MinFloorLoad, (q, v) => q with { MinFloorLoad = v }, false, 100, false),
        new("minPowerKva", q => q.MinPowerKva, (q, v) => q with { MinPowerKva = v }, false, 1e6, false),
    ];

    private static readonly (string Name, Func<ParkQuery, bool> Has, Func<ParkQuery, ParkQuery> Drop)[] Drops =
    [
        ("province", q => q.Province is not null, q => q with { Province = null }),
        ("city", q => q.City is not null, q => q with { City = null }),
        ("district", q => q.District is not null, q => q with { District = null }),
        ("spaceType", q => q.SpaceTypes.Length > 0, q => q with { SpaceTypes = [] }),
        ("industry", q => q.Industries.Length > 0, q => q with { Industries = [] }),
        ("tag", q => q.Tags.Length > 0, q => q with { Tags = [] }),
        ("policy", q => q.Policies.Length > 0, q => q with { Policies = [] }),
        ("chain", q => q.Chain is not null, q => q with { Chain = null, Segments = [], Anchor = false }),
        ("track", q => q.MinTrackScore is not null, q => q with { MinTrackScore = null }),
    ];

    public static IReadOnlyList<Relaxation> For(ParkSearchIndex index, ParkQuery query)
    {
        // Only totals are read: one park a page, in an order every query can take.
        var q = query with { Limit = 1, After = null, Sort = query.Text is null ? SearchSort.Stars : SearchSort.Relevance };
        int Total(ParkQuery x) => index.Search(x).Total;
        var widened = new List<Relaxation>();
        var dropped = new List<Relaxation>();
        foreach (var range in Ranges)
        {
            if (range.Get(q) is not { } value) continue;
            var drop = range.Set(q, null);
            var all = Total(drop);
            if (all == 0) continue;
            var steps = (range.Up ? Up : Down).Select(f => Step(value * f, range)).Where(v => range.Up ? v > value && v <= range.Max : v < value && v > 0)
                .Distinct().ToArray();
            // The totals grow along the steps: the nearest step that finds a park, by bisection (its total kept).
            int lo = 0, hi = steps.Length, found = all;
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (Total(range.Set(q, steps[mid])) is > 0 and var t) (hi, found) = (mid, t); else lo = mid + 1;
            }
            if (lo < steps.Length)
            {
                // Then closer, between the step that finds nothing and the one that does.
                var (fails, finds) = (lo == 0 ? value : steps[lo - 1], steps[lo]);
                for (var k = 0; k < 5; k++)
                {
                    var mid = Step((fails + finds) / 2, range);
                    if (mid == fails || mid == finds) break;
                    if (Total(range.Set(q, mid)) is > 0 and var t) (finds, found) = (mid, t); else fails = mid;
                }
                widened.Add(new Relaxation(null, new(range.Name, finds), found));
            }
            else dropped.Add(new Relaxation(range.Name, null, all));
        }
        foreach (var (name, has, dropIt) in Drops)
            if (has(q) && Total(dropIt(q)) is > 0 and var total) dropped.Add(new Relaxation(name, null, total));
        return widened.Concat(dropped.OrderByDescending(r => r.Total)).Take(Most).ToList();
    }

    // A widened value as a person would type it: whole numbers where the filter takes them, else 2 decimals,
    // rounded away from the user's value so it still finds what the exact one would.
    private static double Step(double value, Range range)
    {
        var scaled = range.Whole ? value : value * 100;
        var rounded = range.Up ? Math.Ceiling(scaled - 1e-9) : Math.Floor(scaled + 1e-9);
        return range.Whole ? rounded : rounded / 100;
    }

    public static string Format(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
