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
        ulong[]? shared = null; // the query's own matches, for every facet whose filter it does not use
        try
        {
            foreach (var facet in facets)
            {
                IEnumerable<(string, string, int)> counts;
                if (facet == "spaceType") counts = SpaceTypeCounts(q with { SpaceTypes = [], After = null });
                else
                {
                    var without = Without(q, facet);
                    var own = without != q with { After = null };
                    var parks = own ? Matches(without, out _) : shared ??= Matches(q with { After = null }, out _);
                    try { counts = facet == "tag" ? TagCounts(without, parks) : CountOver(parks, facet); }
                    finally { if (own) ArrayPool<ulong>.Shared.Return(parks); }
                }
                result[facet] = counts.Where(c => c.Item3 > 0).Select(c => new FacetValue(c.Item1, c.Item2, c.Item3))
                    .OrderByDescending(v => v.Parks).ThenBy(v => v.Value, StringComparer.Ordinal).Take(MaxFacetValues).ToList();
            }
        }
        finally
        {
            if (shared is not null) ArrayPool<ulong>.Shared.Return(shared);
        }
        return result;
    }

    // Parks per space type: one pass marks the units meeting the other unit filters, then each type's share of
    // them is folded into park bits (as a search with that one type would); changed parks checked one by one.
    private IEnumerable<(string, string, int)> SpaceTypeCounts(ParkQuery without)
    {
        var anyType = new UnitFilter(without, _tags.Bits);
        if (anyType.SlowTags.Length > 0) // tags too rare for a bit are matched by name: as many searches as types
            return SpaceTypes.All.Select(t => (t.ToApi(), SpaceTypeLabel(t), Search(without with { SpaceTypes = [t], Limit = 1 }).Total)).ToList();
        var words = Words(Count);
        // The park-level matches (no unit filter: each type's fold below applies them), then one pass over the units.
        var parks = Matches(without with { MinArea = null, MaxArea = null, MinRent = null, MaxRent = null, MinCeilingHeightM = null,
            MinFloorLoad = null, MinPowerKva = null, Tags = [] }, out _);
        var (unitBits, typed, work, answer) = (ArrayPool<ulong>.Shared.Rent(_available.Bitmaps.Words), ArrayPool<ulong>.Shared.Rent(_available.Bitmaps.Words),
            ArrayPool<ulong>.Shared.Rent(Math.Max(_available.Bitmaps.Words, words + 1)), ArrayPool<ulong>.Shared.Rent(words));
        try
        {
            _available.Bitmaps.Mark(anyType, unitBits, _available.TypeBitsPresent, work);
            var changed = _overlay?.Parks.Keys.Where(p => (parks[p >> 6] & (1UL << (p & 63))) != 0).ToList();
            var result = new List<(string, string, int)>();
            foreach (var t in SpaceTypes.All)
            {
                var mask = (1 << (int)t) | (without.IncludeStale ? 1 << ((int)t + UnitColumns.StaleShift) : 0);
                if ((mask & _available.TypeBitsPresent) == 0 && changed is not { Count: > 0 }) { result.Add((t.ToApi(), SpaceTypeLabel(t), 0)); continue; }
                _available.Bitmaps.OfTypes(unitBits, mask, typed);
                Array.Copy(parks, answer, words);
                _available.Bitmaps.KeepParksWithAny(typed, answer, words, work);
                if (changed is { Count: > 0 })
                {
                    var ofType = new UnitFilter(without with { SpaceTypes = [t] }, _tags.Bits);
                    foreach (var p in changed)
                        if (HasFittingUnit(p, ofType, null)) answer[p >> 6] |= 1UL << (p & 63);
                        else answer[p >> 6] &= ~(1UL << (p & 63));
                }
                result.Add((t.ToApi(), SpaceTypeLabel(t), PopCount(answer, words)));
            }
            return result;
        }
        finally
        {
            foreach (var array in new[] { parks, unitBits, typed, work, answer }) ArrayPool<ulong>.Shared.Return(array);
        }
    }

    // The units meeting the other unit filters, marked in one pass over the unit bitmaps, then walked in order: each
    // matched park's tags are the OR of its fitting units' tag bits (which hold the park's own). Changed parks apart.
    private List<(string, string, int)> TagCountsByBits(ParkQuery q, ulong[] parks, bool wholeCatalog)
    {
        var units = new UnitFilter(q, _tags.Bits);
        var byBit = new int[64];
        // A changed park's tags may be new to the index (no bit): counted by name, like a search finds them.
        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var p in (IEnumerable<int>?)_overlay?.Parks.Keys ?? [])
        {
            if ((parks[p >> 6] & (1UL << (p & 63))) == 0) continue;
            var o = _overlay!.Parks[p].Units;
            var names = new HashSet<string>(StringComparer.Ordinal);
            for (var u = 0; u < o.Count; u++) if (units.Passes(o, u)) { names.UnionWith(o.TagNames[u]); names.UnionWith(FacetsOf(p).Tags); }
            foreach (var tag in names) byName[tag] = byName.GetValueOrDefault(tag) + 1;
        }
        List<(string, string, int)> Result()
        {
            foreach (var (tag, bit) in _tags.Bits) if (byBit[bit] > 0) byName[tag] = byName.GetValueOrDefault(tag) + byBit[bit];
            return byName.Select(kv => (kv.Key, kv.Key, kv.Value)).ToList();
        }
        if (!wholeCatalog)
        {
            for (var w = 0; w < Words(Count); w++)
                for (var rest = parks[w]; rest != 0; rest &= rest - 1)
                {
                    var p = (w << 6) + BitOperations.TrailingZeroCount(rest);
                    if (IsOverridden(p)) continue;
                    var (c, start, end, _) = UnitsOf(p, null);
                    ulong tags = 0;
                    for (var u = start; u < end; u++) if (units.Passes(c, u)) tags |= c.Tags[u];
                    for (var b = tags; b != 0; b &= b - 1) byBit[BitOperations.TrailingZeroCount(b)]++;
                }
            return Result();
        }
        var (unitBits, work) = (ArrayPool<ulong>.Shared.Rent(_available.Bitmaps.Words), ArrayPool<ulong>.Shared.Rent(Math.Max(_available.Bitmaps.Words, Words(Count) + 1)));
        try
        {
            _available.Bitmaps.Mark(units, unitBits, _available.TypeBitsPresent, work);
            var (current, mask) = (-1, 0UL);
            void Flush()
            {
                if (current < 0 || (parks[current >> 6] & (1UL << (current & 63))) == 0 || IsOverridden(current)) return;
                for (var b = mask; b != 0; b &= b - 1) byBit[BitOperations.TrailingZeroCount(b)]++;
            }
            var (parkOf, tagBits, unitWords) = (_available.ParkOf, _available.Columns.Tags, _available.Bitmaps.Words);
            for (var w = 0; w < unitWords; w++)
                for (var rest = unitBits[w]; rest != 0; rest &= rest - 1)
                {
                    var u = (w << 6) + BitOperations.TrailingZeroCount(rest);
                    var p = parkOf[u];
                    if (p != current) { Flush(); (current, mask) = (p, 0UL); }
                    mask |= tagBits[u];
                }
            Flush();
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(unitBits);
            ArrayPool<ulong>.Shared.Return(work);
        }
        return Result();
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
        "tag" => q with { Tags = [] },
        _ => q,
    }) with { After = null };

    private static string SpaceTypeLabel(SpaceType t) => Understanding.QueryWords.Shipped.SpaceTypes.TryGetValue(t.ToApi(), out var words) ? words[0] : t.ToApi();

    // The base's facets as flat arrays, made on first use and shared with the copies (the overlay's parks are read apart).
    private Lazy<FacetColumns>? _facetColumns;
    private FacetColumns Flat
    {
        get
        {
            var (industries, facets, definitions) = (_places.IndustriesByPark, _records.AllFacets, _definitions); // this base's, not whichever copy made the Lazy
            return (_facetColumns ??= new(() => new FacetColumns(industries, facets, definitions, PolicyOrder))).Value;
        }
    }

    // Counts per value over matched parks, by array: the index's dense place numbers, industry ids, stars and facets.
    private List<(string, string, int)> CountOver(ulong[] parks, string facet)
    {
        var chainIndex = facet == "chain" ? _definitions.Chains.Select((c, i) => (c.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal) : null;
        var flat = facet is "industry" or "policy" or "track" or "chain" ? Flat : null;
        var counts = new int[facet switch
        {
            "district" => _places.DistrictGroups.Codes.Length, "city" => _places.CityGroups.Codes.Length, "industry" => _places.IndustryIds.Count, "stars" => 6,
            "policy" => PolicyOrder.Length, "track" => _definitions.Tracks.Length, _ => _definitions.Chains.Length,
        }];
        // The part's place numbers read once, not per park.
        var placeOf = facet switch { "district" => _places.DistrictGroups.Of, "city" => _places.CityGroups.Of, _ => null };
        for (int w = 0, words = Words(Count); w < words; w++)
            for (var rest = parks[w]; rest != 0; rest &= rest - 1)
            {
                var p = (w << 6) + BitOperations.TrailingZeroCount(rest);
                if (flat is not null && !IsOverridden(p))
                {
                    switch (facet)
                    {
                        case "industry": for (var k = flat.IndustryStart[p]; k < flat.IndustryStart[p + 1]; k++) counts[flat.Industries[k]]++; break;
                        case "chain": for (var k = flat.ChainStart[p]; k < flat.ChainStart[p + 1]; k++) counts[flat.Chains[k]]++; break;
                        case "policy": for (var b = (int)flat.PolicyBits[p]; b != 0; b &= b - 1) counts[BitOperations.TrailingZeroCount(b)]++; break;
                        default:
                            for (var t = 0; t < flat.TrackCount; t++) if (flat.Scores[p * flat.TrackCount + t] >= 60) counts[t]++;
                            break;
                    }
                    continue;
                }
                switch (facet)
                {
                    case "district" or "city": counts[placeOf![p]]++; break;
                    case "industry": foreach (var id in _places.Industries(p)) counts[id]++; break;
                    case "stars": for (var s = StarsOf(p); s >= 1; s--) counts[s]++; break;
                    case "policy": foreach (var category in FacetsOf(p).Policies) if (Array.IndexOf(PolicyOrder, category) is >= 0 and var i) counts[i]++; break;
                    case "track":
                        var scores = FacetsOf(p).Scores;
                        for (var t = 0; t < scores.Length && t < counts.Length; t++) if (scores[t] >= 60) counts[t]++;
                        break;
                    default: foreach (var chain in FacetsOf(p).ChainIds) if (chainIndex!.TryGetValue(chain, out var c)) counts[c]++; break;
                }
            }
        var industryNames = facet == "industry" ? _places.IndustryIds.ToDictionary(kv => kv.Value, kv => kv.Key) : null;
        var result = new List<(string, string, int)>();
        for (var k = 0; k < counts.Length; k++)
        {
            if (counts[k] == 0) continue;
            result.Add(facet switch
            {
                "district" => Place(RegionTable.District(_places.DistrictGroups.Codes[k].ToString("D6")), counts[k]),
                "city" => Place(RegionTable.City(_places.CityGroups.Codes[k].ToString("D6")), counts[k]),
                "industry" => (industryNames![k], industryNames[k], counts[k]),
                "stars" => (k.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{k}星及以上", counts[k]),
                "policy" => (PolicyOrder[k], PolicyLabels.GetValueOrDefault(PolicyOrder[k], PolicyOrder[k]), counts[k]),
                "track" => (_definitions.Tracks[k].Id, _definitions.Tracks[k].Name, counts[k]),
                _ => (_definitions.Chains[k].Id, _definitions.Chains[k].Name, counts[k]),
            });
        }
        return result;
    }

    private static readonly string[] PolicyOrder = ["funding", "talent", "tax", "rent", "registration", "other"];

    // A code the region table does not know (kept as imported) is no value: filtering by it is 400 unknown_region.
    private static (string, string, int) Place(Place? place, int parks) => place is null ? ("", "", 0) : (place.Code, place.Name, parks);

    // A tag is a unit filter met by the park's own tags or an available unit's: per park matching the rest, the
    // tags that a unit meeting the other unit filters carries, and the park's own when such a unit exists. Tags
    // with a bit are counted from the units' tag bits (which hold their park's); rarer ones by name.
    private List<(string, string, int)> TagCounts(ParkQuery q, ulong[] parks)
    {
        // Every tag has a bit and a quarter of the catalog or more is left: one pass over the fitting units' bits (it walks
        // every unit the other filters keep); fewer parks: their own units, one by one.
        if (_tags.HoldsEveryTag) return TagCountsByBits(q, parks, wholeCatalog: PopCount(parks, Words(Count)) * 4L >= Count);
        var byBit = new int[64];
        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        var units = new UnitFilter(q, _tags.Bits);
        var rare = new HashSet<string>(StringComparer.Ordinal);
        for (var w = 0; w < Words(Count); w++)
            for (var rest = parks[w]; rest != 0; rest &= rest - 1)
            {
                var p = (w << 6) + BitOperations.TrailingZeroCount(rest);
                var (c, start, end, _) = UnitsOf(p, null);
                ulong bits = 0;
                var any = false;
                rare.Clear();
                for (var u = start; u < end; u++)
                {
                    if (!UnitFits(c, u, p, units, null)) continue;
                    any = true;
                    bits |= c.Tags[u];
                    foreach (var tag in c.TagNames[u]) if (!_tags.Bits.ContainsKey(tag)) rare.Add(tag);
                }
                if (!any) continue;
                foreach (var tag in FacetsOf(p).Tags) if (!_tags.Bits.ContainsKey(tag)) rare.Add(tag);
                for (var b = bits; b != 0; b &= b - 1) byBit[BitOperations.TrailingZeroCount(b)]++;
                foreach (var tag in rare) byName[tag] = byName.GetValueOrDefault(tag) + 1;
            }
        foreach (var (tag, bit) in _tags.Bits) if (byBit[bit] > 0) byName[tag] = byBit[bit];
        return byName.Select(kv => (kv.Key, kv.Key, kv.Value)).ToList();
    }

}
