namespace ParkFinder.Benchmarks;

public static class Percentiles
{
    public static double Of(double[] sortedValues, double p)
    {
        if (sortedValues.Length == 0) return double.NaN;
        var rank = (int)Math.Ceiling(p / 100 * sortedValues.Length) - 1;
        return sortedValues[Math.Clamp(rank, 0, sortedValues.Length - 1)];
    }
}
