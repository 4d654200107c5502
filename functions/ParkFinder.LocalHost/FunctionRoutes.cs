using System.Linq.Expressions;
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
            var types = function.Handler.GetParameters().Select(p => p.ParameterType).Append(function.Handler.ReturnType).ToArray();
            var describe = function.Handler.CreateDelegate(Expression.GetDelegateType(types));
            app.MapMethods(function.Path, function.DocumentedMethods, describe)
                .WithName(function.Name)
                .WithMetadata(function)
                .Finally(endpoint => endpoint.RequestDelegate = context => run(context.Request));
            // The POST that carries a PATCH from wx.request: the same function, not an operation of its own.
            if (function.TunnelsPatch)
                app.MapPost(function.Path, run).WithMetadata(function).ExcludeFromDescription();
        }
        return app;
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
