namespace ParkFinder.Functions.Hosting;

// How every response shows a figure (API.md, "Numbers"): areas to 0.01 m2, rents to 0.01 CNY, rates and
// shares to 4 decimals, half away from zero. Stored values keep full precision; only responses round.
public static class Shown
{
    public static double Area(double value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
    public static double? Area(double? value) => value is { } v ? Area(v) : null;
    public static double Rent(double value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
    public static double? Rent(double? value) => value is { } v ? Rent(v) : null;
    public static double Rate(double value) => Math.Round(value, 4, MidpointRounding.AwayFromZero);
    public static double? Rate(double? value) => value is { } v ? Rate(v) : null;
}
