using System.Globalization;
using System.Reflection;

namespace ParkFinder.Functions.Hosting;

// The query values a handler's parameters are parsed from (a number, true or false, a date), checked before
// binding: a value of the wrong type is `400 invalid_parameter` in this API's words, keyed by the parameter,
// instead of the framework's binding failure (which names .NET types and echoes the whole value back).
// The check parses as binding does (the type's TryParse with the invariant culture), so what passes here binds.
public static class QueryValues
{
    public sealed record Typed(string Name, Func<string, bool> Parses, string Expected);

    // The handler's parameters bound from the query that are not text.
    // An array: the check runs on every request (search's hot path has none), and a foreach over an array allocates nothing.
    public static Typed[] Of(MethodInfo handler, string route) =>
        HttpFunction.FromQuery(handler, route)
            .Select(p => (p.Name, Type: Element(p.Type)))
            .Where(p => p.Type != typeof(string) && p.Type != typeof(Microsoft.Extensions.Primitives.StringValues))
            .Select(p => Parser(p.Type) is { } parses ? new Typed(p.Name, parses, Expected(p.Type)) : null)
            .OfType<Typed>()
            .ToArray();

    public static IResult? Check(IQueryCollection query, HttpFunction function)
    {
        Dictionary<string, string[]>? errors = null;
        foreach (var parameter in function.TypedQuery)
            foreach (var value in query[parameter.Name])
                if (!parameter.Parses(value ?? "")) // an empty value too: binding refuses it as well
                    (errors ??= new())[parameter.Name] = [$"'{Problems.Short(value)}' {parameter.Expected}"];
        return errors is null ? null : Problems.Invalid(errors);
    }

    private static Type Element(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsArray ? Nullable.GetUnderlyingType(t.GetElementType()!) ?? t.GetElementType()! : t;
    }

    private static Func<string, bool>? Parser(Type t)
    {
        if (t.IsEnum) return s => Enum.TryParse(t, s, ignoreCase: true, out _);
        var withCulture = t.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static, [typeof(string), typeof(IFormatProvider), t.MakeByRefType()]);
        if (withCulture is not null) return s => (bool)withCulture.Invoke(null, [s, CultureInfo.InvariantCulture, null])!;
        var plain = t.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static, [typeof(string), t.MakeByRefType()]);
        return plain is null ? null : s => (bool)plain.Invoke(null, [s, null])!;
    }

    private static string Expected(Type t) =>
        t == typeof(bool) ? "must be true or false"
        : t == typeof(int) || t == typeof(long) || t == typeof(short) || t == typeof(byte) ? "must be a whole number"
        : t == typeof(double) || t == typeof(decimal) || t == typeof(float) ? "must be a number"
        : t == typeof(DateOnly) ? "must be a date, yyyy-MM-dd"
        : t == typeof(DateTimeOffset) || t == typeof(DateTime) ? "must be a date and time, ISO 8601 (2026-12-06T10:00:00+08:00)"
        : t.IsEnum ? "must be one of " + string.Join(", ", Enum.GetNames(t).Select(System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName))
        : "is not a valid value";
}
