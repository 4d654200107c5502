using Microsoft.Azure.Functions.Worker;

namespace ParkFinder.Functions.Hosting;

// The one declaration of an HTTP endpoint, on its handler: [HttpEndpoint("GetPark", "get", "parks/{parkId}")].
// The Worker SDK indexes only methods with [Function] and a trigger, so the build writes that entry point
// into the handler's (partial) class: `{Handler}Function`, which runs the handler through FunctionEndpoint
// (ParkFinder.FunctionStubs). A "patch" endpoint also takes the POST that tunnels it from wx.request.
// Who may call it and what the guard checks are the handler's other attributes (Access.cs).
[AttributeUsage(AttributeTargets.Method)]
public sealed class HttpEndpointAttribute(string name, string method, string route) : Attribute
{
    public string Name { get; } = name;
    public string Method { get; } = method;
    public string Route { get; } = route;
    // Function: Azure also asks for a function key (operators' routes).
    public AuthorizationLevel Level { get; init; } = AuthorizationLevel.Anonymous;
}

// The one declaration of a scheduled job, on its ScheduledJob<TRun> class: the build writes its timer
// function (named Name, on the setting Jobs:{Name}:Schedule) and the operators' run-now function
// (RunNow, POST Route, summary Summary; admins only) into the (partial) class.
[AttributeUsage(AttributeTargets.Class)]
public sealed class ScheduledFunctionAttribute(string name) : Attribute
{
    public string Name { get; } = name;
    public required string RunNow { get; init; }
    public required string Route { get; init; }
    public required string Summary { get; init; }
}
