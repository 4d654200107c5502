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
}
