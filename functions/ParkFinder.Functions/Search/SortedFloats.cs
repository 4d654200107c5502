namespace ParkFinder.Functions.Search;

// Binary search over an ascending float array (latitudes, rents): the first position whose value is at
// least (LowerBound) or above (UpperBound) the one given.
internal static class SortedFloats
{
    public static int LowerBound(float[] sorted, float value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi) { var mid = (lo + hi) >>> 1; if (sorted[mid] < value) lo = mid + 1; else hi = mid; }
        return lo;
    }

    public static int UpperBound(float[] sorted, float value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi) { var mid = (lo + hi) >>> 1; if (sorted[mid] <= value) lo = mid + 1; else hi = mid; }
        return lo;
    }
}
