using System.Text.Json;
using System.Text.Json.Nodes;
using ParkFinder.Functions.Parks;

namespace ParkFinder.Functions.Units;

// A field of a unit as it was and as it became (API.md's unit fields; null: absent).
public sealed record FieldChange(string Field, JsonNode? Before, JsonNode? After);

// One change to a unit (created, changed or deleted): who made it, when, and the fields it changed.
public sealed record UnitChange(string UnitId, DateTimeOffset At, string By, string Action, IReadOnlyList<FieldChange> Changes)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    // Kept by the store, not facts about the unit.
    private static readonly HashSet<string> Bookkeeping = new(["id", "eTag", "updatedAt"], StringComparer.OrdinalIgnoreCase);

    // Null when nothing a user can see changed (an import that writes the same unit again).
    public static UnitChange? Between(Unit? before, Unit? after, ChangedBy by, DateTimeOffset at)
    {
        var (old, now) = (Fields(before), Fields(after));
        var changes = old.Select(f => f.Key).Union(now.Select(f => f.Key)).Where(k => !Bookkeeping.Contains(k)).Order(StringComparer.Ordinal)
            .Select(k => (Key: k, Before: old[k], After: now[k]))
            .Where(c => !JsonNode.DeepEquals(c.Before, c.After))
            .Select(c => new FieldChange(c.Key, c.Before?.DeepClone(), c.After?.DeepClone()))
            .ToList();
        if (changes.Count == 0 && before is not null && after is not null) return null;
        var action = before is null ? "created" : after is null ? "deleted" : "changed";
        return new UnitChange((after ?? before)!.Id, at, by.Who, action, changes);
    }

    private static JsonObject Fields(Unit? unit) => unit is null ? [] : Normalised(JsonSerializer.SerializeToNode(unit, Json)!.AsObject());

    // Absent and null are the same to a reader: both become null here.
    private static JsonObject Normalised(JsonObject o)
    {
        foreach (var (k, v) in o.ToList())
            if (v is JsonArray { Count: 0 }) o[k] = null;
        return o;
    }
}

// Who made a change: a user's id, "import", or "reconciliation:{uploadId}". Key names a change that may
// be made again after a stopped job, so it lands on the same history row instead of a second one.
public sealed record ChangedBy(string Who, string? Key = null)
{
    public static readonly ChangedBy Import = new("import");

    public static ChangedBy Reconciliation(string uploadId) => new("reconciliation:" + uploadId, "r-" + uploadId);
}
