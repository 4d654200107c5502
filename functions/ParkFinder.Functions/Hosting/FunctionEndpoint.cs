using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace ParkFinder.Functions.Hosting;

// An HTTP function as both hosts see it: its [Function] method and [HttpTrigger] (written at build from
// the handler's [HttpEndpoint], FunctionDeclarations.cs), and the handler it runs, whose attributes say
// who may call it and what the guard checks.
public sealed record HttpFunction(string Name, string[] Methods, string Route, AuthorizationLevel Level, MethodInfo Function, MethodInfo Handler)
{
    public const string RoutePrefix = "api";
    public string Path => "/" + RoutePrefix + "/" + Route;

    // Read from the handler's attributes once, not per request.
    public CallerAccess Access { get; } =
        Handler.IsDefined(typeof(RequireAdminAttribute)) ? CallerAccess.Admin
        : Handler.IsDefined(typeof(RequireLandlordOfParkAttribute)) ? CallerAccess.LandlordOfPark
        : Handler.IsDefined(typeof(RequireSignedInAttribute)) ? CallerAccess.SignedIn
        : CallerAccess.Anyone;

    public string? RateLimitPolicy { get; } = Handler.GetCustomAttribute<RateLimitAttribute>()?.Policy;

    public RequireIfMatchAttribute? IfMatch { get; } = Handler.GetCustomAttribute<RequireIfMatchAttribute>();

    public bool ReadsPersonalData { get; } = Handler.IsDefined(typeof(ReadsPersonalDataAttribute));

    public bool RequiresIndex { get; } = Handler.IsDefined(typeof(RequireIndexAttribute));

    // wx.request cannot send PATCH: a PATCH function also takes POST with X-HTTP-Method-Override:
    // PATCH (its trigger lists both). That POST is a tunnel, not an operation of its own.
    public bool TunnelsPatch { get; } = Methods.Contains("PATCH") && Methods.Contains("POST");

    // The operations the document and the mini-program know.
    public string[] DocumentedMethods { get; } = Methods.Contains("PATCH") && Methods.Contains("POST") ? Methods.Where(m => m != "POST").ToArray() : Methods;

    public IReadOnlyList<QueryParameterSpec> QuerySpecs { get; } = Handler.GetCustomAttribute<QueryParametersAttribute>()?.Specs ?? [];

    // Every query parameter the function accepts: the handler's simple parameters that are not route
    // values, the names it reads itself ([QueryParameters]), and the function key (?code=) in Azure.
    public IReadOnlySet<string> QueryNames { get; } = FromQuery(Handler, Route)
        .Select(p => p.Name)
        .Concat((Handler.GetCustomAttribute<QueryParametersAttribute>()?.Specs ?? []).Select(q => q.Name))
        .Concat(Level == AuthorizationLevel.Anonymous ? [] : ["code"])
        .ToHashSet(StringComparer.OrdinalIgnoreCase);

    // The query parameters the handler's own parameters are parsed from (numbers, booleans, dates): checked
    // before binding (QueryValues).
    public QueryValues.Typed[] TypedQuery { get; } = QueryValues.Of(Handler, Route);

    // The handler's parameters minimal APIs bind from the query: simple ones that are not route values.
    internal static IEnumerable<(string Name, Type Type)> FromQuery(MethodInfo handler, string route) =>
        Bound(handler).Where(p => IsSimple(p.Type) && !route.Contains("{" + p.Name, StringComparison.Ordinal));

    // The handler's parameters as minimal APIs bind them: an [AsParameters] bundle (the services of a
    // handler that needs many) stands for the parameters of its constructor.
    internal static IEnumerable<(string Name, Type Type)> Bound(MethodInfo handler) =>
        handler.GetParameters().SelectMany(p => p.IsDefined(typeof(AsParametersAttribute))
            ? p.ParameterType.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First().GetParameters().Select(c => (c.Name!, c.ParameterType))
            : [(p.Name!, p.ParameterType)]);

    internal static bool IsSimple(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t.IsArray) t = t.GetElementType()!;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(DateOnly) || t == typeof(DateTimeOffset)
            || t == typeof(DateTime) || t == typeof(Guid) || t == typeof(Microsoft.Extensions.Primitives.StringValues);
    }
}

public enum CallerAccess { Anyone, SignedIn, LandlordOfPark, Admin }

// Runs an HTTP function's handler the same way in the Functions worker and the local host:
// authentication, the access attributes, rate limits, parameter binding as minimal APIs do it,
// every exception as a problem, and one log line per request.
public static class FunctionEndpoint
{
    private sealed record Compiled(HttpFunction Function, RequestDelegate Invoke, Type? JsonBody);

    private static readonly ConcurrentDictionary<MethodInfo, Compiled> Cache = new();

    // A function's body (written at build): `=> FunctionEndpoint.RunAsync(req, Handler)`, the function
    // method being named after its handler with the suffix "Function".
    public static async Task RunAsync(HttpRequest request, Delegate handler)
    {
        var http = request.HttpContext;
        var started = Stopwatch.GetTimestamp();
        var compiled = Cache.GetOrAdd(handler.Method, _ => Compile(handler, http.RequestServices.GetRequiredService<RootServices>().Provider));
        var guard = http.RequestServices.GetRequiredService<FunctionGuard>();
        var admitted = false;
        try
        {
            // Route values are the host's: the local host maps each function's route, and the worker's
            // ASP.NET Core integration routes requests to the triggers' routes before the function runs
            // (Hosting/WorkerRoutingTests runs requests through the worker's own mapping).
            if (compiled.Function.TunnelsPatch && HttpMethods.IsPost(http.Request.Method) && Tunnel(http) is { } notTunneled)
            {
                await notTunneled.ExecuteAsync(http);
                return;
            }
            if (await guard.CheckAsync(http, compiled.Function) is { } denied) await denied.ExecuteAsync(http);
            else
            {
                admitted = true;
                if (UnknownParameters(http.Request.Query, compiled.Function) is { } unknown) await unknown.ExecuteAsync(http);
                else if (QueryValues.Check(http.Request.Query, compiled.Function) is { } badValue) await badValue.ExecuteAsync(http);
                else if (compiled.JsonBody is { } bodyType && await CheckJsonBodyAsync(http.Request, bodyType) is { } badBody) await badBody.ExecuteAsync(http);
                else await compiled.Invoke(http);
            }
        }
        catch (Exception ex) when (!http.Response.HasStarted)
        {
            await http.RequestServices.GetRequiredService<ExceptionToProblem>().WriteAsync(http, ex);
        }
        finally
        {
            if (admitted) guard.Settle(http, compiled.Function);
            RequestLogging.Responded(http.RequestServices.GetRequiredService<ILogger<RequestLogging>>(),
                http.Request.Method, compiled.Function.Path, http.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    public const string MethodOverrideHeader = "X-HTTP-Method-Override";

    // A POST that says it is a PATCH becomes one; any other POST to a PATCH route is a 405.
    private static IResult? Tunnel(HttpContext http)
    {
        if (string.Equals(http.Request.Headers[MethodOverrideHeader].ToString(), "PATCH", StringComparison.OrdinalIgnoreCase))
        {
            http.Request.Method = HttpMethods.Patch;
            return null;
        }
        http.Response.Headers.Allow = "PATCH";
        return Problems.Create(405, "method_not_allowed", "Method not allowed.", $"This route changes with PATCH (or POST with {MethodOverrideHeader}: PATCH).");
    }

    // A misspelt filter must not silently widen a search: every name the function does not know is a 400.
    private static IResult? UnknownParameters(IQueryCollection query, HttpFunction function)
    {
        foreach (var key in query.Keys)
            if (!function.QueryNames.Contains(key)) return UnknownParametersProblem(query, function);
        return null; // the usual case, checked without building lists
    }

    private static IResult UnknownParametersProblem(IQueryCollection query, HttpFunction function)
    {
        var unknown = query.Keys.Where(k => !function.QueryNames.Contains(k)).Order(StringComparer.Ordinal).ToList();
        var known = function.QueryNames.Where(n => n != "code").Order(StringComparer.Ordinal).ToList();
        var hint = known.Count == 0 ? "This route takes no query parameters." : "Known: " + string.Join(", ", known) + ".";
        return Problems.Invalid(unknown.ToDictionary(n => n, _ => new[] { "is not a parameter of this route" }), "unknown_parameter",
            $"Unknown query parameter(s): {string.Join(", ", unknown)}. {hint}");
    }

    // A JSON body is read whole and checked against the type the handler reads (JsonBodies), then
    // handed on from memory. Other media types go on untouched: the handler answers 415 for them.
    private static async Task<IResult?> CheckJsonBodyAsync(HttpRequest request, Type bodyType)
    {
        var mediaType = request.GetTypedHeaders().ContentType?.MediaType.Value;
        if (mediaType is not null && !mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            && !mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)) return null;
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        if (buffer.Length == 0) return Problems.Invalid("$", "a JSON body is required", "invalid_json");
        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        request.Body = new MemoryStream(buffer.GetBuffer(), 0, (int)buffer.Length, writable: false);
        return JsonBodies.Check(bytes.Span, bodyType);
    }

    // The type a handler's JSON body is read as: declared ([DocumentedBody] with application/json) or
    // the one parameter minimal APIs bind from the body (not a route or query value, not a service).
    private static Type? JsonBodyType(HttpFunction function, IServiceProvider services)
    {
        if (function.Handler.GetCustomAttributes<DocumentedBodyAttribute>().FirstOrDefault(b => b.Type is not null && b.ContentTypes.Contains("application/json")) is { } declared)
            return declared.Type;
        var isService = services.GetService<Microsoft.Extensions.DependencyInjection.IServiceProviderIsService>();
        return HttpFunction.Bound(function.Handler).Select(p => p.Type).FirstOrDefault(t =>
            !HttpFunction.IsSimple(t) && t != typeof(HttpContext) && t != typeof(HttpRequest) && t != typeof(CancellationToken)
            && t != typeof(System.Security.Claims.ClaimsPrincipal) && t != typeof(Stream) && isService?.IsService(t) != true
            && t.GetMethod("BindAsync", BindingFlags.Public | BindingFlags.Static) is null); // bound from the request itself (CurrentUser)
    }

    private static Compiled Compile(Delegate handler, IServiceProvider services)
    {
        var function = FunctionCatalog.Http.Single(f => f.Handler == handler.Method);
        // Binding failures throw, so they become problems with a code like every other error.
        var invoke = RequestDelegateFactory.Create(handler, new RequestDelegateFactoryOptions { ServiceProvider = services, ThrowOnBadRequest = true }).RequestDelegate;
        return new Compiled(function, invoke, JsonBodyType(function, services));
    }
}

// The application's root provider: a request's own (in the worker, the invocation's scope) is
// disposed with the request, and a compiled handler outlives it.
public sealed class RootServices(IServiceProvider provider)
{
    public IServiceProvider Provider => provider;
}

// Every function of this app, found once by reflection: what the local host maps and schedules,
// and what the parity test compares with the SDK's functions.metadata.
public static class FunctionCatalog
{
    public const string HandlerSuffix = "Function";

    public static readonly IReadOnlyList<HttpFunction> Http = FindHttp();
    public static readonly IReadOnlyList<(string Name, string Schedule, MethodInfo Method)> Timers = FindTimers();

    private static IEnumerable<MethodInfo> FunctionMethods() => typeof(FunctionCatalog).Assembly.GetTypes()
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
        .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null);

    private static List<HttpFunction> FindHttp() =>
        FunctionMethods().Select(m => (Method: m, Trigger: m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(a => a is not null)))
            .Where(x => x.Trigger is not null)
            .Select(x =>
            {
                var name = x.Method.GetCustomAttribute<FunctionAttribute>()!.Name;
                var handlerName = x.Method.Name.EndsWith(HandlerSuffix, StringComparison.Ordinal) ? x.Method.Name[..^HandlerSuffix.Length] : "";
                var handler = x.Method.DeclaringType!.GetMethod(handlerName, BindingFlags.Public | BindingFlags.Static)
                    ?? throw new InvalidOperationException($"Function {name}: no public static handler '{handlerName}' beside {x.Method.Name}.");
                return new HttpFunction(name, x.Trigger!.Methods!.Select(v => v.ToUpperInvariant()).ToArray(), x.Trigger.Route ?? name, x.Trigger.AuthLevel, x.Method, handler);
            })
            .OrderBy(f => f.Route, StringComparer.Ordinal).ThenBy(f => f.Methods[0], StringComparer.Ordinal).ToList();

    private static List<(string, string, MethodInfo)> FindTimers() =>
        FunctionMethods().Select(m => (Method: m, Trigger: m.GetParameters().Select(p => p.GetCustomAttribute<TimerTriggerAttribute>()).FirstOrDefault(a => a is not null)))
            .Where(x => x.Trigger is not null)
            .Select(x => (x.Method.GetCustomAttribute<FunctionAttribute>()!.Name, x.Trigger!.Schedule, x.Method)).ToList();
}
