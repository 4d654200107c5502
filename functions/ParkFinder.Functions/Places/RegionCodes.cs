namespace ParkFinder.Functions.Places;

// Checks a province, city or district code named by a request against the region table, collecting the
// errors by parameter: a code that is not one is `unknown_region`, anything but six digits `invalid_parameter`.
public sealed class RegionCodes(Dictionary<string, string[]> errors)
{
    public const string UnknownRegion = "unknown_region";
    private readonly HashSet<string> _unknown = new(StringComparer.Ordinal);

    // The place's code as the catalog keeps it (a municipality's 110100 is 110000), or null after an error.
    public string? Check(string name, string? value, PlaceLevel level)
    {
        if (value is null) return null;
        if (!IsAdcode(value)) { Add(name, "must be a 6-digit adcode"); return null; }
        var place = level switch
        {
            PlaceLevel.Province => RegionTable.Province(value),
            PlaceLevel.City => RegionTable.City(value),
            _ => RegionTable.District(value),
        };
        if (place is not null) return place.Code;
        _unknown.Add(name);
        Add(name, $"{value} is not a {level.ToString().ToLowerInvariant()} code of GB/T 2260");
        return null;
    }

    // Six digits, not starting with 0 (GB/T 2260's form; Places depends on no feature, so not ParkValidation's).
    public static bool IsAdcode(string value) => value.Length == 6 && value[0] is >= '1' and <= '9' && value.All(char.IsAsciiDigit);

    // unknown_region when every error is an unknown code, else invalid_parameter.
    public string ProblemCode => errors.Count > 0 && errors.Keys.All(_unknown.Contains) ? UnknownRegion : "invalid_parameter";

    private void Add(string name, string message) => errors[name] = errors.TryGetValue(name, out var existing) ? [.. existing, message] : [message];
}
