using System.Globalization;
using System.Text.Json;
using Azure;

namespace ParkFinder.Storage.Tables;

// The OData JSON shape of an entity: typed values carry "name@odata.type" annotations.
internal static class TableEntityJson
{
    public static byte[] Serialize(TableEntity entity)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("PartitionKey", entity.PartitionKey);
            w.WriteString("RowKey", entity.RowKey);
            foreach (var (name, value) in entity)
                WriteProperty(w, name, value);
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void WriteProperty(Utf8JsonWriter w, string name, object value)
    {
        switch (value)
        {
            case string s: w.WriteString(name, s); break;
            case bool b: w.WriteBoolean(name, b); break;
            case int i: w.WriteNumber(name, i); break;
            case long l:
                w.WriteString(name, l.ToString(CultureInfo.InvariantCulture));
                w.WriteString(name + "@odata.type", "Edm.Int64");
                break;
            case double d:
                if (double.IsFinite(d)) w.WriteNumber(name, d);
                else w.WriteString(name, double.IsNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
                w.WriteString(name + "@odata.type", "Edm.Double");
                break;
            case DateTimeOffset dto:
                w.WriteString(name, dto.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
                w.WriteString(name + "@odata.type", "Edm.DateTime");
                break;
            case Guid g:
                w.WriteString(name, g.ToString("D"));
                w.WriteString(name + "@odata.type", "Edm.Guid");
                break;
            case byte[] bytes:
                w.WriteString(name, Convert.ToBase64String(bytes));
                w.WriteString(name + "@odata.type", "Edm.Binary");
                break;
        }
    }

    public static TableEntity Deserialize(JsonElement json)
    {
        // A $select without the keys returns entities without them.
        var entity = new TableEntity(
            json.TryGetProperty("PartitionKey", out var pk) ? pk.GetString()! : "",
            json.TryGetProperty("RowKey", out var rk) ? rk.GetString()! : "");
        foreach (var p in json.EnumerateObject())
        {
            var name = p.Name;
            if (name.Contains('@') || name.StartsWith("odata.", StringComparison.Ordinal) || name is "PartitionKey" or "RowKey")
                continue;
            // Timestamp is always Edm.DateTime, but minimal metadata may leave it unannotated.
            var type = json.TryGetProperty(name + "@odata.type", out var t) ? t.GetString() : name == "Timestamp" ? "Edm.DateTime" : null;
            var value = ReadValue(p.Value, type);
            if (name == "Timestamp") entity.Timestamp = value as DateTimeOffset?;
            else entity[name] = value;
        }
        if (json.TryGetProperty("odata.etag", out var etag)) entity.ETag = new ETag(etag.GetString()!);
        return entity;
    }

    private static object? ReadValue(JsonElement v, string? type) => type switch
    {
        "Edm.Int64" => long.Parse(v.GetString()!, CultureInfo.InvariantCulture),
        "Edm.Double" => v.ValueKind == JsonValueKind.String
            ? double.Parse(v.GetString()!, CultureInfo.InvariantCulture)
            : v.GetDouble(),
        "Edm.DateTime" => DateTimeOffset.Parse(v.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        "Edm.Guid" => Guid.Parse(v.GetString()!),
        "Edm.Binary" => Convert.FromBase64String(v.GetString()!),
        _ => v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => v.TryGetInt32(out var i) ? (object)i : v.GetDouble(),
            _ => null,
        },
    };
}
