using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker.Core.FunctionMetadata;
using Microsoft.Extensions.DependencyInjection;
using ParkFinder.Functions.Hosting;
using ParkFinder.Tests.Infrastructure;
using static ParkFinder.Tests.Infrastructure.Catalog;

namespace ParkFinder.Tests.Hosting;

// How the isolated worker hands a request to a function, decided from the worker's own code rather than
// assumed: its ASP.NET Core integration (Microsoft.Azure.Functions.Worker.Extensions.Http.AspNetCore)
// maps every HTTP trigger of functions.metadata to an endpoint under host.json's route prefix
// (FunctionsEndpointDataSource) and runs UseRouting before the function, so route values are filled
// before FunctionEndpoint runs; functions read them and match no route of their own. This runs requests
// through that mapping and ASP.NET Core's routing middleware, as the worker configures them; what it
// leaves out is the hand-over of the request to the function over gRPC, which needs the Functions host.
public sealed class WorkerRoutingTests(WorkerRoutingTests.OnePark shared) : IClassFixture<WorkerRoutingTests.OnePark>
{
    // Both tests only read (the routing one never reaches a function's body): one app for the class.
    public sealed class OnePark : SharedWorld
    {
        protected override Task<TestWorld> StartAsync() =>
            TestWorld.StartAsync(null, Park("p-w", "工作者园", units: [Unit("u1", area: 1000), Unit("u2", area: 500, status: "leased")]));
    }

    private const string WorkerNamespace = "Microsoft.Azure.Functions.Worker.Extensions.Http.AspNetCore.AspNetMiddleware";

    // The worker's endpoints for our functions.metadata and host.json, each running the function itself.
    private static List<RouteEndpoint> WorkerEndpoints()
    {
        var source = typeof(Microsoft.Extensions.Hosting.FunctionsHostBuilderExtensions).Assembly
            .GetType($"{WorkerNamespace}.FunctionsEndpointDataSource", throwOnError: true)!;
        var prefix = (string?)source.GetMethod("GetRoutePrefix", BindingFlags.Static | BindingFlags.NonPublic)!
            .Invoke(null, [File.ReadAllText(Path.Combine(Azurite.RepoRoot(), "host.json"))]) ?? "api";
        var map = source.GetMethod("MapHttpFunction", BindingFlags.Static | BindingFlags.NonPublic)!;
        var endpoints = new List<RouteEndpoint>();
        foreach (var function in JsonNode.Parse(File.ReadAllText(Path.Combine(LocalHostBuild.FunctionsOutput, "functions.metadata")))!.AsArray())
        {
            var metadata = new DefaultFunctionMetadata
            {
                Name = function!["name"]!.GetValue<string>(),
                RawBindings = function["bindings"]!.AsArray().Select(b => b!.ToJsonString()).ToList(),
            };
            if (map.Invoke(null, [metadata, prefix]) is not RouteEndpoint mapped) continue; // a timer
            var run = FunctionCatalog.Http.Single(f => f.Name == metadata.Name).Function.CreateDelegate<Func<HttpRequest, Task>>();
            endpoints.Add(new RouteEndpoint(context => run(context.Request), mapped.RoutePattern, mapped.Order, mapped.Metadata, mapped.DisplayName));
        }
        return endpoints;
    }

    // The worker's ASP.NET Core pipeline (UseRouting, then the endpoints), over the app's services.
    private static RequestDelegate Pipeline(IServiceProvider services, List<RouteEndpoint> endpoints, Func<HttpContext, bool>? stopAfterRouting = null)
    {
        var app = new ApplicationBuilder(services);
        app.UseRouting();
        if (stopAfterRouting is not null) app.Use(next => context => stopAfterRouting(context) ? Task.CompletedTask : next(context));
        app.UseEndpoints(e => e.DataSources.Add(new DefaultEndpointDataSource(endpoints)));
        return app.Build();
    }

    private static DefaultHttpContext Request(IServiceProvider services, string method, string path)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = method;
        context.Request.Path = path;
        return context;
    }

    private static async Task<(int Status, JsonElement Body)> SendAsync(ApiFactory factory, RequestDelegate pipeline, string method, string path, string? bearer = null)
    {
        await using var scope = factory.Services.CreateAsyncScope(); // the invocation's scope, as the worker sets RequestServices
        var context = Request(scope.ServiceProvider, method, path);
        if (bearer is not null) context.Request.Headers.Authorization = "Bearer " + bearer;
        var body = new MemoryStream();
        context.Response.Body = body;
        await pipeline(context);
        return (context.Response.StatusCode, JsonDocument.Parse(body.ToArray()).RootElement.Clone());
    }

    [Fact]
    public async Task TheWorkersRoutingSendsEveryRouteToItsFunctionWithItsRouteValues()
    {
        var factory = shared.World.Factory;
        var endpoints = WorkerEndpoints();
        Assert.Equal(FunctionCatalog.Http.Count, endpoints.Count);

        (string? Name, RouteValueDictionary Values) routed = (null, new());
        var pipeline = Pipeline(factory.Services, endpoints, context =>
        {
            routed = (context.GetEndpoint()?.DisplayName, new RouteValueDictionary(context.Request.RouteValues!));
            return true;
        });
        foreach (var function in FunctionCatalog.Http)
        {
            var values = function.Path.Split('/').Where(s => s.StartsWith('{')).Select(s => s.Trim('{', '}')).ToDictionary(p => p, p => $"{p}-value");
            var path = values.Aggregate(function.Path, (path, value) => path.Replace($"{{{value.Key}}}", value.Value));
            foreach (var method in function.Methods)
            {
                routed = (null, new());
                await pipeline(Request(factory.Services, method, path));
                Assert.True(routed.Name == function.Name, $"{method} {path} reached {routed.Name ?? "no function"}, not {function.Name}");
                Assert.Equal(values.OrderBy(v => v.Key), routed.Values.Select(v => KeyValuePair.Create(v.Key, v.Value?.ToString() ?? "")).OrderBy(v => v.Key));
            }
        }
    }

    [Fact]
    public async Task ThroughTheWorkersRoutingAFunctionBindsItsRouteValuesAndChecksAccess()
    {
        var factory = shared.World.Factory;
        var pipeline = Pipeline(factory.Services, WorkerEndpoints());

        var (status, vacancy) = await SendAsync(factory, pipeline, "GET", "/api/parks/p-w/vacancy");
        Assert.Equal(200, status);
        Assert.Equal("p-w", vacancy.GetProperty("parkId").GetString());
        Assert.Equal(1500, vacancy.GetProperty("overall").GetProperty("inventoryArea").GetDouble());

        var (denied, problem) = await SendAsync(factory, pipeline, "GET", "/api/parks/p-w/leads");
        Assert.Equal(401, denied);
        Assert.Equal("unauthorized", problem.GetProperty("code").GetString());

        var (forged, invalid) = await SendAsync(factory, pipeline, "GET", "/api/parks/p-w/leads", bearer: "not-a-token");
        Assert.Equal(401, forged);
        Assert.Equal("invalid_token", invalid.GetProperty("code").GetString());

        var (missing, notFound) = await SendAsync(factory, pipeline, "GET", "/api/parks/nope/vacancy");
        Assert.Equal(404, missing);
        Assert.Equal("park_not_found", notFound.GetProperty("code").GetString());
    }
}
