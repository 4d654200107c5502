namespace ParkFinder.Functions.Hosting;

// Who may call a function, declared on its handler (beside [HttpEndpoint]) and checked by FunctionEndpoint in
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

// A write of a stored version: the caller names the version it read (If-Match, or * for any). The
// guard answers 428 etag_required without one (unless OptionalToCreate: a PUT may create a new
// resource without it); the handler compares it with the stored ETag (412 etag_mismatch via
// Problems.EtagMismatch). The OpenAPI document declares the header and both problems from here.
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequireIfMatchAttribute(string resource) : Attribute
{
    // What the ETag is of, in messages: "the unit", "the request".
    public string Resource { get; } = resource;
    public bool OptionalToCreate { get; init; }
}

// The function reads investors' personal data (their phone numbers): an operator's read is recorded
// in the park's access log like a write (AccessLog).
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReadsPersonalDataAttribute : Attribute;

// The function reads this instance's park index: until it has loaded, the guard answers
// 503 index_loading with Retry-After (a cold start), so no handler checks it.
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequireIndexAttribute : Attribute;

// Whether this instance's park index has loaded (the search index implements it).
public interface IIndexReadiness
{
    bool IsLoaded { get; }
}

// A per-caller request budget (RateLimits): "login" per client address, "leads" per user.
[AttributeUsage(AttributeTargets.Method)]
public sealed class RateLimitAttribute(string policy) : Attribute
{
    public string Policy { get; } = policy;
}

// A query parameter a handler reads itself from the query string: its name, and what the OpenAPI
// document says of it (type "string", "number" or "integer", range, allowed values, repeatable).
public sealed record QueryParameterSpec(string Name, string Type, string Description, double? Minimum = null, double? Maximum = null,
    string[]? Values = null, bool Repeated = false, bool Required = false);

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

// For the OpenAPI document only (no effect on routing or binding): the body a handler reads itself,
// as a type (or raw bytes when null) in these content types.
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class DocumentedBodyAttribute(Type? type, params string[] contentTypes) : Attribute
{
    public Type? Type { get; } = type;
    public string[] ContentTypes { get; } = contentTypes;
}

// For the OpenAPI document only: a problem this handler answers beyond the ones every route of its
// kind gives (FunctionEndpoint's 400/401/403/500/503), with its codes.
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class ProblemResponseAttribute(int status, string codes) : Attribute
{
    public int Status { get; } = status;
    public string Codes { get; } = codes;
}
