using System.Text.RegularExpressions;

namespace ParkFinder.Functions.Hosting;

// The ids of this app's records (parks, units, uploads...): what a table key may hold without escaping.
public static partial class Ids
{
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")]
    public static partial Regex Pattern();
}
