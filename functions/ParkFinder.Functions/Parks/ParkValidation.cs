using ParkFinder.Functions.Hosting;
using System.Text.RegularExpressions;

namespace ParkFinder.Functions.Parks;

// Checks an import as a whole; every error is keyed by its place in the request ("[3].units[0].area").
public static partial class ParkValidation
{
    public const int MaxParksPerImport = 5000;
    public const int MaxUnitsPerPark = 2000;
    private static readonly string[] PolicyCategories = ["funding", "talent", "tax", "rent", "registration", "other"];

    public static Regex IdPattern() => Ids.Pattern();

    [GeneratedRegex("^[1-9][0-9]{5}$")]
    private static partial Regex AdcodePattern();

    // A GB/T 2260 administrative division code: six digits, not starting with 0.
    public static bool IsAdcode(string? value) => value is not null && AdcodePattern().IsMatch(value);

    public static Dictionary<string, string[]> Validate(IReadOnlyList<Park?> parks)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string key, string message)
        {
            if (!errors.TryGetValue(key, out var list)) errors[key] = list = [];
            list.Add(message);
        }

        if (parks.Count == 0) Add("$", "must hold at least one park");
        if (parks.Count > MaxParksPerImport) Add("$", $"at most {MaxParksPerImport} parks per request");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < parks.Count; i++)
        {
            var p = parks[i];
            var at = $"[{i}]";
            if (p is null) { Add(at, "must be a park object"); continue; }
            if (!IdPattern().IsMatch(p.Id ?? "")) Add($"{at}.id", "must be 1-64 letters, digits, '-' or '_'");
            else if (p.Id == "compare") Add($"{at}.id", "'compare' is reserved (GET /api/parks/compare)");
            else if (!ids.Add(p.Id!)) Add($"{at}.id", $"'{p.Id}' appears more than once");
            Text(p.Name, 1, 100, $"{at}.name", Add);
            if (p.City is null || !AdcodePattern().IsMatch(p.City.Code ?? "") || !p.City.Code!.EndsWith("00", StringComparison.Ordinal))
                Add($"{at}.city.code", "must be a 6-digit city adcode ending in 00");
            else Text(p.City.Name, 1, 50, $"{at}.city.name", Add);
            if (p.District is null || !AdcodePattern().IsMatch(p.District.Code ?? ""))
                Add($"{at}.district.code", "must be a 6-digit district adcode");
            else if (p.City?.Code is { Length: 6 } city && p.District.Code![..2] != city[..2])
                Add($"{at}.district.code", "must lie in the park's province (same first two digits as city.code)");
            else Text(p.District.Name, 1, 50, $"{at}.district.name", Add);
            // GCJ-02 is defined for mainland China only.
            if (!(p.Lat is >= 3 and <= 54)) Add($"{at}.lat", "must be a GCJ-02 latitude in China (3 to 54)");
            if (!(p.Lng is >= 73 and <= 136)) Add($"{at}.lng", "must be a GCJ-02 longitude in China (73 to 136)");
            if (p.Stars is { } stars && stars is < 1 or > 5) Add($"{at}.stars", "must be 1 to 5");
            if (p.TotalArea is { } total && !(total > 0 && double.IsFinite(total))) Add($"{at}.totalArea", "must be > 0");
            List(p.Industries, 20, 30, $"{at}.industries", Add);
            List(p.Tags, 30, 30, $"{at}.tags", Add);
            List(p.Facilities, 30, 100, $"{at}.facilities", Add);
            Text(p.Address, 0, 200, $"{at}.address", Add);
            Text(p.Description, 0, 4000, $"{at}.description", Add);
            for (var j = 0; j < (p.Policies?.Length ?? 0); j++)
            {
                var policy = p.Policies![j];
                if (policy is null || !PolicyCategories.Contains(policy.Category))
                    Add($"{at}.policies[{j}].category", "must be one of " + string.Join(", ", PolicyCategories));
                else Text(policy.Title, 1, 100, $"{at}.policies[{j}].title", Add);
            }
            ValidateUnits(p.Units ?? [], at, Add);
        }
        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
    }

    private static void ValidateUnits(List<Unit> units, string at, Action<string, string> add)
    {
        if (units.Count > MaxUnitsPerPark) add($"{at}.units", $"at most {MaxUnitsPerPark} units per park");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var j = 0; j < units.Count; j++)
        {
            var u = units[j];
            var ua = $"{at}.units[{j}]";
            if (u is null) { add(ua, "must be a unit object"); continue; }
            foreach (var (key, message) in ValidateUnit(u)) add($"{ua}.{key}", message);
            if (IdPattern().IsMatch(u.Id ?? "") && !ids.Add(u.Id!)) add($"{ua}.id", $"'{u.Id}' appears more than once");
        }
    }

    // One unit's own rules; also used by the landlord's unit writes.
    public static IEnumerable<(string Key, string Message)> ValidateUnit(Unit u)
    {
        if (!IdPattern().IsMatch(u.Id ?? "")) yield return ("id", "must be 1-64 letters, digits, '-' or '_'");
        if (!SpaceTypes.TryParse(u.SpaceType, out _)) yield return ("spaceType", "must be land, factory, warehouse or office");
        if (!(u.Area > 0 && u.Area <= 10_000_000)) yield return ("area", "must be > 0 and <= 10,000,000 m2");
        if (u.Rent is not null)
        {
            if (!(u.Rent.Amount >= 0 && double.IsFinite(u.Rent.Amount))) yield return ("rent.amount", "must be >= 0");
            if (Rents.NormalizeUnit(u.Rent.Unit) is null) yield return ("rent.unit", "must be one of " + string.Join(", ", Rents.Units));
        }
        if (!SpaceTypes.TryParseStatus(u.Status, out _)) yield return ("status", "must be available, reserved or leased");
        if (u.CeilingHeightM is { } h && !(h > 0 && h <= 100)) yield return ("ceilingHeightM", "must be > 0 and <= 100");
        if (u.FloorLoadTPerM2 is { } l && !(l > 0 && l <= 100)) yield return ("floorLoadTPerM2", "must be > 0 and <= 100");
        if (u.PowerKva is { } k && !(k >= 0 && k <= 1_000_000)) yield return ("powerKva", "must be >= 0 and <= 1,000,000");
        if (u.Name is { Length: > 100 }) yield return ("name", "at most 100 characters");
        if (u.Floor is { Length: > 20 }) yield return ("floor", "at most 20 characters");
        if (u.Tags is { Length: > 30 } || u.Tags?.Any(t => string.IsNullOrWhiteSpace(t) || t.Length > 30) == true)
            yield return ("tags", "at most 30 tags of 1-30 characters");
    }

    private static void Text(string? value, int min, int max, string key, Action<string, string> add)
    {
        var length = value?.Trim().Length ?? 0;
        if (length < min) add(key, "is required");
        else if (length > max) add(key, $"at most {max} characters");
    }

    private static void List(string[]? values, int maxItems, int maxLength, string key, Action<string, string> add)
    {
        if (values is null) return;
        if (values.Length > maxItems) add(key, $"at most {maxItems} items");
        if (values.Any(v => string.IsNullOrWhiteSpace(v) || v.Length > maxLength)) add(key, $"each item must be 1-{maxLength} characters");
    }

    // Stored form: trimmed text, API rent units, and derived fields dropped.
    public static void Normalize(Park p)
    {
        p.Name = p.Name.Trim();
        p.Industries = p.Industries?.Select(s => s.Trim()).Distinct().ToArray() ?? [];
        p.Tags = p.Tags?.Select(s => s.Trim()).Distinct().ToArray() ?? [];
        p.Facilities ??= [];
        p.Policies ??= [];
        p.Ecosystem = null; // computed from stored data, never imported
        foreach (var u in p.Units ?? []) NormalizeUnit(u);
    }

    public static void NormalizeUnit(Unit u)
    {
        SpaceTypes.TryParse(u.SpaceType, out var type);
        u.SpaceType = type.ToApi();
        u.Status = u.Status.Trim().ToLowerInvariant();
        if (u.Rent is not null) u.Rent = u.Rent with { Unit = Rents.NormalizeUnit(u.Rent.Unit)! };
        u.Tags = u.Tags?.Select(s => s.Trim()).Distinct().ToArray() ?? [];
    }
}
