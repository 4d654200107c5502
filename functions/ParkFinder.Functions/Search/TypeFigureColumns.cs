using System.Numerics;

namespace ParkFinder.Functions.Search;

// Each park's available area and lowest monthly rent per m2 by unit type bit (four space types, fresh then
// stale), from its unit columns: a map cluster sums and mins them for the space types asked for, as the
// search's summaries do park by park (IndexedPark), without making any park's record.
internal sealed class TypeFigureColumns
{
    public const int Slots = 8;
    private readonly double[] _area;
    private readonly float[] _minRent;

    public TypeFigureColumns(int parks) => (_area, _minRent) = (new double[parks * Slots], new float[parks * Slots]);

    public TypeFigureColumns Copy() => new((double[])_area.Clone(), (float[])_minRent.Clone());

    private TypeFigureColumns(double[] area, float[] minRent) => (_area, _minRent) = (area, minRent);

    // Park p's slots from its units [start, end) of `units`.
    public void Fill(int p, UnitColumns units, int start, int end)
    {
        var at = p * Slots;
        Array.Clear(_area, at, Slots);
        Array.Fill(_minRent, float.PositiveInfinity, at, Slots);
        for (var u = start; u < end; u++)
        {
            var slot = at + BitOperations.TrailingZeroCount(units.TypeBit[u]);
            _area[slot] += units.Area[u];
            if (!float.IsNaN(units.Rent[u]) && units.Rent[u] < _minRent[slot]) _minRent[slot] = units.Rent[u];
        }
    }

    // The slots of the space types of `typeMask` (0: all), stale units' too when asked: worked out once per request.
    public static int[] SlotsOf(int typeMask, bool includeStale)
    {
        var mask = typeMask == 0 ? 0xF : typeMask;
        if (includeStale) mask |= mask << UnitColumns.StaleShift;
        return Enumerable.Range(0, Slots).Where(slot => (mask & (1 << slot)) != 0).ToArray();
    }

    // Park p's available area and lowest rent (+inf: none) over those slots.
    public (double Area, float MinRent) Of(int p, int[] slots)
    {
        double area = 0;
        var rent = float.PositiveInfinity;
        foreach (var slot in slots)
        {
            area += _area[p * Slots + slot];
            rent = Math.Min(rent, _minRent[p * Slots + slot]);
        }
        return (area, rent);
    }
}
