using System.Text.Json;

namespace ParkFinder.Functions.Scorecards;

public sealed record Indicator(string Id, string Name, double Weight);

// Named: whether our sources name the group (the Shenzhen standard's four innovations); the other
// two first-level groups are our reading, and say so.
public sealed record IndicatorGroup(string Id, string Name, double Weight, bool Named, Indicator[] Indicators);

// The assessed indicators of the park scorecard (first-level groups with weights, their indicators
// with weights), shipped as Scorecards/scorecard-indicators.json and replaceable by operators.
public sealed class IndicatorTree
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public IndicatorGroup[] Groups { get; init; } = [];

    public static IndicatorTree Shipped { get; } = Load();

    private static IndicatorTree Load()
    {
        using var stream = typeof(IndicatorTree).Assembly.GetManifestResourceStream("scorecard-indicators.json")
            ?? throw new InvalidOperationException("scorecard-indicators.json is not embedded");
        return JsonSerializer.Deserialize<IndicatorTree>(stream, Json)!;
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static IndicatorTree? FromJson(string json) => JsonSerializer.Deserialize<IndicatorTree>(json, Json);

    public IEnumerable<Indicator> Indicators => Groups.SelectMany(g => g.Indicators);

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        static bool IsId(string? id) => id is { Length: > 0 and <= 40 } && id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');
        var groups = Groups ?? [];
        if (groups.Length is 0 or > 12) errors["groups"] = ["1 to 12 groups"];
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < groups.Length; i++)
        {
            var g = groups[i];
            if (g is null) { errors[$"groups[{i}]"] = ["is null"]; continue; }
            if (!IsId(g.Id) || !ids.Add(g.Id)) errors[$"groups[{i}].id"] = ["a unique id: lowercase letters, digits and -"];
            if (g.Name is not { Length: > 0 and <= 40 }) errors[$"groups[{i}].name"] = ["1 to 40 characters"];
            if (!(g.Weight > 0 && g.Weight <= 1000)) errors[$"groups[{i}].weight"] = ["must be > 0"];
            var indicators = g.Indicators ?? [];
            if (indicators.Length is 0 or > 30) { errors[$"groups[{i}].indicators"] = ["1 to 30 indicators"]; continue; }
            for (var j = 0; j < indicators.Length; j++)
            {
                var x = indicators[j];
                var at = $"groups[{i}].indicators[{j}]";
                if (x is null) { errors[at] = ["is null"]; continue; }
                if (!IsId(x.Id) || !ids.Add(x.Id)) errors[at + ".id"] = ["an id unique in the tree: lowercase letters, digits and -"];
                if (x.Name is not { Length: > 0 and <= 40 }) errors[at + ".name"] = ["1 to 40 characters"];
                if (!(x.Weight > 0 && x.Weight <= 1000)) errors[at + ".weight"] = ["must be > 0"];
            }
        }
        return errors;
    }
}
