using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.AspNetCore.Routing.Patterns;
using ParkFinder.Functions.Hosting;

namespace ParkFinder.LocalHost;

// Maps each HTTP function to /api/{route} with its methods. The endpoint runs the [Function]
// method itself; the handler's signature only gives OpenAPI its parameters and responses.
public static class FunctionRoutes
{
    public static IEndpointRouteBuilder MapFunctions(this IEndpointRouteBuilder app)
    {
        foreach (var function in FunctionCatalog.Http)
        {
            var run = function.Function.CreateDelegate<Func<HttpRequest, Task>>();
            // Mapped as a plain RequestDelegate with the handler's metadata inferred, not compiled: a
            // handler delegate would make ASP.NET Core compile a request delegate per route that is
            // never run (about a quarter of a second of CPU each time a host starts).
            RequestDelegate invoke = context => run(context.Request);
            app.MapMethods(function.Path, function.DocumentedMethods, invoke)
                .WithName(function.Name)
                .WithMetadata(function)
                .Add(endpoint => Describe(endpoint, function, app.ServiceProvider));
            // The POST that carries a PATCH from wx.request: the same function, not an operation of its own.
            if (function.TunnelsPatch)
                app.MapPost(function.Path, invoke).WithMetadata(function).ExcludeFromDescription();
        }
        return app;
    }

    // What the OpenAPI generator reads, as minimal APIs gather it for a handler: the handler (its
    // parameters), the metadata its parameter and result types declare (responses, bodies), its attributes.
    private static void Describe(EndpointBuilder endpoint, HttpFunction function, IServiceProvider services)
    {
        endpoint.Metadata.Add(function.Handler);
        foreach (var item in Inferred.GetOrAdd(function.Name, _ => Infer(function, ((RouteEndpointBuilder)endpoint).RoutePattern, services)))
            endpoint.Metadata.Add(item);
        foreach (var attribute in function.Handler.GetCustomAttributes()) endpoint.Metadata.Add(attribute);
    }

    // Inferred once per process: inference compiles a binder for each BindAsync parameter (a dynamic
    // method per handler), and a handler's signature and the app's services are the same in every host.
    private static readonly ConcurrentDictionary<string, object[]> Inferred = new();

    private static object[] Infer(HttpFunction function, RoutePattern pattern, IServiceProvider services)
    {
        var scratch = new RouteEndpointBuilder(null, pattern, 0);
        RequestDelegateFactory.InferMetadata(function.Handler, new RequestDelegateFactoryOptions
        {
            EndpointBuilder = scratch,
            ServiceProvider = services,
            RouteParameterNames = pattern.Parameters.Select(p => p.Name).ToList(),
            DisableInferBodyFromParameters = function.DocumentedMethods.All(m => m is "GET" or "DELETE" or "HEAD" or "OPTIONS"),
        });
        return [.. scratch.Metadata];
    }
}

// The one log line for requests no function answered (unknown route, wrong method): functions log their own.
public sealed class UnmatchedRequests(RequestDelegate next, ILogger<RequestLogging> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);
        if (context.GetEndpoint()?.Metadata.GetMetadata<HttpFunction>() is null)
            RequestLogging.Responded(logger, context.Request.Method, "(unmatched)", context.Response.StatusCode, 0.0);
    }
}
