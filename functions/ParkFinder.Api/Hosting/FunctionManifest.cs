using System.Text.Json;
using System.Text.Json.Nodes;

namespace ParkFinder.Api.Hosting;

public sealed record FunctionDefinition(string Name, JsonObject FunctionJson);

// The Functions host's view of the app, generated from the app itself: one HTTP function per named
// /api endpoint (its route and methods; admin routes behind the function key) and one timer function
// per scheduled job. The deployable package writes these as {Name}/function.json beside host.json.
public static class FunctionManifest
{
    public const string RoutePrefix = "/api/";

    public static List<FunctionDefinition> Describe(IEnumerable<EndpointDataSource> sources, IServiceProvider services)
    {
        var functions = new List<FunctionDefinition>();
        foreach (var endpoint in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var pattern = endpoint.RoutePattern.RawText ?? "";
            if (!pattern.StartsWith(RoutePrefix, StringComparison.Ordinal)) continue; // "/" and timer endpoints are not proxied
            var name = endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName
                       ?? throw new InvalidOperationException($"Endpoint {pattern} has no name: give it .WithName(...), which names its function.");
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Select(m => m.ToLowerInvariant()).ToArray() ?? ["get"];
            var route = pattern[RoutePrefix.Length..].TrimEnd('/');
            functions.Add(new FunctionDefinition(name, new JsonObject
            {
                ["bindings"] = new JsonArray(
                    new JsonObject
                    {
                        ["authLevel"] = route.StartsWith("admin/", StringComparison.Ordinal) || route == "admin" ? "function" : "anonymous",
                        ["type"] = "httpTrigger",
                        ["direction"] = "in",
                        ["name"] = "req",
                        ["methods"] = new JsonArray(methods.Select(m => (JsonNode)m).ToArray()),
                        ["route"] = route,
                    },
                    new JsonObject { ["type"] = "http", ["direction"] = "out", ["name"] = "res" }),
            }));
        }
        foreach (var timer in Timers.All)
            functions.Add(new FunctionDefinition(timer.Name, new JsonObject
            {
                ["bindings"] = new JsonArray(new JsonObject
                {
                    ["name"] = "timer", ["type"] = "timerTrigger", ["direction"] = "in", ["schedule"] = timer.Schedule(services),
                }),
            }));
        var duplicate = functions.GroupBy(f => f.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new InvalidOperationException($"Two functions are named {duplicate.Key}.");
        return functions;
    }

    public static void Write(IEnumerable<FunctionDefinition> functions, string directory)
    {
        var options = new JsonSerializerOptions { WriteIndented = true };
        foreach (var f in functions)
        {
            var folder = Path.Combine(directory, f.Name);
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "function.json"), f.FunctionJson.ToJsonString(options));
        }
    }
}
