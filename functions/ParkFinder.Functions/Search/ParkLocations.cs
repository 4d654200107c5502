namespace ParkFinder.Functions.Search;

// The index's part that owns where each park lies: latitude and longitude as the catalog gives them
// (landlords' writes do not move a park), the parks on the unit sphere for radius checks and the
// distance order without trigonometry, the parks by latitude (a radius or map search starts from the
// band its circle or box spans), and the box holding them all. Build, image and lookups are here.
internal sealed class ParkLocations
{
    private readonly float[] _lat, _lng;
    private double[] _points = [];   // x, y, z of park p at 3p..3p+2
    private float[] _latSorted = []; // every park's latitude ascending, and the park at each position
    private int[] _byLat = [];

    private ParkLocations(float[] lat, float[] lng) => (_lat, _lng) = (lat, lng);

    public static ParkLocations Create(int parks) => new(new float[parks], new float[parks]);

    // The box holding every park: a map box that holds it checks no park's place.
    public GeoBox Extent { get; private set; } = new(0, 0, 0, 0);

    public void Set(int p, Parks.Park park) => (_lat[p], _lng[p]) = ((float)park.Lat, (float)park.Lng);

    public float Lat(int p) => _lat[p];
    public float Lng(int p) => _lng[p];

    // The positions in latitude order of the parks from minLat to maxLat, widened by a float step each
    // way so a park at the edge is never lost to rounding; ByLat(i) is the park at position i.
    public (int From, int To) Band(double minLat, double maxLat) =>
        (SortedFloats.LowerBound(_latSorted, MathF.BitDecrement((float)minLat)), SortedFloats.UpperBound(_latSorted, MathF.BitIncrement((float)maxLat)));

    public int ByLat(int position) => _byLat[position];

    // The squared straight-line distance through the unit sphere: (2 sin(d / 2R))² for great-circle distance d.
    public double SquaredChord(int p, double x, double y, double z)
    {
        var (dx, dy, dz) = (_points[3 * p] - x, _points[3 * p + 1] - y, _points[3 * p + 2] - z);
        return dx * dx + dy * dy + dz * dz;
    }

    public static (double X, double Y, double Z) PointOnSphere(double lat, double lng)
    {
        var (phi, lambda) = (lat * Math.PI / 180, lng * Math.PI / 180);
        return (Math.Cos(phi) * Math.Cos(lambda), Math.Cos(phi) * Math.Sin(lambda), Math.Sin(phi));
    }

    // What follows from the coordinates alone (a build, or an image read).
    public void Derive()
    {
        var n = _lat.Length;
        _points = new double[3 * n];
        for (var i = 0; i < n; i++) (_points[3 * i], _points[3 * i + 1], _points[3 * i + 2]) = PointOnSphere(_lat[i], _lng[i]);
        _byLat = Enumerable.Range(0, n).OrderBy(i => _lat[i]).ToArray();
        _latSorted = _byLat.Select(i => _lat[i]).ToArray();
        Extent = n == 0 ? new GeoBox(0, 0, 0, 0) : new GeoBox(_lat.Min(), _lng.Min(), _lat.Max(), _lng.Max());
    }

    // What Write stores, named in the image's format: move it on with any change to Write and Read.
    public const string Layout = "locations 1: lat, lng";

    public void Write(IndexImageWriter image)
    {
        image.Values(_lat);
        image.Values(_lng);
    }

    public static ParkLocations Read(IndexImageReader image) => new(image.Values<float>(), image.Values<float>());
}
