using System.Buffers;
using System.Text.Json;
using ParkFinder.Functions.Hosting;
using ParkFinder.Functions.Search.Understanding;

namespace ParkFinder.Functions.Search;

// The parts of a search page beside its items: what the search box's line was read as (`interpreted`,
// `text`, `overridden`, each filter in the type its parameter takes) and, when nothing was found, `relaxations`.
public static class SearchPageExtras
{
    private static readonly Dictionary<string, QueryParameterSpec> Specs = SearchParameters.FilterSpecs.ToDictionary(s => s.Name);

    public static void Write(IBufferWriter<byte> page, SearchBoxReading? reading, IReadOnlyList<Relaxation>? relaxations,
        Dictionary<string, IReadOnlyList<FacetValue>>? facets = null)
    {
        using var json = new Utf8JsonWriter(page, new JsonWriterOptions { Encoder = IndexedPark.Json.Encoder, SkipValidation = true });
        if (reading is not null)
        {
            page.Write(",\"interpreted\":"u8);
            Filters(json, reading.Interpreted);
            page.Write(",\"text\":"u8);
            json.WriteStringValue(reading.Interpretation.Text);
            json.Flush();
            json.Reset();
            page.Write(",\"overridden\":"u8);
            Filters(json, reading.Overridden);
        }
        if (facets is not null)
        {
            page.Write(",\"facets\":"u8);
            json.WriteStartObject();
            foreach (var (name, values) in facets)
            {
                json.WriteStartArray(name);
                foreach (var v in values)
                {
                    json.WriteStartObject();
                    json.WriteString("value", v.Value);
                    json.WriteString("label", v.Label);
                    json.WriteNumber("parks", v.Parks);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
            }
            json.WriteEndObject();
            json.Flush();
            json.Reset();
        }
        if (relaxations is null) return;
        page.Write(",\"relaxations\":"u8);
        json.WriteStartArray();
        foreach (var r in relaxations)
        {
            json.WriteStartObject();
            if (r.Drop is not null) json.WriteString("drop", r.Drop);
            if (r.Set is { } set)
            {
                json.WriteStartObject("set");
                json.WriteNumber(set.Key, set.Value);
                json.WriteEndObject();
            }
            json.WriteNumber("total", r.Total);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.Flush();
    }

    // The filters as one JSON object, each in the type its parameter takes.
    public static string FiltersJson(IReadOnlyList<KeyValuePair<string, string[]>> filters)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer)) Filters(json, filters);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Filters(Utf8JsonWriter json, IReadOnlyList<KeyValuePair<string, string[]>> filters)
    {
        json.WriteStartObject();
        foreach (var (name, values) in filters)
        {
            var spec = Specs[name];
            json.WritePropertyName(name);
            if (spec.Repeated) json.WriteStartArray();
            foreach (var v in spec.Repeated ? values : values.Take(1))
                if (spec.Type is "number" or "integer") json.WriteRawValue(v, skipInputValidation: true);
                else json.WriteStringValue(v);
            if (spec.Repeated) json.WriteEndArray();
        }
        json.WriteEndObject();
        json.Flush();
        json.Reset();
    }
}
