using System.Numerics;
using ParkFinder.Functions.Parks;

namespace ParkFinder.Functions.Search;

// The index's part that owns, per space type, its available units that have a rent, by rent ascending:
// the rent sort with unit filters walks these from the cheapest and stops once the page is settled,
// instead of ranking every matching park. Stale units are not in them (their type bit is a stale one, 4-7).
// A splice keeps the unchanged units' entries in order, renumbered.
internal sealed class RentLists
{
    private readonly float[][] _rents; // [space type][position]
    private readonly int[][] _units;   // [space type][position]: the unit at that position

    private RentLists(float[][] rents, int[][] units) => (_rents, _units) = (rents, units);

    public int Types => _rents.Length;
    public (float[] Rents, int[] Units) OfType(int type) => (_rents[type], _units[type]);

    // From every unit of the columns.
    public static RentLists Build(UnitColumns units)
    {
        var (rents, byRent) = (new float[SpaceTypes.All.Length][], new int[SpaceTypes.All.Length][]);
        for (var t = 0; t < SpaceTypes.All.Length; t++)
            (rents[t], byRent[t]) = SortedMerge.Sorted(Rented(units, t, 0, units.Count));
        return new RentLists(rents, byRent);
    }

    // After a splice: `remap` gives an old unit's new position (-1: its park changed), and the changed
    // parks' units are the new columns' ranges given.
    public RentLists Rederive(Func<int, int> remap, UnitColumns units, IReadOnlyList<(int Start, int End)> changed)
    {
        var (rents, byRent) = (new float[_rents.Length][], new int[_rents.Length][]);
        for (var t = 0; t < _rents.Length; t++)
            (rents[t], byRent[t]) = SortedMerge.Merge(_rents[t], _units[t], remap, changed.SelectMany(r => Rented(units, t, r.Start, r.End)).ToList());
        return new RentLists(rents, byRent);
    }

    // The units [start, end) of space type t that have a rent, as (rent, unit).
    private static List<(float, int)> Rented(UnitColumns units, int t, int start, int end)
    {
        var list = new List<(float, int)>();
        for (var u = start; u < end; u++)
            if (!float.IsNaN(units.Rent[u]) && BitOperations.TrailingZeroCount(units.TypeBit[u]) == t) list.Add((units.Rent[u], u));
        return list;
    }
}
