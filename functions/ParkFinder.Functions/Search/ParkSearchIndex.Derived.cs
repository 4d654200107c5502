using System.Numerics;
using ParkFinder.Functions.Parks;

namespace ParkFinder.Functions.Search;

public sealed partial class ParkSearchIndex
{
    // A property, not a field: Empty is built during static initialisation, in whatever order the partial files give.
    private static SearchSort[] OrderedSorts =>
        [SearchSort.Relevance, SearchSort.Stars, SearchSort.Updated, SearchSort.AvailableArea, SearchSort.VacancyRate, SearchSort.Rent];

    // What follows from the parks' values and units: unit bounds, the unit -> park map, the rent
    // lists per space type, the star bitsets and the sort orders.
    private void Derive()
    {
        var n = _parks.Length;
        _bounds = new UnitBounds[n];
        for (var i = 0; i < n; i++) _bounds[i] = _units.Bounds(_unitStart[i], _unitStart[i + 1]);
        _typeFigures = new TypeFigureColumns(n);
        for (var i = 0; i < n; i++) _typeFigures.Fill(i, _units, _unitStart[i], _unitStart[i + 1]);
        _typeBitsPresent = 0;
        for (var i = 0; i < n; i++) _typeBitsPresent |= _bounds[i].TypeMask;
        FillUnitParks();
        // The bitmaps, the rent lists and the star bits with the orders are independent: built side by side.
        Parallel.Invoke(
            () => _bitmaps = new UnitBitmaps(_units, _unitStart),
            () =>
            {
                var (rentSorted, unitsByRent) = (new float[SpaceTypes.All.Length][], new int[SpaceTypes.All.Length][]);
                for (var t = 0; t < SpaceTypes.All.Length; t++)
                    (rentSorted[t], unitsByRent[t]) = Merge([], [], _ => -1, RentedUnits(t, 0, n));
                (_rentSorted, _unitsByRent) = (rentSorted, unitsByRent);
            },
            () =>
            {
                _figures.Derive();
                _orders = OrderedSorts.ToDictionary(sort => sort, sort => Merge([], [], _ => -1, Enumerable.Range(0, n).Select(p => (StaticKey(sort, p), p)).ToList()));
            });
    }

    // The same after a splice from `old`, touching only the changed parks' entries: the rest of each
    // list keeps its order (unit positions shift by their park's new start).
    private void Rederive(ParkSearchIndex old, ICollection<int> changed)
    {
        var isChanged = new bool[_parks.Length];
        foreach (var p in changed) isChanged[p] = true;
        _bounds = (UnitBounds[])old._bounds.Clone();
        foreach (var p in changed) _bounds[p] = _units.Bounds(_unitStart[p], _unitStart[p + 1]);
        _typeFigures = old._typeFigures.Copy();
        foreach (var p in changed) _typeFigures.Fill(p, _units, _unitStart[p], _unitStart[p + 1]);
        _typeBitsPresent = old._typeBitsPresent; // a type bit the changed parks dropped only costs a test
        foreach (var p in changed) _typeBitsPresent |= _bounds[p].TypeMask;
        FillUnitParks();
        _bitmaps = new UnitBitmaps(_units, _unitStart);
        _rentSorted = new float[SpaceTypes.All.Length][];
        _unitsByRent = new int[SpaceTypes.All.Length][];
        for (var t = 0; t < SpaceTypes.All.Length; t++)
            (_rentSorted[t], _unitsByRent[t]) = Merge(old._rentSorted[t], old._unitsByRent[t],
                u => old._unitPark[u] is var p && isChanged[p] ? -1 : u - old._unitStart[p] + _unitStart[p],
                changed.SelectMany(p => RentedUnits(t, p, p + 1)).ToList());
        _figures.Rederive(old._figures, changed);
        _orders = OrderedSorts.ToDictionary(sort => sort, sort => Merge(old._orders[sort].Keys, old._orders[sort].Parks, p => isChanged[p] ? -1 : p,
            changed.Select(p => (StaticKey(sort, p), p)).ToList()));
    }

    private void FillUnitParks()
    {
        _unitPark = new int[_units.Count];
        for (var i = 0; i < _parks.Length; i++) Array.Fill(_unitPark, i, _unitStart[i], _unitStart[i + 1] - _unitStart[i]);
    }

    // The units of parks [from, to) of space type t that have a rent, as (rent, unit).
    private List<(float, int)> RentedUnits(int t, int from, int to)
    {
        var list = new List<(float, int)>();
        for (var u = _unitStart[from]; u < _unitStart[to]; u++)
            if (!float.IsNaN(_units.Rent[u]) && BitOperations.TrailingZeroCount(_units.TypeBit[u]) == t) list.Add((_units.Rent[u], u));
        return list;
    }

    // `keys`/`ids` (ascending by key, then id) without the entries `remap` drops (-1), ids remapped,
    // merged with `added`: one pass over the old list instead of a sort of all of it.
    private static (TKey[] Keys, int[] Ids) Merge<TKey>(TKey[] keys, int[] ids, Func<int, int> remap, List<(TKey Key, int Id)> added)
        where TKey : IComparable<TKey>
    {
        static int Compare(TKey a, int aId, TKey b, int bId) => a.CompareTo(b) is var byKey and not 0 ? byKey : aId.CompareTo(bId);
        added.Sort((a, b) => Compare(a.Key, a.Id, b.Key, b.Id));
        var (outKeys, outIds) = (new TKey[keys.Length + added.Count], new int[keys.Length + added.Count]);
        int i = 0, j = 0, k = 0;
        var next = keys.Length > 0 ? remap(ids[0]) : -1;
        while (i < keys.Length || j < added.Count)
        {
            if (i < keys.Length && next < 0) { next = ++i < keys.Length ? remap(ids[i]) : -1; continue; }
            if (i < keys.Length && (j == added.Count || Compare(keys[i], next, added[j].Key, added[j].Id) <= 0))
            {
                (outKeys[k], outIds[k++]) = (keys[i], next);
                next = ++i < keys.Length ? remap(ids[i]) : -1;
            }
            else (outKeys[k], outIds[k++]) = added[j++];
        }
        Array.Resize(ref outKeys, k);
        Array.Resize(ref outIds, k);
        return (outKeys, outIds);
    }
}
