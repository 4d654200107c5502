namespace ParkFinder.Functions.Hosting;

// Who may call a function, declared on the [Function] method and checked by FunctionEndpoint in
// both hosts (inside the worker, ASP.NET Core filters and middleware do not run).

// Any signed-in user (a bearer token of ours).
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequireSignedInAttribute : Attribute;

// Operators: an admin token, or the operator key in X-Admin-Key.
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequireAdminAttribute : Attribute;

// The landlords bound to the route's {parkId}, and admins.
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequireLandlordOfParkAttribute : Attribute;

// A per-caller request budget (RateLimits): "login" per client address, "leads" per user.
[AttributeUsage(AttributeTargets.Method)]
public sealed class RateLimitAttribute(string policy) : Attribute
{
    public string Policy { get; } = policy;
}

// A query parameter a handler reads itself from the query string: its name, and what the OpenAPI
// document says of it (type "string", "number" or "integer", range, allowed values, repeatable).
public sealed record QueryParameterSpec(string Name, string Type, string Description, double? Minimum = null, double? Maximum = null,
    string[]? Values = null, bool Repeated = false);

// Names the type whose static Specs (QueryParameterSpec[]) list the query parameters the handler
// reads itself, beside those bound to its own parameters: together, every name the function
// accepts. Any other is a 400.
[AttributeUsage(AttributeTargets.Method)]
public sealed class QueryParametersAttribute(Type specs) : Attribute
{
    public IReadOnlyList<QueryParameterSpec> Specs { get; } =
        (IReadOnlyList<QueryParameterSpec>)(specs.GetProperty("Specs")?.GetValue(null) ?? specs.GetField("Specs")?.GetValue(null)
            ?? throw new ArgumentException($"{specs.Name} has no static Specs."));
}
