using ParkFinder.Api.Parks;

namespace ParkFinder.Api.Search;

// Available units as columns (one array per field), so a filter scans contiguous memory.
internal sealed class UnitColumns
{
    public readonly byte[] Type;
    public readonly float[] Area, Rent, Ceiling, Load, Power; // NaN: not given
    public readonly ulong[] Tags;
    public readonly string[][] TagNames;

    public UnitColumns(int count)
    {
        Type = new byte[count];
        Area = new float[count];
        Rent = new float[count];
        Ceiling = new float[count];
        Load = new float[count];
        Power = new float[count];
        Tags = new ulong[count];
        TagNames = new string[count][];
    }

    public int Count => Type.Length;

    public void Set(int k, Unit u, ulong tagMask)
    {
        SpaceTypes.TryParse(u.SpaceType, out var type);
        Type[k] = (byte)type;
        Area[k] = (float)u.Area;
        Rent[k] = u.Rent is null ? float.NaN : (float)Rents.MonthlyPerM2(u.Rent.Amount, u.Rent.Unit, u.Area);
        Ceiling[k] = (float)(u.CeilingHeightM ?? double.NaN);
        Load[k] = (float)(u.FloorLoadTPerM2 ?? double.NaN);
        Power[k] = (float)(u.PowerKva ?? double.NaN);
        Tags[k] = tagMask;
        TagNames[k] = u.Tags;
    }
}
