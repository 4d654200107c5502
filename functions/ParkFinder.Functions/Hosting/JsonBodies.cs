using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace ParkFinder.Functions.Hosting;

// How every JSON request body is read: numbers are JSON numbers ("12" for an area is refused),
// and nothing JSON allows but we would have to guess at gets through. FunctionEndpoint checks each
// JSON body with Check before the handler runs; binding (minimal APIs, or a handler reading the body
// itself with Options) then only maps what was checked, read-only fields ignored.
public static class JsonBodies
{
    public static readonly JsonSerializerOptions Options = ReadOnly(Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web)));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.NumberHandling = JsonNumberHandling.Strict;
        return options;
    }

    // Type metadata (GetTypeInfo) needs a resolver and read-only options.
    private static JsonSerializerOptions ReadOnly(JsonSerializerOptions options)
    {
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    // What is wrong with a body before any handler sees it: null when it reads as the body type
    // exactly; otherwise the problem, with errors keyed by each field's JSON path (units[0].area) in
    // this API's words, never a .NET type name. One walk over the JSON, before binding, for every route.
    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult? Check(ReadOnlySpan<byte> json, Type bodyType)
    {
        var errors = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        var codes = new HashSet<string>();
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 64 });
        try
        {
            if (!reader.Read()) return Problems.Invalid("$", "a JSON body is required", "invalid_json");
            Walk(ref reader, Options.GetTypeInfo(bodyType), "", errors, codes);
            if (MoreAfterTheValue(ref reader)) return Problems.Invalid("$", "has more after the JSON value", "invalid_json");
        }
        catch (JsonException ex)
        {
            // Not JSON at all: the reader's own words say where (line and byte), which is what the sender needs.
            return Problems.Invalid(new Dictionary<string, string[]> { ["$"] = [ex.Message] }, "invalid_json", "The request body is not valid JSON.");
        }
        if (errors.Count == 0) return null;
        // The most basic fault names the problem: an unknown or repeated field before a wrong value.
        var code = codes.Contains("unknown_field") ? "unknown_field" : codes.Contains("duplicate_field") ? "duplicate_field" : "invalid_parameter";
        return Problems.Invalid(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()), code);
    }

    private static bool MoreAfterTheValue(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.Read();
        }
        catch (JsonException)
        {
            return true;
        }
    }

    private static void Walk(ref Utf8JsonReader reader, JsonTypeInfo type, string path, IDictionary<string, List<string>> errors, ISet<string> codes)
    {
        var underlying = Nullable.GetUnderlyingType(type.Type);
        if (reader.TokenType == JsonTokenType.Null)
        {
            if (type.Type.IsValueType && underlying is null) Add(errors, codes, path, Expected(type.Type), "invalid_parameter");
            return;
        }
        // Free-form JSON (a PATCH's object, a node) is checked by its handler against the real type.
        if (typeof(JsonNode).IsAssignableFrom(type.Type) || type.Type == typeof(JsonElement))
        {
            SkipChecked(ref reader, path, errors, codes);
            return;
        }
        switch (type.Kind)
        {
            case JsonTypeInfoKind.Object when reader.TokenType == JsonTokenType.StartObject:
                WalkObject(ref reader, type, path, errors, codes);
                return;
            case JsonTypeInfoKind.Enumerable when reader.TokenType == JsonTokenType.StartArray:
                var element = Options.GetTypeInfo(type.ElementType!);
                for (var i = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; i++) Walk(ref reader, element, $"{path}[{i}]", errors, codes);
                return;
            case JsonTypeInfoKind.Dictionary when reader.TokenType == JsonTokenType.StartObject:
                var value = Options.GetTypeInfo(type.ElementType!);
                var keys = new HashSet<string>(StringComparer.Ordinal);
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var key = Name(ref reader, path, errors, codes);
                    reader.Read();
                    if (key is not null && !keys.Add(key)) Add(errors, codes, Join(path, key), "is given more than once", "duplicate_field");
                    Walk(ref reader, value, Join(path, key ?? "?"), errors, codes);
                }
                return;
            case JsonTypeInfoKind.Object or JsonTypeInfoKind.Enumerable or JsonTypeInfoKind.Dictionary:
                Add(errors, codes, path, Expected(type.Type), "invalid_parameter");
                SkipChecked(ref reader, path, errors, codes);
                return;
        }
        // A single value (or a type with its own converter): the serializer itself decides, with the
        // options the handler binds with; the reader stays on the value when it refuses.
        if (reader.TokenType == JsonTokenType.String && !IsText(ref reader))
        {
            Add(errors, codes, path, "is not valid text (a lone surrogate or invalid UTF-8)", "invalid_parameter");
            return;
        }
        var before = reader;
        try
        {
            JsonSerializer.Deserialize(ref reader, type);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or OverflowException or NotSupportedException)
        {
            reader = before;
            Add(errors, codes, path, Expected(type.Type), "invalid_parameter");
            SkipChecked(ref reader, path, errors, codes);
        }
    }

    private static void WalkObject(ref Utf8JsonReader reader, JsonTypeInfo type, string path, IDictionary<string, List<string>> errors, ISet<string> codes)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = Name(ref reader, path, errors, codes);
            reader.Read();
            if (name is null)
            {
                SkipChecked(ref reader, path, errors, codes);
                continue;
            }
            var fieldPath = Join(path, name);
            // The same name twice, in any case: which one was meant cannot be known.
            if (!seen.Add(name)) Add(errors, codes, fieldPath, "is given more than once (names are matched ignoring case)", "duplicate_field");
            var property = type.Properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
            if (property is null && ReadOnly(type.Type).Contains(name))
            {
                SkipChecked(ref reader, fieldPath, errors, codes);
                continue;
            }
            if (property is null)
            {
                Add(errors, codes, fieldPath, "is not a field of this body", "unknown_field");
                SkipChecked(ref reader, fieldPath, errors, codes);
                continue;
            }
            Walk(ref reader, Options.GetTypeInfo(property.PropertyType), fieldPath, errors, codes);
        }
    }

    // Skips a value (the reader ends on its last token) while still refusing text that is not text.
    private static void SkipChecked(ref Utf8JsonReader reader, string path, IDictionary<string, List<string>> errors, ISet<string> codes)
    {
        if (reader.TokenType is JsonTokenType.String && !IsText(ref reader))
            Add(errors, codes, path, "is not valid text (a lone surrogate or invalid UTF-8)", "invalid_parameter");
        if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray)) return;
        var depth = reader.CurrentDepth;
        while (reader.Read() && !(reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray && reader.CurrentDepth == depth))
            if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && !IsText(ref reader))
                Add(errors, codes, path, "is not valid text (a lone surrogate or invalid UTF-8)", "invalid_parameter");
    }

    private static string? Name(ref Utf8JsonReader reader, string path, IDictionary<string, List<string>> errors, ISet<string> codes)
    {
        if (IsText(ref reader)) return reader.GetString();
        Add(errors, codes, Join(path, "?"), "has a name that is not valid text (a lone surrogate or invalid UTF-8)", "invalid_parameter");
        return null;
    }

    private static bool IsText(ref Utf8JsonReader reader)
    {
        try
        {
            var value = reader.GetString();
            return value is null || !HasLoneSurrogate(value);
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static bool HasLoneSurrogate(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) i++;
            else if (char.IsSurrogate(s[i])) return true;
        }
        return false;
    }

    // What a field must be, in this API's words.
    public static string Expected(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(string) || t == typeof(char)) return "must be a string";
        if (t == typeof(DateOnly)) return "must be a date, yyyy-MM-dd";
        if (t == typeof(DateTimeOffset) || t == typeof(DateTime)) return "must be a date and time, ISO 8601 (2026-12-06T10:00:00+08:00)";
        if (t == typeof(bool)) return "must be true or false";
        if (t == typeof(Guid)) return "must be a UUID";
        if (t == typeof(int) || t == typeof(long) || t == typeof(short) || t == typeof(byte) || t == typeof(uint) || t == typeof(ulong))
            return "must be a whole number (a JSON number, not a string)";
        if (t == typeof(double) || t == typeof(decimal) || t == typeof(float)) return "must be a number (a JSON number, not a string)";
        if (t.IsEnum) return "must be one of " + string.Join(", ", Enum.GetNames(t).Select(JsonNamingPolicy.CamelCase.ConvertName));
        var info = Options.GetTypeInfo(t);
        return info.Kind switch
        {
            JsonTypeInfoKind.Enumerable => "must be an array",
            JsonTypeInfoKind.Object or JsonTypeInfoKind.Dictionary => "must be an object",
            _ => "has the wrong type",
        };
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, HashSet<string>> ReadOnlyByType = new();

    private static HashSet<string> ReadOnly(Type type) => ReadOnlyByType.GetOrAdd(type, t =>
        new HashSet<string>((t.GetCustomAttributes(typeof(ReadOnlyFieldsAttribute), false) as ReadOnlyFieldsAttribute[])!.SelectMany(a => a.Names),
            StringComparer.OrdinalIgnoreCase));

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    private static void Add(IDictionary<string, List<string>> errors, ISet<string> codes, string path, string message, string code)
    {
        var key = path.Length == 0 ? "$" : path;
        if (!errors.TryGetValue(key, out var list)) errors[key] = list = [];
        if (!list.Contains(message)) list.Add(message);
        codes.Add(code);
    }
}

// Fields a resource shows but a writer cannot set (computed figures): a body that sends back what it
// read may carry them, and they are ignored rather than refused as unknown. Declared on the body type.
[AttributeUsage(AttributeTargets.Class)]
public sealed class ReadOnlyFieldsAttribute(params string[] names) : Attribute
{
    public IReadOnlyList<string> Names { get; } = names;
}
