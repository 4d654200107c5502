using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ParkFinder.Tests.Infrastructure;
using static ParkFinder.Tests.Infrastructure.Catalog;

namespace ParkFinder.Tests.Hosting;

// Every operation of the OpenAPI document (not a hand-kept list), called with what a careless or
// hostile client sends: wrong-typed, unknown, repeated and oversized fields, missing and foreign
// bodies, odd Accept and If-Match headers, query values of the wrong type. Never a 5xx; every 4xx is
// a problem document with a code.
public sealed class HostileOperationTests
{
    private static readonly string[] Verbs = ["get", "put", "post", "patch", "delete"];
    // More than a table property holds (64 KiB of UTF-16): a field the app forgot to bound fails in storage.
    // Sent as a WeChat client sends it, raw UTF-8 (120 KB), not as \u escapes (twice the bytes per character).
    private static readonly string Huge = new('园', 40_000);
    private const int MaxProblemLength = 4_000;

    private sealed record Call(string Label, HttpMethod Method, string Url, HttpContent? Body, string? Accept = null, string? IfMatch = "*");

    private static string Fill(string path) => path.Replace("{parkId}", "park-a").Replace("{unitId}", "u1").Replace("{leadId}", "l000000000001")
        .Replace("{enterpriseId}", "e1").Replace("{alertId}", "a0123456789abcdef").Replace("{uploadId}", "up1").Replace("{chainId}", "ic").Replace("{trackId}", "future-health");

    private static JsonNode Resolve(JsonNode document, JsonNode schema) =>
        schema["$ref"]?.GetValue<string>() is { } reference ? Resolve(document, document["components"]!["schemas"]![reference.Split('/').Last()]!) : schema;

    // The schema's type, whether written "string" or ["string", "null"].
    private static string TypeOf(JsonNode schema) => schema["type"] switch
    {
        JsonValue v => v.GetValue<string>(),
        JsonArray a => a.Select(t => t!.GetValue<string>()).FirstOrDefault(t => t != "null") ?? "null",
        _ => schema["properties"] is not null ? "object" : "any",
    };

    private static JsonNode? WrongValue(string type) => type switch
    {
        "string" => JsonValue.Create(12345),
        "number" or "integer" => JsonValue.Create("12"),
        "boolean" => JsonValue.Create("yes"),
        "array" => JsonValue.Create("not-a-list"),
        "object" => JsonValue.Create(7),
        _ => null,
    };

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static IEnumerable<Call> Calls(JsonNode document, string path, string verb, JsonNode operation)
    {
        var method = new HttpMethod(verb.ToUpperInvariant());
        var url = Fill(path);
        var label = $"{verb.ToUpperInvariant()} {path}";
        yield return new Call($"{label} plain", method, url, null);
        yield return new Call($"{label} ?zz", method, url + "?zz=1", null);
        yield return new Call($"{label} Accept text/csv", method, url, Json("{"), Accept: "text/csv");
        yield return new Call($"{label} Accept image/png", method, url, null, Accept: "image/png");
        foreach (var ifMatch in new[] { "garbage", "\"\"", "W/\"x\"", new string('e', 5000) })
            yield return new Call($"{label} If-Match {ifMatch[..Math.Min(10, ifMatch.Length)]}", method, url, null, IfMatch: ifMatch);

        foreach (var parameter in operation["parameters"]?.AsArray() ?? [])
        {
            if (parameter!["in"]!.GetValue<string>() != "query") continue;
            var name = parameter["name"]!.GetValue<string>();
            var schema = parameter["schema"] is { } s ? Resolve(document, s) : new JsonObject();
            var type = TypeOf(schema) == "array" && schema["items"] is { } items ? TypeOf(Resolve(document, items)) : TypeOf(schema);
            var values = type is "number" or "integer"
                ? new[] { "x", "1e999", "-99999999999999999999", "NaN", "0x10", "" }
                : new[] { new string('长', 5000), "%00", "' or 1 eq 1", "\ud83c\udfed" };
            foreach (var value in values)
                yield return new Call($"{label} ?{name}={value[..Math.Min(8, value.Length)]}", method, $"{url}?{name}={Uri.EscapeDataString(value)}", null);
            yield return new Call($"{label} ?{name} twice", method, $"{url}?{name}=1&{name}=2", null);
        }

        if (operation["requestBody"]?["content"] is not JsonObject content) yield break;
        foreach (var mediaType in content.Select(c => c.Key).Where(m => m != "application/json"))
        {
            yield return new Call($"{label} {mediaType} empty", method, url, new ByteArrayContent([]) { Headers = { ContentType = MediaTypeHeaderValue.Parse(mediaType) } });
            yield return new Call($"{label} {mediaType} garbage", method, url,
                new ByteArrayContent(Encoding.UTF8.GetBytes("\u0000\u0001garbage,\"unclosed\n" + new string(',', 3000))) { Headers = { ContentType = MediaTypeHeaderValue.Parse(mediaType) } });
        }
        if (content["application/json"]?["schema"] is not { } bodySchema) yield break;
        var body = Resolve(document, bodySchema);
        yield return new Call($"{label} no body", method, url, Json(""));
        yield return new Call($"{label} text/plain", method, url, new StringContent("{}", Encoding.UTF8, "text/plain"));
        yield return new Call($"{label} xml", method, url, new StringContent("<a/>", Encoding.UTF8, "application/xml"));
        yield return new Call($"{label} multipart no boundary", method, url,
            new ByteArrayContent(Encoding.UTF8.GetBytes("--x\r\n")) { Headers = { ContentType = MediaTypeHeaderValue.Parse("multipart/form-data") } });
        yield return new Call($"{label} null", method, url, Json("null"));
        yield return new Call($"{label} {{}}", method, url, Json("{}"));
        yield return new Call($"{label} []", method, url, Json("[]"));
        yield return new Call($"{label} deep", method, url, Json(new string('[', 200) + new string(']', 200)));
        yield return new Call($"{label} trailing", method, url, Json("{} {}"));
        yield return new Call($"{label} unknown field", method, url, Json("""{"zzUnknown":1}"""));
        yield return new Call($"{label} lone surrogate key", method, url, Json("""{"\udc00":1}"""));
        var item = TypeOf(body) == "array" && body["items"] is { } items2 ? Resolve(document, items2) : body;
        var wrap = TypeOf(body) == "array" ? (Func<string, string>)(json => $"[{json}]") : json => json;
        foreach (var (name, propertySchema) in item["properties"]?.AsObject() ?? [])
        {
            var type = TypeOf(Resolve(document, propertySchema!));
            if (WrongValue(type) is { } wrong)
                yield return new Call($"{label} {name} wrong type", method, url, Json(wrap(new JsonObject { [name] = wrong }.ToJsonString())));
            yield return new Call($"{label} {name} twice", method, url, Json(wrap($"{{\"{name}\":null,\"{name.ToUpperInvariant()}\":null}}")));
            yield return new Call($"{label} {name} huge", method, url, Json(wrap($"{{\"{name}\":\"{Huge}\"}}")));
            yield return new Call($"{label} {name} surrogate", method, url, Json(wrap($"{{\"{name}\":\"a\\ud800\"}}")));
            yield return new Call($"{label} {name} huge number", method, url, Json(wrap($"{{\"{name}\":1e400}}")));
        }
    }

    [Fact]
    public async Task NoOperationOfTheDocumentAnswersA5xxOrAnErrorWithoutACode()
    {
        await using var world = await TestWorld.StartAsync(new Dictionary<string, string?> { ["RateLimits:LeadsPerMinute"] = "100000", ["RateLimits:LeadAttemptsPerMinute"] = "100000" },
            Park("park-a", "甲园", units: [Unit("u1")]));
        var operatorToken = await world.TokenAsync(TestWorld.AdminOpenId);
        var document = JsonNode.Parse(await world.Client().GetStringAsync("/api/openapi.json"))!;
        var failures = new List<string>();
        var calls = 0;
        var operations = 0;
        foreach (var (path, item) in document["paths"]!.AsObject())
        foreach (var (verb, operation) in item!.AsObject().Where(o => Verbs.Contains(o.Key)))
        {
            operations++;
            foreach (var call in Calls(document, path, verb, operation!))
            {
                var request = new HttpRequestMessage(call.Method, call.Url) { Content = call.Body };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", operatorToken);
                if (call.IfMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", call.IfMatch);
                if (call.Accept is not null) request.Headers.TryAddWithoutValidation("Accept", call.Accept);
                var response = await world.Client().SendAsync(request);
                calls++;
                var status = (int)response.StatusCode;
                var text = await response.Content.ReadAsStringAsync();
                if (status >= 500) failures.Add($"{call.Label}: {status} {text[..Math.Min(300, text.Length)]}");
                else if (status >= 400)
                {
                    var isProblem = response.Content.Headers.ContentType?.MediaType == "application/problem+json"
                        && JsonNode.Parse(text)?["code"]?.GetValue<string>() is { Length: > 0 };
                    if (!isProblem) failures.Add($"{call.Label}: {status} without a problem code: {text[..Math.Min(200, text.Length)]}");
                    // A problem quotes what was sent, never all of it: a 40,000-character field is not echoed back.
                    else if (text.Length > MaxProblemLength) failures.Add($"{call.Label}: {status} problem of {text.Length} characters: {text[..200]}");
                }
            }
        }
        Assert.True(operations >= 50, $"only {operations} operations in the document");
        Assert.True(failures.Count == 0, $"{failures.Count} of {calls} calls:\n" + string.Join("\n", failures.Take(60)));
    }
}
