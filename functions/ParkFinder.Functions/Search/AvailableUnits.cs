using ParkFinder.Functions.Parks;

namespace ParkFinder.Functions.Search;

// The index's part that owns the units on offer (stale ones too: their type bit marks them): flat
// columns grouped by park, park p owning [Starts[p], Starts[p + 1]), and what follows from them alone:
// each park's unit bounds and per-type figures, the type bits in use, unit -> park, the unit and park
// bitmaps, the rent lists. A splice copies the unchanged parks' units in blocks and rederives the rest
// from the old part; the overlay holds a changed park's units in columns of their own (Fill).
internal sealed class AvailableUnits
{
    public readonly int[] Starts;
    public readonly UnitColumns Columns;

    // Derived (DeriveParks, then DeriveBitmaps and DeriveRents, which can run side by side).
    public UnitBounds[] Bounds { get; private set; } = [];
    public TypeFigureColumns TypeFigures { get; private set; } = new(0); // per park and unit type: the map's cluster figures
    public int TypeBitsPresent { get; private set; } // the union of every unit's type bit: stale ones set the high four
    public int[] ParkOf { get; private set; } = []; // unit -> its park
    public UnitBitmaps Bitmaps { get; private set; } = null!;
    public RentLists Rents { get; private set; } = null!;

    private AvailableUnits(int[] starts, UnitColumns columns) => (Starts, Columns) = (starts, columns);

    public int Parks => Starts.Length - 1;

    // From each park's units on offer; a unit's tag mask (its tags' bits with its park's) is the caller's.
    public static AvailableUnits Build(Unit[][] byPark, Func<int, Unit, ulong> tagMask)
    {
        var starts = new int[byPark.Length + 1];
        for (var p = 0; p < byPark.Length; p++) starts[p + 1] = starts[p] + byPark[p].Length;
        var units = new AvailableUnits(starts, new UnitColumns(starts[^1]));
        for (var p = 0; p < byPark.Length; p++) Fill(units.Columns, starts[p], p, byPark[p], tagMask);
        return units;
    }

    // Park p's units into target from start.
    public static void Fill(UnitColumns target, int start, int p, Unit[] available, Func<int, Unit, ulong> tagMask)
    {
        for (var k = 0; k < available.Length; k++) target.Set(start + k, available[k], tagMask(p, available[k]));
    }

    // These units with some parks' replaced: the unchanged parks between two changed ones are copied in
    // one block, and everything derived is patched from this part (Rederive).
    public AvailableUnits Spliced(SortedDictionary<int, Unit[]> changed, Func<int, Unit, ulong> tagMask)
    {
        var n = Parks;
        var starts = new int[n + 1];
        for (var p = 0; p < n; p++)
            starts[p + 1] = starts[p] + (changed.TryGetValue(p, out var fresh) ? fresh.Length : Starts[p + 1] - Starts[p]);
        var copy = new AvailableUnits(starts, new UnitColumns(starts[n]));
        var from = 0;
        foreach (var (p, units) in changed)
        {
            copy.Columns.CopyFrom(Columns, Starts[from], starts[from], Starts[p] - Starts[from]);
            Fill(copy.Columns, starts[p], p, units, tagMask);
            from = p + 1;
        }
        copy.Columns.CopyFrom(Columns, Starts[from], starts[from], Starts[n] - Starts[from]);
        copy.Rederive(this, changed.Keys);
        return copy;
    }

    // What follows per park, and unit -> park: cheap, and what the orders' keys need (bounds).
    public void DeriveParks()
    {
        var n = Parks;
        var bounds = new UnitBounds[n];
        for (var p = 0; p < n; p++) bounds[p] = Columns.Bounds(Starts[p], Starts[p + 1]);
        var figures = new TypeFigureColumns(n);
        for (var p = 0; p < n; p++) figures.Fill(p, Columns, Starts[p], Starts[p + 1]);
        var typeBits = 0;
        for (var p = 0; p < n; p++) typeBits |= bounds[p].TypeMask;
        (Bounds, TypeFigures, TypeBitsPresent) = (bounds, figures, typeBits);
        FillParkOf();
    }

    public void DeriveBitmaps() => Bitmaps = new UnitBitmaps(Columns, Starts);

    public void DeriveRents() => Rents = RentLists.Build(Columns);

    // The same after a splice from `old`, touching only the changed parks' entries: the rest keeps its
    // order (unit positions shift by their park's new start).
    private void Rederive(AvailableUnits old, ICollection<int> changed)
    {
        var isChanged = new bool[Parks];
        foreach (var p in changed) isChanged[p] = true;
        Bounds = (UnitBounds[])old.Bounds.Clone();
        foreach (var p in changed) Bounds[p] = Columns.Bounds(Starts[p], Starts[p + 1]);
        TypeFigures = old.TypeFigures.Copy();
        foreach (var p in changed) TypeFigures.Fill(p, Columns, Starts[p], Starts[p + 1]);
        TypeBitsPresent = old.TypeBitsPresent; // a type bit the changed parks dropped only costs a test
        foreach (var p in changed) TypeBitsPresent |= Bounds[p].TypeMask;
        FillParkOf();
        DeriveBitmaps();
        Rents = old.Rents.Rederive(u => old.ParkOf[u] is var p && isChanged[p] ? -1 : u - old.Starts[p] + Starts[p], Columns,
            changed.Select(p => (Starts[p], Starts[p + 1])).ToList());
    }

    private void FillParkOf()
    {
        var parkOf = new int[Columns.Count];
        for (var p = 0; p < Parks; p++) Array.Fill(parkOf, p, Starts[p], Starts[p + 1] - Starts[p]);
        ParkOf = parkOf;
    }

    // What Write stores, named in the image's format: move it on with any change to Write and Read.
    public const string Layout = "units 1: starts, typeBit, area, rent, ceiling, load, power, tags, tagNames";

    public void Write(IndexImageWriter image)
    {
        image.Values(Starts);
        Columns.Write(image);
    }

    public static AvailableUnits Read(IndexImageReader image) => new(image.Values<int>(), UnitColumns.Read(image));
}
