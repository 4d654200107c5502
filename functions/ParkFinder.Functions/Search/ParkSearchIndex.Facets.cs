using System.Buffers;
using System.Numerics;
using ParkFinder.Functions.Parks;
using ParkFinder.Functions.Places;

namespace ParkFinder.Functions.Search;

// One value of a facet: the GET /api/parks value, its label and how many parks it would find.
public sealed record FacetValue(string Value, string Label, int Parks);

public sealed partial class ParkSearchIndex
{
    public static readonly string[] FacetNames = ["district", "city", "spaceType", "industry", "policy", "stars", "track", "chain", "tag"];
    public const int MaxFacetValues = 50;
    private static readonly Dictionary<string, string> PolicyLabels = new()
    {
        ["funding"] = "资金扶持", ["talent"] = "人才", ["tax"] = "税收", ["rent"] = "租金", ["registration"] = "注册", ["other"] = "其他",
    };

    // For each facet, the parks matching every other filter, counted per value (a facet's own filter does not
    // narrow its own counts): values with parks only, most parks first, at most 50. stars counts "at least N";
    // track counts parks scoring 60 or more.
    public Dictionary<string, IReadOnlyList<FacetValue>> Facets(ParkQuery q, IEnumerable<string> facets)
    {
        var result = new Dictionary<string, IReadOnlyList<FacetValue>>(StringComparer.Ordinal);
        foreach (var facet in facets)
        {
            var counts = facet switch
            {
                "spaceType" => SpaceTypes.All.Select(t => (t.ToApi(), Label: SpaceTypeLabel(t), Search(q with { SpaceTypes = [t], Limit = 1, After = null }).Total)),
                "tag" => TagCounts(q with { Tags = [] }),
                _ => CountOver(Without(q, facet), facet),
            };
            result[facet] = counts.Where(c => c.Item3 > 0).Select(c => new FacetValue(c.Item1, c.Item2, c.Item3))
                .OrderByDescending(v => v.Parks).ThenBy(v => v.Value, StringComparer.Ordinal).Take(MaxFacetValues).ToList();
        }
        return result;
    }

    private static ParkQuery Without(ParkQuery q, string facet) => (facet switch
    {
        "district" => q with { District = null },
        "city" => q with { City = null },
        "industry" => q with { Industries = [] },
        "policy" => q with { Policies = [] },
        "stars" => q with { MinStars = null },
        "track" => q with { MinTrackScore = null },
        "chain" => q with { Chain = null, Segments = [], Anchor = false },
        _ => q,
    }) with { After = null };

    private static string SpaceTypeLabel(SpaceType t) => Understanding.QueryWords.Shipped.SpaceTypes.TryGetValue(t.ToApi(), out var words) ? words[0] : t.ToApi();

    // Counts per value over the matches of q, from the index's own arrays and facets.
    private IEnumerable<(string, string, int)> CountOver(ParkQuery q, string facet)
    {
        var parks = Matches(q, out _);
        var counts = new Dictionary<int, int>();
        try
        {
            for (var w = 0; w < Words(_parks.Length); w++)
                for (var rest = parks[w]; rest != 0; rest &= rest - 1)
                {
                    var p = (w << 6) + BitOperations.TrailingZeroCount(rest);
                    switch (facet)
                    {
                        case "district": Tally(counts, _district[p]); break;
                        case "city": Tally(counts, _city[p]); break;
                        case "industry": foreach (var id in _parkIndustries[p]) Tally(counts, id); break;
                        case "stars": for (var s = 1; s <= StarsOf(p); s++) Tally(counts, s); break;
                        case "policy": foreach (var category in FacetsOf(p).Policies) Tally(counts, Array.IndexOf(PolicyOrder, category)); break;
                        case "track":
                            var scores = FacetsOf(p).Scores;
                            for (var t = 0; t < scores.Length; t++) if (scores[t] >= 60) Tally(counts, t);
                            break;
                        case "chain":
                            var chains = _definitions.Chains;
                            for (var c = 0; c < chains.Length; c++) if (FacetsOf(p).HasChain(chains[c].Id, anchor: false)) Tally(counts, c);
                            break;
                    }
                }
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(parks);
        }
        var industryNames = facet == "industry" ? _industryIds.ToDictionary(kv => kv.Value, kv => kv.Key) : null;
        return counts.Select(kv => facet switch
        {
            "district" => Place(RegionTable.District(kv.Key.ToString("D6")), kv.Key, kv.Value),
            "city" => Place(RegionTable.City(kv.Key.ToString("D6")), kv.Key, kv.Value),
            "industry" => (industryNames![kv.Key], industryNames[kv.Key], kv.Value),
            "stars" => (kv.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{kv.Key}星及以上", kv.Value),
            "policy" => (PolicyOrder[kv.Key], PolicyLabels.GetValueOrDefault(PolicyOrder[kv.Key], PolicyOrder[kv.Key]), kv.Value),
            "track" => (_definitions.Tracks[kv.Key].Id, _definitions.Tracks[kv.Key].Name, kv.Value),
            _ => (_definitions.Chains[kv.Key].Id, _definitions.Chains[kv.Key].Name, kv.Value),
        }).ToList();
    }

    private static readonly string[] PolicyOrder = ["funding", "talent", "tax", "rent", "registration", "other"];

    private static (string, string, int) Place(Place? place, int code, int parks) => (code.ToString("D6"), place?.Name ?? code.ToString("D6"), parks);

    private static void Tally(Dictionary<int, int> counts, int key) => counts[key] = counts.GetValueOrDefault(key) + 1;

    // A tag is a unit filter met by the park's own tags or an available unit's: per park matching the rest, the
    // tags that a unit meeting the other unit filters carries, and the park's own when such a unit exists.
    private IEnumerable<(string, string, int)> TagCounts(ParkQuery q)
    {
        var parks = Matches(q, out _);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var units = new UnitFilter(q, _tagBits);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            for (var w = 0; w < Words(_parks.Length); w++)
                for (var rest = parks[w]; rest != 0; rest &= rest - 1)
                {
                    var p = (w << 6) + BitOperations.TrailingZeroCount(rest);
                    seen.Clear();
                    var (c, start, end, _) = UnitsOf(p, null);
                    for (var u = start; u < end; u++)
                        if (UnitFits(c, u, p, units, null)) seen.UnionWith(c.TagNames[u]);
                    if (seen.Count == 0 && !AnyFits(c, start, end, p, units)) continue;
                    seen.UnionWith(FacetsOf(p).Tags);
                    foreach (var tag in seen) counts[tag] = counts.GetValueOrDefault(tag) + 1;
                }
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(parks);
        }
        return counts.Select(kv => (kv.Key, kv.Key, kv.Value)).ToList();
    }

    private bool AnyFits(UnitColumns c, int start, int end, int p, UnitFilter units)
    {
        for (var u = start; u < end; u++) if (UnitFits(c, u, p, units, null)) return true;
        return false;
    }
}
