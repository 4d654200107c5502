using ParkFinder.Functions.Parks;

namespace ParkFinder.Functions.Search;

// The index's part that owns landlords' changes since the last full build or fold: each changed park's
// record, facets, units in columns of their own, unit bounds and per-type figures, and a bit per changed
// park. Searches read these instead of the base's entries for those parks (ParkSearchIndex.Overlay); a
// write copies the overlay and adds its parks, so an index in use never changes; a fold replays each
// park's Change into a new base (ParkSearchIndex.Compacted).

// One changed park as searches read it.
internal sealed class OverlayPark(IndexedPark record, UnitColumns units, (Park, IReadOnlyList<Unit>) change)
{
    public readonly IndexedPark Record = record;
    public readonly ParkFacets Facets = ParkFacets.Of(record);
    public readonly UnitColumns Units = units;
    public readonly UnitBounds Bounds = units.Bounds(0, units.Count);
    public readonly TypeFigureColumns TypeFigures = Figures(units);

    private static TypeFigureColumns Figures(UnitColumns units)
    {
        var figures = new TypeFigureColumns(1);
        figures.Fill(0, units, 0, units.Count);
        return figures;
    }
    public readonly (Park, IReadOnlyList<Unit>) Change = change; // replayed by a fold

    public double Key(SearchSort sort) =>
        ParkFigures.Key(sort, Record, Bounds.MinFreshRent);
}

// The changed parks, by position.
internal sealed class IndexOverlay(int words)
{
    public Dictionary<int, OverlayPark> Parks { get; private init; } = [];
    public ulong[] Overridden { get; private init; } = new ulong[words]; // a bit per changed park

    public IndexOverlay Copy() => new(Overridden.Length) { Parks = new(Parks), Overridden = (ulong[])Overridden.Clone() };

    public void Add(int p, OverlayPark park)
    {
        Parks[p] = park;
        Overridden[p >> 6] |= 1UL << (p & 63);
    }

    // The star bits of changed parks, for "at least minStars".
    public void FixStars(ulong[] parks, int minStars)
    {
        foreach (var (p, o) in Parks)
            if ((o.Record.Park.Stars ?? 0) >= minStars) parks[p >> 6] |= 1UL << (p & 63);
            else parks[p >> 6] &= ~(1UL << (p & 63));
    }
}
