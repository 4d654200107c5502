namespace ParkFinder.Functions.Search;

// The index's part that owns each park's own sortable figures: stars, last update, available area and
// vacancy (the keys of the orders that need no query, the map's area), and the star bitsets the
// minStars filter starts from. Everything about these columns is here: how a park's record fills them,
// how a splice copies and patches them, what the image stores. A new park figure of this kind is a
// change to this file (and to the query or sort that reads it), not to the index's other parts.
internal sealed class ParkFigures
{
    private readonly byte[] _stars;
    private readonly long[] _updated;
    private readonly double[] _availableArea, _vacancyRate; // vacancy NaN: no inventory
    private ulong[][] _starsAtLeast = []; // [s]: one bit per park with at least s stars (Derive)

    private ParkFigures(byte[] stars, long[] updated, double[] availableArea, double[] vacancyRate)
    {
        (_stars, _updated, _availableArea, _vacancyRate) = (stars, updated, availableArea, vacancyRate);
    }

    public static ParkFigures Create(int parks) => new(new byte[parks], new long[parks], new double[parks], new double[parks]);

    // The same figures in arrays of their own, for a splice to set its changed parks in; the bitsets
    // are shared until Rederive replaces them.
    public ParkFigures Copy() => new((byte[])_stars.Clone(), (long[])_updated.Clone(), (double[])_availableArea.Clone(), (double[])_vacancyRate.Clone())
    {
        _starsAtLeast = _starsAtLeast,
    };

    // Park p's figures as its record shows them.
    public void Set(int p, IndexedPark record)
    {
        _stars[p] = (byte)(record.Park.Stars ?? 0);
        _updated[p] = record.UpdatedAt.UtcTicks;
        _availableArea[p] = record.AvailableArea;
        _vacancyRate[p] = record.VacancyRate ?? double.NaN;
    }

    public double AvailableArea(int p) => _availableArea[p];
    public int Stars(int p) => _stars[p];

    // The parks with at least this many stars, a bit each (the overlay's changed parks are fixed by the caller).
    public ulong[] StarsAtLeast(int stars) => _starsAtLeast[stars];

    // Park p's key in an order that needs no query; its lowest fresh rent is a unit figure, given.
    public double Key(SearchSort sort, int p, float minFreshRent) =>
        Key(sort, minFreshRent, _availableArea[p], _vacancyRate[p], _stars[p], _updated[p]);

    // The same key for a park's record (a landlord's change on the overlay): one definition for both.
    public static double Key(SearchSort sort, IndexedPark record, float minFreshRent) =>
        Key(sort, minFreshRent, record.AvailableArea, record.VacancyRate ?? double.NaN, record.Park.Stars ?? 0, record.UpdatedAt.UtcTicks);

    // Ascending keys: the larger figure first, parks without vacancy last; + 0.0 makes -0 the same key as 0.
    private static double Key(SearchSort sort, float minFreshRent, double availableArea, double vacancyRate, int stars, long updatedTicks) => sort switch
    {
        SearchSort.Relevance => 0,
        SearchSort.Rent => minFreshRent,
        SearchSort.AvailableArea => -availableArea,
        SearchSort.VacancyRate => double.IsNaN(vacancyRate) ? double.PositiveInfinity : -vacancyRate,
        SearchSort.Stars => -stars,
        _ => -updatedTicks,
    } + 0.0;

    // The star bitsets from every park's stars (a build, or an image read).
    public void Derive()
    {
        var n = _stars.Length;
        var starsAtLeast = new ulong[6][];
        for (var s = 0; s <= 5; s++)
        {
            var bits = starsAtLeast[s] = new ulong[(n + 63) >> 6]; // a word per 64 parks
            for (var i = 0; i < n; i++)
                if (_stars[i] >= s) bits[i >> 6] |= 1UL << (i & 63);
        }
        _starsAtLeast = starsAtLeast;
    }

    // The star bitsets after a splice: the old ones with the changed parks' bits set again.
    public void Rederive(ParkFigures old, IEnumerable<int> changed)
    {
        _starsAtLeast = old._starsAtLeast.Select(bits => (ulong[])bits.Clone()).ToArray();
        foreach (var p in changed)
            for (var s = 0; s <= 5; s++)
                if (_stars[p] >= s) _starsAtLeast[s][p >> 6] |= 1UL << (p & 63);
                else _starsAtLeast[s][p >> 6] &= ~(1UL << (p & 63));
    }

    // What Write stores, named in the image's format: move it on with any change to Write and Read.
    public const string Layout = "figures 1: stars, updated, availableArea, vacancyRate";

    public void Write(IndexImageWriter image)
    {
        image.Values(_stars);
        image.Values(_updated);
        image.Values(_availableArea);
        image.Values(_vacancyRate);
    }

    public static ParkFigures Read(IndexImageReader image) =>
        new(image.Values<byte>(), image.Values<long>(), image.Values<double>(), image.Values<double>());
}
