using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ParkFinder.Functions.Hosting;
using ParkFinder.Tests.Infrastructure;
using static ParkFinder.Tests.Infrastructure.Catalog;

namespace ParkFinder.Tests.Hosting;

// Writes of a stored version are declared once ([RequireIfMatch]): the guard refuses them without
// If-Match and the OpenAPI document declares the header and both problems, for exactly those.
// One park with its landlord (OneLandlordPark): the writes refused for want of If-Match change nothing,
// and the test that patches reads the unit's version first.
public sealed class IfMatchTests(OneLandlordPark shared) : IClassFixture<OneLandlordPark>
{
    private static string PathOf(HttpFunction f) => f.Path.Replace("{parkId}", "park-a").Replace("{unitId}", "u1").Replace("{leadId}", "l1")
        .Replace("{enterpriseId}", "e1");

    [Fact]
    public async Task EveryDeclaredWriteIsA428WithoutIfMatchAndTheDocumentSaysSo()
    {
        var world = shared.World;
        var landlord = shared.Landlord;
        var declared = FunctionCatalog.Http.Where(f => f.IfMatch is not null).ToList();
        Assert.Superset(new HashSet<string> { "PatchUnit", "DeleteUnit", "PutUnit", "MoveLead", "ReplaceEnterprise", "DeleteEnterprise" },
            declared.Select(f => f.Name).ToHashSet());

        foreach (var function in declared.Where(f => !f.IfMatch!.OptionalToCreate))
        {
            var method = function.DocumentedMethods.Single();
            var response = await landlord.SendAsync(new HttpRequestMessage(new HttpMethod(method), PathOf(function)) { Content = JsonContent.Create(new { status = "contacted" }) });
            var problem = await ProblemAssert.IsProblem(response, (HttpStatusCode)428, "etag_required");
            Assert.Contains("If-Match", problem.GetProperty("detail").GetString() + problem.GetProperty("title").GetString());
        }

        var document = JsonNode.Parse(await world.Client().GetStringAsync("/api/openapi.json"))!;
        foreach (var function in FunctionCatalog.Http.Where(f => f.Name != "GetOpenApiDocument"))
        foreach (var method in function.DocumentedMethods)
        {
            var operation = document["paths"]![function.Path]![method.ToLowerInvariant()]!;
            var header = operation["parameters"]?.AsArray().FirstOrDefault(p => p!["name"]!.GetValue<string>() == "If-Match" && p["in"]!.GetValue<string>() == "header");
            var responses = operation["responses"]!.AsObject();
            Assert.True((header is not null) == (function.IfMatch is not null), $"{method} {function.Path}: If-Match header");
            Assert.True(responses.ContainsKey("412") == (function.IfMatch is not null) && responses.ContainsKey("428") == (function.IfMatch is not null),
                $"{method} {function.Path}: 412/428");
            if (header is not null) Assert.Equal(!function.IfMatch!.OptionalToCreate, header["required"]?.GetValue<bool>() ?? false);
        }
    }

    [Fact]
    public async Task AMiniProgramPatchesThroughPostWithTheMethodOverrideHeader()
    {
        var landlord = shared.Landlord;
        var etag = (await landlord.GetJsonAsync("/api/parks/park-a/units?status=all"))["items"]![0]!["etag"]!.GetValue<string>();

        // wx.request has no PATCH: a POST that says it is one is one, If-Match and all.
        var tunnelled = new HttpRequestMessage(HttpMethod.Post, "/api/parks/park-a/units/u1") { Content = JsonContent.Create(new { status = "reserved" }) };
        tunnelled.Headers.Add(FunctionEndpoint.MethodOverrideHeader, "PATCH");
        tunnelled.Headers.TryAddWithoutValidation("If-Match", etag);
        var patched = await landlord.SendAsync(tunnelled);
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal("reserved", (await landlord.GetJsonAsync("/api/parks/park-a/units?status=all"))["items"]![0]!["status"]!.GetValue<string>());

        // A plain POST to that route is no write at all.
        var plain = new HttpRequestMessage(HttpMethod.Post, "/api/parks/park-a/units/u1") { Content = JsonContent.Create(new { status = "leased" }) };
        plain.Headers.TryAddWithoutValidation("If-Match", "*");
        var refused = await landlord.SendAsync(plain);
        await ProblemAssert.IsProblem(refused, HttpStatusCode.MethodNotAllowed, "method_not_allowed");
        Assert.Equal("reserved", (await landlord.GetJsonAsync("/api/parks/park-a/units?status=all"))["items"]![0]!["status"]!.GetValue<string>());
    }
}
