using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ParkFinder.Functions.Hosting;
using ParkFinder.Tests.Infrastructure;
using static ParkFinder.Tests.Infrastructure.Catalog;

namespace ParkFinder.Tests.Leads;

// What each role sees of a consult request: the investor what they sent and where it stands, the
// park's landlords and operators everything (the note, the ETag, how the messages went).
public sealed class RoleViewTests
{
    private static readonly string[] Verbs = ["get", "put", "post", "patch", "delete"];

    // Every schema a response of the operation can show, $refs followed, by name (inline ones as "").
    private static HashSet<string> ResponseSchemas(JsonNode document, JsonNode operation)
    {
        var names = new HashSet<string>();
        var pending = new Stack<JsonNode>(operation["responses"]!.AsObject().Where(r => r.Key.StartsWith('2'))
            .SelectMany(r => r.Value!["content"]?.AsObject().Select(c => c.Value!["schema"]).OfType<JsonNode>() ?? []));
        var seen = new HashSet<JsonNode>(ReferenceEqualityComparer.Instance);
        while (pending.TryPop(out var schema))
        {
            if (!seen.Add(schema)) continue;
            if (schema["$ref"]?.GetValue<string>() is { } reference)
            {
                var name = reference.Split('/').Last();
                if (names.Add(name)) pending.Push(document["components"]!["schemas"]![name]!);
                continue;
            }
            foreach (var child in schema["properties"]?.AsObject().Select(p => p.Value) ?? []) pending.Push(child!);
            foreach (var key in new[] { "items", "additionalProperties" }) if (schema[key] is JsonObject o) pending.Push(o);
            foreach (var key in new[] { "oneOf", "anyOf", "allOf" }) foreach (var s in schema[key]?.AsArray() ?? []) pending.Push(s!);
        }
        return names;
    }

    private static string[] Properties(JsonNode document, string schema) =>
        document["components"]!["schemas"]![schema]!["properties"]!.AsObject().Select(p => p.Key).ToArray();

    [Fact]
    public async Task NoResponseAnInvestorCanGetShowsWhatOnlyTheParkKeepsOfARequest()
    {
        await using var world = await TestWorld.StartAsync(null, Park("park-a", "甲园"));
        var document = JsonNode.Parse(await world.Client().GetStringAsync("/api/openapi.json"))!;
        var parkOnly = Properties(document, "Lead").Except(Properties(document, "MyLead")).ToHashSet();
        Assert.Superset(new HashSet<string> { "note", "etag", "contentCheck", "landlordNotice", "investorNotice" }, parkOnly);

        var checkedOperations = 0;
        foreach (var function in FunctionCatalog.Http.Where(f => f.Access is CallerAccess.Anyone or CallerAccess.SignedIn))
        foreach (var method in function.DocumentedMethods.Where(m => document["paths"]![function.Path]?[m.ToLowerInvariant()] is not null))
        {
            var schemas = ResponseSchemas(document, document["paths"]![function.Path]![method.ToLowerInvariant()]!);
            Assert.DoesNotContain("Lead", schemas);
            foreach (var schema in schemas.Where(s => s.Contains("Lead", StringComparison.Ordinal)))
                Assert.Empty(Properties(document, schema).Intersect(parkOnly));
            checkedOperations++;
        }
        Assert.True(checkedOperations >= 25, $"only {checkedOperations} operations");
        // The park's own routes show the whole request.
        Assert.Contains("Lead", ResponseSchemas(document, document["paths"]!["/api/parks/{parkId}/leads"]!["get"]!));
        Assert.Contains("Lead", ResponseSchemas(document, document["paths"]!["/api/parks/{parkId}/leads/{leadId}"]!["patch"]!));

        // And what is served keeps to it: the investor's answers carry no field of the park's.
        var investor = world.Client(await world.TokenAsync("openid-investor"));
        var sent = await investor.PostAsJsonAsync("/api/parks/park-a/leads",
            new { category = "office", name = "李先生", phone = "13912345678", message = "想看办公室", consent = true });
        var created = (await sent.Content.ReadFromJsonAsync<JsonObject>())!;
        var landlord = world.Client(await world.LandlordTokenAsync("openid-a", "park-a"));
        var lead = (await landlord.GetJsonAsync("/api/parks/park-a/leads"))["items"]![0]!;
        var move = new HttpRequestMessage(HttpMethod.Patch, $"/api/parks/park-a/leads/{lead["id"]}") { Content = JsonContent.Create(new { status = "contacted", note = "已电话联系，约周五看房" }) };
        move.Headers.TryAddWithoutValidation("If-Match", lead["etag"]!.GetValue<string>());
        Assert.Equal("已电话联系，约周五看房", (await (await landlord.SendAsync(move)).Content.ReadFromJsonAsync<JsonObject>())!["note"]!.GetValue<string>());

        var mine = (await investor.GetJsonAsync("/api/me/leads"))["items"]![0]!.AsObject();
        var myLead = Properties(document, "MyLead").ToHashSet();
        foreach (var shown in new[] { created, mine })
        {
            Assert.Subset(myLead, shown.Select(p => p.Key).ToHashSet());
            Assert.Empty(shown.Select(p => p.Key).Intersect(parkOnly));
        }
        Assert.Equal("contacted", mine["status"]!.GetValue<string>());
        Assert.DoesNotContain("周五看房", mine.ToJsonString());
    }
}
