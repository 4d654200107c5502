using ParkFinder.Functions.Parks;

namespace ParkFinder.Functions.Search;

// Available units as columns (one array per field), grouped by park, so a filter scans contiguous memory.
internal sealed class UnitColumns
{
    public readonly int[] TypeBit; // 1 << space type (+ 4 when stale), so a set of types is one AND
    public readonly float[] Area, Rent, Ceiling, Load, Power; // NaN: not given
    public readonly ulong[] Tags; // the unit's tag bits together with its park's: a tag filter is met by either
    public readonly string[][] TagNames;

    public UnitColumns(int count)
    {
        TypeBit = new int[count];
        Area = new float[count];
        Rent = new float[count];
        Ceiling = new float[count];
        Load = new float[count];
        Power = new float[count];
        Tags = new ulong[count];
        TagNames = new string[count][];
    }

    private UnitColumns(int[] typeBit, float[] area, float[] rent, float[] ceiling, float[] load, float[] power, ulong[] tags, string[][] tagNames) =>
        (TypeBit, Area, Rent, Ceiling, Load, Power, Tags, TagNames) = (typeBit, area, rent, ceiling, load, power, tags, tagNames);

    public int Count => TypeBit.Length;

    // Every column as it is, for the index image.
    public void Write(IndexImageWriter image)
    {
        image.Values(TypeBit);
        foreach (var column in (float[][])[Area, Rent, Ceiling, Load, Power]) image.Values(column);
        image.Values(Tags);
        image.JaggedStrings(TagNames);
    }

    public static UnitColumns Read(IndexImageReader image) => new(image.Values<int>(), image.Values<float>(), image.Values<float>(),
        image.Values<float>(), image.Values<float>(), image.Values<float>(), image.Values<ulong>(), image.JaggedStrings());

    // A stale unit's type bit sits this much higher: the default type mask (0xF) never matches it.
    public const int StaleShift = 4;

    public void Set(int k, Unit u, ulong tagMask)
    {
        SpaceTypes.TryParse(u.SpaceType, out var type);
        TypeBit[k] = 1 << ((int)type + (u.Stale ? StaleShift : 0));
        Area[k] = (float)u.Area;
        Rent[k] = u.Rent is null ? float.NaN : (float)Rents.MonthlyPerM2(u.Rent.Amount, u.Rent.Unit, u.Area);
        Ceiling[k] = (float)(u.CeilingHeightM ?? double.NaN);
        Load[k] = (float)(u.FloorLoadTPerM2 ?? double.NaN);
        Power[k] = (float)(u.PowerKva ?? double.NaN);
        Tags[k] = tagMask;
        TagNames[k] = u.Tags;
    }

    public void CopyFrom(UnitColumns source, int sourceStart, int start, int length)
    {
        if (length == 0) return;
        Array.Copy(source.TypeBit, sourceStart, TypeBit, start, length);
        Array.Copy(source.Area, sourceStart, Area, start, length);
        Array.Copy(source.Rent, sourceStart, Rent, start, length);
        Array.Copy(source.Ceiling, sourceStart, Ceiling, start, length);
        Array.Copy(source.Load, sourceStart, Load, start, length);
        Array.Copy(source.Power, sourceStart, Power, start, length);
        Array.Copy(source.Tags, sourceStart, Tags, start, length);
        Array.Copy(source.TagNames, sourceStart, TagNames, start, length);
    }

    // What any unit in [start, end) could satisfy: a park whose bounds rule a filter out is skipped unscanned.
    public UnitBounds Bounds(int start, int end)
    {
        var b = new UnitBounds { MinArea = float.PositiveInfinity, MaxArea = float.NegativeInfinity, MinRent = float.PositiveInfinity, MaxRent = float.NegativeInfinity,
            MinFreshRent = float.PositiveInfinity,
            MaxCeiling = float.NegativeInfinity, MaxLoad = float.NegativeInfinity, MaxPower = float.NegativeInfinity };
        for (var u = start; u < end; u++)
        {
            b.TypeMask |= TypeBit[u];
            b.MinArea = Math.Min(b.MinArea, Area[u]);
            b.MaxArea = Math.Max(b.MaxArea, Area[u]);
            if (!float.IsNaN(Rent[u])) { b.MinRent = Math.Min(b.MinRent, Rent[u]); b.MaxRent = Math.Max(b.MaxRent, Rent[u]); }
            if (!float.IsNaN(Rent[u]) && TypeBit[u] < 1 << StaleShift) b.MinFreshRent = Math.Min(b.MinFreshRent, Rent[u]);
            if (!float.IsNaN(Ceiling[u])) b.MaxCeiling = Math.Max(b.MaxCeiling, Ceiling[u]);
            if (!float.IsNaN(Load[u])) b.MaxLoad = Math.Max(b.MaxLoad, Load[u]);
            if (!float.IsNaN(Power[u])) b.MaxPower = Math.Max(b.MaxPower, Power[u]);
            b.Tags |= Tags[u];
        }
        return b;
    }
}

internal struct UnitBounds
{
    public int TypeMask;
    public float MinArea, MaxArea, MinRent, MaxRent, MaxCeiling, MaxLoad, MaxPower; // MinRent +inf: no unit has a rent
    public float MinFreshRent; // the park's place in the rent sort: its cheapest unit that is not stale
    public ulong Tags;
}
