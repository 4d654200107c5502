namespace ParkFinder.Functions.Search;

public sealed partial class ParkSearchIndex
{
    // What follows from the parks' values and units: the units' own (bounds, bitmaps, rent lists), the
    // star bitsets and the sort orders, whose rent keys need the bounds.
    private void Derive()
    {
        _available.DeriveParks();
        // The bitmaps, the rent lists and the star bits with the orders are independent: built side by side.
        Parallel.Invoke(_available.DeriveBitmaps, _available.DeriveRents, () =>
        {
            _figures.Derive();
            _orders = ParkOrders.Build(Count, StaticKey);
        });
    }

    // The same after a splice from `old` (the units' part was rederived by its splice): only the changed
    // parks' entries move.
    private void Rederive(ParkSearchIndex old, ICollection<int> changed)
    {
        _figures.Rederive(old._figures, changed);
        _orders = old._orders.Rederive(changed, StaticKey);
    }
}
