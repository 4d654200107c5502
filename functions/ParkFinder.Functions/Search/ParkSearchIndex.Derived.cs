using System.Numerics;
using ParkFinder.Functions.Parks;

namespace ParkFinder.Functions.Search;

public sealed partial class ParkSearchIndex
{
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
            () => _rents = RentLists.Build(_units),
            () =>
            {
                _figures.Derive();
                _orders = ParkOrders.Build(n, StaticKey);
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
        _rents = old._rents.Rederive(u => old._unitPark[u] is var p && isChanged[p] ? -1 : u - old._unitStart[p] + _unitStart[p], _units,
            changed.Select(p => (_unitStart[p], _unitStart[p + 1])).ToList());
        _figures.Rederive(old._figures, changed);
        _orders = old._orders.Rederive(changed, isChanged, StaticKey);
    }

    private void FillUnitParks()
    {
        _unitPark = new int[_units.Count];
        for (var i = 0; i < _parks.Length; i++) Array.Fill(_unitPark, i, _unitStart[i], _unitStart[i + 1] - _unitStart[i]);
    }
}
