using ParkFinder.Functions.Parks;

namespace ParkFinder.Functions.Search;

public sealed partial class ParkSearchIndex
{
    // Landlords' changes since the last full build or compaction: the changed parks' records and
    // available units, read instead of the base's entries (ParkAt, BoundsOf, UnitsOf, StaticKey), and
    // checked one by one where a search reads the base's bitmaps, lists and orders. A write costs its
    // parks, not the catalog; the refresher folds the overlay into a new base (Compacted) off the request path.
    private IndexOverlay? _overlay;

    public int ChangedParkCount => _overlay?.Parks.Count ?? 0;

    // A copy answering with these parks' records and units. Their place and text fields (name, region,
    // industries, tags, coordinates) keep their indexed values until the next full build.
    public ParkSearchIndex WithParks(IEnumerable<(Park Park, IReadOnlyList<Unit> Units)> changes)
    {
        IndexOverlay? overlay = null;
        foreach (var (park, units) in changes)
        {
            if (!_records.TryFind(park.Id, out var p)) continue;
            overlay ??= _overlay?.Copy() ?? new IndexOverlay(Words(Count));
            var record = Record(park, units);
            var available = Available(units);
            var columns = new UnitColumns(available.Length);
            AvailableUnits.Fill(columns, 0, p, available, _tags.UnitMask);
            overlay.Add(p, new OverlayPark(record, columns, (park, units)));
        }
        if (overlay is null) return this;
        var copy = (ParkSearchIndex)MemberwiseClone();
        copy._overlay = overlay;
        copy._responses = new(StringComparer.Ordinal);
        copy._suggestCounted = null;
        return copy;
    }

    // The same answers from a base that holds the overlay's changes.
    public ParkSearchIndex Compacted() => _overlay is null ? this : Spliced(_overlay.Parks.Values.Select(o => o.Change));

    // For a fold that took a while: this index's changes made after `folded` was compacted from `older`,
    // applied to it; null when this index has another base (a full rebuild came in between).
    public ParkSearchIndex? Rebased(ParkSearchIndex older, ParkSearchIndex folded)
    {
        if (!ReferenceEquals(_available, older._available)) return null;
        var newer = (_overlay?.Parks ?? []).Where(kv => older._overlay?.Parks.GetValueOrDefault(kv.Key) is not { } seen || !ReferenceEquals(seen, kv.Value));
        return folded.WithParks(newer.Select(kv => kv.Value.Change));
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private bool IsOverridden(int p) => _overlay is { } o && (o.Overridden[p >> 6] & (1UL << (p & 63))) != 0;

    private IndexedPark ParkAt(int p) => IsOverridden(p) ? _overlay!.Parks[p].Record : _records.Record(p);

    private ParkFacets FacetsOf(int p) => IsOverridden(p) ? _overlay!.Parks[p].Facets : _records.Facets(p);

    // A park's available area and lowest rent over some space types (TypeFigureColumns), its overlay's if changed.
    private (double Area, float MinRent) TypeFiguresOf(int p, int[] slots) => IsOverridden(p)
        ? _overlay!.Parks[p].TypeFigures.Of(0, slots) : _available.TypeFigures.Of(p, slots);

    private int StarsOf(int p) => IsOverridden(p) ? _overlay!.Parks[p].Record.Park.Stars ?? 0 : _figures.Stars(p);

    private ref readonly UnitBounds BoundsOf(int p)
    {
        if (IsOverridden(p)) return ref _overlay!.Parks[p].Bounds;
        return ref _available.Bounds[p];
    }

    // A park's available units, and their bits when the base's unit bits are given (none for a changed park's).
    private (UnitColumns Columns, int Start, int End, ulong[]? Bits) UnitsOf(int p, ulong[]? unitBits) =>
        IsOverridden(p) && _overlay!.Parks[p] is var o ? (o.Units, 0, o.Units.Count, null) : (_available.Columns, _available.Starts[p], _available.Starts[p + 1], unitBits);
}
