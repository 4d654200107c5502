using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ParkFinder.Functions.Hosting;
using ParkFinder.Tests.Infrastructure;

namespace ParkFinder.Tests.Deploy;

// The three views of the API must name the same operations: the functions.metadata the Worker SDK
// generates at build (what Azure runs), the local host's routes (what tests and scripts/run.sh
// run) and the OpenAPI document (what the mini-program is built against).
public sealed class FunctionParityTests(EmptyApp empty) : IClassFixture<EmptyApp>
{
    private static readonly string[] Verbs = ["get", "put", "post", "delete", "patch"];

    private static HashSet<string> MetadataOperations(out HashSet<string> timers)
    {
        var metadata = JsonNode.Parse(File.ReadAllText(Path.Combine(LocalHostBuild.FunctionsOutput, "functions.metadata")))!.AsArray();
        var operations = new HashSet<string>();
        timers = [];
        foreach (var function in metadata)
        {
            var trigger = function!["bindings"]!.AsArray().Single(b => b!["direction"]!.GetValue<string>() == "In")!;
            var name = function["name"]!.GetValue<string>();
            if (trigger["type"]!.GetValue<string>() == "timerTrigger")
                timers.Add($"{name} {trigger["schedule"]!.GetValue<string>()}");
            else
                foreach (var method in trigger["methods"]!.AsArray())
                    operations.Add($"{method!.GetValue<string>().ToUpperInvariant()} /api/{trigger["route"]!.GetValue<string>()} {trigger["authLevel"]!.GetValue<string>()} {name}");
        }
        return operations;
    }

    [Fact]
    public async Task TheSdksMetadataTheLocalHostsRoutesAndTheOpenApiDocumentNameTheSameOperations()
    {
        var fromMetadata = MetadataOperations(out var timers);
        Assert.Equal(["NotifyAlerts %Jobs:NotifyAlerts:Schedule%", "PurgeLeads %Jobs:PurgeLeads:Schedule%", "RecalculateTrends %Jobs:RecalculateTrends:Schedule%",
            "RemindStaleAvailability %Jobs:RemindStaleAvailability:Schedule%"], timers.Order());

        var factory = empty.Factory;
        var sources = factory.Services.GetRequiredService<EndpointDataSource>();
        var fromLocalHost = sources.Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Endpoint: e, Function: e.Metadata.GetMetadata<HttpFunction>())).Where(x => x.Function is not null)
            .SelectMany(x => x.Function!.Methods.Select(m => $"{m} /{x.Endpoint.RoutePattern.RawText!.TrimStart('/')} {x.Function.Level} {x.Function.Name}"))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.Equal(fromMetadata.Order(StringComparer.OrdinalIgnoreCase), fromLocalHost.Order(StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase);

        // The OpenAPI document lists every operation but itself, by the function's name.
        var document = JsonNode.Parse(await factory.CreateClient().GetStringAsync("/api/openapi.json"))!;
        var fromOpenApi = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Where(op => Verbs.Contains(op.Key))
                .Select(op => $"{op.Key.ToUpperInvariant()} {path.Key} {op.Value!["operationId"]!.GetValue<string>()}"))
            .ToHashSet();
        // A PATCH function's POST only carries the PATCH of wx.request (X-HTTP-Method-Override): not an operation of its own.
        var tunnels = FunctionCatalog.Http.Where(f => f.TunnelsPatch).Select(f => f.Name).ToHashSet();
        var expected = fromMetadata.Select(o => o.Split(' ')).Where(o => o[3] != "GetOpenApiDocument" && !(o[0] == "POST" && tunnels.Contains(o[3])))
            .Select(o => $"{o[0]} {o[1]} {o[3]}").ToHashSet();
        Assert.Equal(expected.Order(), fromOpenApi.Order());
    }

    // GET /api/openapi.json serves the committed document; it must be what the functions generate now.
    // UPDATE_OPENAPI=1 rewrites the committed copy.
    [Fact]
    public async Task TheServedOpenApiDocumentIsTheOneTheFunctionsGenerate()
    {
        var factory = empty.Factory;
        var client = factory.CreateClient();
        var generated = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;
        var committedPath = Path.Combine(Azurite.RepoRoot(), "functions", "ParkFinder.Functions", "Hosting", "openapi.json");
        var pretty = generated.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
        if (Environment.GetEnvironmentVariable("UPDATE_OPENAPI") == "1") await File.WriteAllTextAsync(committedPath, pretty);
        Assert.True(File.Exists(committedPath), "No committed OpenAPI document: run the tests once with UPDATE_OPENAPI=1.");
        Assert.True(JsonNode.DeepEquals(generated, JsonNode.Parse(await File.ReadAllTextAsync(committedPath))),
            "functions/ParkFinder.Functions/Hosting/openapi.json is stale: run `UPDATE_OPENAPI=1 scripts/test.sh --filter TheServedOpenApiDocument` and commit it.");
        var served = JsonNode.Parse(await client.GetStringAsync("/api/openapi.json"));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(await File.ReadAllTextAsync(committedPath)), served), "the served document is not the committed one");
    }
}
