using System.Runtime.Intrinsics;

namespace ParkFinder.Functions.Search;

// A query's unit filters, which one available unit must meet together: space type, area, rent,
// specs and tags. NaN (not given) fails every comparison, as the filters require.
internal sealed class UnitFilter
{
    public readonly int TypeMask;
    public readonly float MinArea, MaxArea, MinRent, MaxRent, MinCeiling, MinLoad, MinPower;
    public readonly bool ByRent, ByCeiling, ByLoad, ByPower;
    public readonly ulong TagMask;
    public readonly string[] SlowTags; // tags too rare for a bit: matched by name

    public UnitFilter(ParkQuery q, IReadOnlyDictionary<string, int> tagBits)
    {
        TypeMask = q.SpaceTypes.Length == 0 ? 0xF : q.SpaceTypes.Aggregate(0, (m, t) => m | (1 << (int)t));
        if (q.IncludeStale) TypeMask |= TypeMask << UnitColumns.StaleShift;
        MinArea = (float)(q.MinArea ?? 0);
        MaxArea = q.MaxArea is { } maxA ? (float)maxA : float.PositiveInfinity;
        ByRent = q.MinRent is not null || q.MaxRent is not null;
        MinRent = (float)(q.MinRent ?? 0);
        MaxRent = q.MaxRent is { } maxR ? (float)maxR : float.PositiveInfinity;
        (ByCeiling, MinCeiling) = (q.MinCeilingHeightM is not null, (float)(q.MinCeilingHeightM ?? 0));
        (ByLoad, MinLoad) = (q.MinFloorLoad is not null, (float)(q.MinFloorLoad ?? 0));
        (ByPower, MinPower) = (q.MinPowerKva is not null, (float)(q.MinPowerKva ?? 0));
        var slow = new List<string>();
        foreach (var tag in q.Tags)
            if (tagBits.TryGetValue(tag, out var bit)) TagMask |= 1UL << bit;
            else slow.Add(tag);
        SlowTags = slow.ToArray();
    }

    // False when no unit within these bounds can pass, so the park's units need not be read.
    public bool MayPass(in UnitBounds b) =>
        (b.TypeMask & TypeMask) != 0 && b.MaxArea >= MinArea && b.MinArea <= MaxArea
        && (!ByRent || (b.MinRent <= MaxRent && b.MaxRent >= MinRent))
        && (!ByCeiling || b.MaxCeiling >= MinCeiling) && (!ByLoad || b.MaxLoad >= MinLoad) && (!ByPower || b.MaxPower >= MinPower)
        && (b.Tags & TagMask) == TagMask;

    // Everything but the slow tags, which the caller checks against the park too.
    public bool Passes(UnitColumns c, int u)
    {
        var area = c.Area[u];
        return (c.TypeBit[u] & TypeMask) != 0 && area >= MinArea && area <= MaxArea
            && (!ByRent || (c.Rent[u] >= MinRent && c.Rent[u] <= MaxRent))
            && (!ByCeiling || c.Ceiling[u] >= MinCeiling) && (!ByLoad || c.Load[u] >= MinLoad) && (!ByPower || c.Power[u] >= MinPower)
            && (c.Tags[u] & TagMask) == TagMask;
    }

    // One bit per unit of c set when Passes: 8 units per step with vector compares, so a filter
    // over the whole catalog reads each column once instead of visiting units park by park.
    // present: every type bit some unit of c has; a type mask covering them all needs no type test.
    public void Mark(UnitColumns c, ulong[] bits, int present)
    {
        var n = c.Count;
        Array.Clear(bits, 0, (n + 63) >> 6);
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var (vMinA, vMaxA, vMinR, vMaxR) = (Vector256.Create(MinArea), Vector256.Create(MaxArea), Vector256.Create(MinRent), Vector256.Create(MaxRent));
            var (vC, vL, vP) = (Vector256.Create(MinCeiling), Vector256.Create(MinLoad), Vector256.Create(MinPower));
            var vType = Vector256.Create(TypeMask);
            var vTags = Vector256.Create(TagMask);
            var byType = (TypeMask & present) != present; // without stale units in the index, 0xF tests nothing
            var byTags = TagMask != 0;
            for (; i + 8 <= n; i += 8)
            {
                var area = Vector256.Create(c.Area, i);
                var m = Vector256.GreaterThanOrEqual(area, vMinA) & Vector256.LessThanOrEqual(area, vMaxA);
                if (byType) m &= ~Vector256.Equals(Vector256.Create(c.TypeBit, i) & vType, Vector256<int>.Zero).AsSingle();
                if (ByRent)
                {
                    var r = Vector256.Create(c.Rent, i);
                    m &= Vector256.GreaterThanOrEqual(r, vMinR) & Vector256.LessThanOrEqual(r, vMaxR);
                }
                if (ByCeiling) m &= Vector256.GreaterThanOrEqual(Vector256.Create(c.Ceiling, i), vC);
                if (ByLoad) m &= Vector256.GreaterThanOrEqual(Vector256.Create(c.Load, i), vL);
                if (ByPower) m &= Vector256.GreaterThanOrEqual(Vector256.Create(c.Power, i), vP);
                var word = (ulong)m.ExtractMostSignificantBits();
                if (byTags && word != 0)
                {
                    var low = Vector256.Equals(Vector256.Create(c.Tags, i) & vTags, vTags).ExtractMostSignificantBits();
                    var high = Vector256.Equals(Vector256.Create(c.Tags, i + 4) & vTags, vTags).ExtractMostSignificantBits();
                    word &= low | (high << 4);
                }
                bits[i >> 6] |= word << (i & 63);
            }
        }
        for (; i < n; i++)
            if (Passes(c, i)) bits[i >> 6] |= 1UL << (i & 63);
    }
}
