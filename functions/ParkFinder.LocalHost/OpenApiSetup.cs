using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Azure.Functions.Worker;
using Microsoft.OpenApi;
using ParkFinder.Functions.Hosting;

namespace ParkFinder.LocalHost;

// The OpenAPI document of the mapped functions, as ASP.NET Core generates it from their handlers,
// completed from what only the functions know: who may call them (security), the problems they
// answer, and the query parameters handlers read themselves. Its committed copy
// (functions/ParkFinder.Functions/Hosting/openapi.json) is what GET /api/openapi.json serves in
// both hosts; a test keeps the two equal.
public static class OpenApiSetup
{
    public const string DocumentName = "v1";
    public const string GeneratedPath = "/openapi/{documentName}.json";
    private const string Problem = "Problem";

    private static readonly Dictionary<string, string> TagDescriptions = new()
    {
        ["Parks"] = "Search and park pages", ["Units"] = "A park's units and vacancy", ["Rents"] = "Market rents",
        ["Trends"] = "Vacancy and rent trends from lease data", ["Auth"] = "Sign-in with WeChat", ["Favorites"] = "An investor's saved parks",
        ["Alerts"] = "An investor's saved searches", ["Leads"] = "Consult requests (立即咨询)", ["Landlords"] = "Landlords keep their parks current",
        ["Leases"] = "Signed-lease uploads", ["Admin"] = "Operators", ["Health"] = "Health",
        ["Ecosystem"] = "Industry chains, future-industry tracks and a park's enterprises", ["Scorecard"] = "A park's assessment against the indicator tree",
    };

    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "ParkFinder API";
            doc.Info.Description = "Backend of the ParkFinder WeChat mini-program: industrial park search, vacancy, rents and trends. "
                + "Every error is an RFC 9457 problem with a stable `code`.";
            doc.Info.Version = "v1";
            doc.Info.License = new OpenApiLicense { Name = "Proprietary", Identifier = "LicenseRef-Proprietary" };
            // Served from wherever the app runs: the routes are relative to it.
            doc.Servers = [new OpenApiServer { Url = "/", Description = "This app (Azure Functions or the local host)" }];
            doc.Components ??= new OpenApiComponents();
            doc.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
            {
                ["bearer"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "JWT",
                    Description = "Our session token from POST /api/auth/wechat (roles investor, landlord, admin).",
                },
                ["adminKey"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = "X-Admin-Key",
                    Description = "The operator key (Auth:AdminApiKey), instead of an admin token.",
                },
                ["functionKey"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Query, Name = "code",
                    Description = "Azure Functions key of operator routes in Azure (or the x-functions-key header).",
                },
            };
            doc.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
            doc.Components.Schemas[Problem] = ProblemSchema();
            foreach (var tag in doc.Tags ?? new HashSet<OpenApiTag>())
                if (tag.Name is { } name && TagDescriptions.TryGetValue(name, out var description)) tag.Description = description;
            return Task.CompletedTask;
        });
        options.AddOperationTransformer(async (operation, context, cancellationToken) =>
        {
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<HttpFunction>().FirstOrDefault() is not { } function) return;
            operation.Security = Security(function, context.Document);
            // A spec replaces what the generator inferred from the handler's parameter of that name.
            foreach (var spec in function.QuerySpecs)
            {
                operation.Parameters ??= [];
                var inferred = operation.Parameters.FirstOrDefault(p => p.Name == spec.Name && p.In == ParameterLocation.Query);
                if (inferred is not null) operation.Parameters.Remove(inferred);
                operation.Parameters.Add(Parameter(spec));
            }
            // Writes that change a stored version name it ([RequireIfMatch]: 428 without, 412 when stale).
            if (function.IfMatch is { } ifMatch)
                (operation.Parameters ??= []).Add(new OpenApiParameter
                {
                    Name = "If-Match", In = ParameterLocation.Header, Required = !ifMatch.OptionalToCreate,
                    Description = $"The ETag of {ifMatch.Resource} as last read (or * for any version)"
                        + (ifMatch.OptionalToCreate ? "; required to change an existing one, left out to create." : "."),
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                });
            // Bodies the handler reads itself (the generator only sees bound parameters).
            var bodies = function.Handler.GetCustomAttributes<DocumentedBodyAttribute>().ToList();
            if (bodies.Count > 0)
            {
                var content = new Dictionary<string, OpenApiMediaType>();
                foreach (var body in bodies)
                {
                    IOpenApiSchema schema = body.Type is { } type
                        ? await context.GetOrCreateSchemaAsync(type, null, cancellationToken)
                        : new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" };
                    foreach (var contentType in body.ContentTypes) content[contentType] = new OpenApiMediaType { Schema = schema };
                }
                operation.RequestBody = new OpenApiRequestBody { Required = true, Content = content };
            }
            operation.Responses ??= new OpenApiResponses();
            foreach (var (status, description) in Problems(function))
                operation.Responses.TryAdd(status.ToString(CultureInfo.InvariantCulture), new OpenApiResponse
                {
                    Description = description,
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(Problem, context.Document) },
                    },
                });
        });
    }

    // Public routes say so with an empty requirement; signed-in routes take our token; operator
    // routes an admin token or the operator key, and in Azure the function key besides.
    private static List<OpenApiSecurityRequirement> Security(HttpFunction function, OpenApiDocument? document)
    {
        OpenApiSecurityRequirement Of(params string[] schemes)
        {
            var requirement = new OpenApiSecurityRequirement();
            foreach (var scheme in schemes) requirement[new OpenApiSecuritySchemeReference(scheme, document)] = [];
            return requirement;
        }
        var key = function.Level == AuthorizationLevel.Anonymous ? [] : new[] { "functionKey" };
        return function.Access switch
        {
            CallerAccess.Anyone => [Of(key)],
            CallerAccess.Admin => [Of(["bearer", .. key]), Of(["adminKey", .. key])],
            _ => [Of(["bearer", .. key])],
        };
    }

    // The problems a function can answer, with the codes the mini-program switches on: those every
    // route of its kind gives, and those its handler declares ([ProblemResponse]).
    private static IEnumerable<(int, string)> Problems(HttpFunction function)
    {
        var declared = function.Handler.GetCustomAttributes<ProblemResponseAttribute>().GroupBy(p => p.Status)
            .ToDictionary(g => g.Key, g => string.Join(", ", g.Select(p => $"`{p.Codes}`")));
        var problems = new SortedDictionary<int, string>
        {
            [400] = "Bad input: `unknown_parameter`, `invalid_parameter`, `invalid_json`, `unknown_field`, `duplicate_field`, `invalid_cursor`, `bad_request`.",
            [500] = "Unexpected: `internal_error` (the traceId finds the log line).",
            [503] = "Storage or WeChat unavailable, or the index still loading (see Retry-After): `storage_unavailable`, `wechat_unavailable`, `index_loading`.",
        };
        if (function.Access != CallerAccess.Anyone)
        {
            problems[401] = "No valid token or key: `unauthorized`, `invalid_token`.";
            problems[403] = "Signed in without the role or park this needs: `forbidden`.";
        }
        if (function.Route.Contains('{')) problems[404] = "Unknown id: `park_not_found`, `unit_not_found`, `alert_not_found`, `favorite_not_found`, `not_found`.";
        if (function.IfMatch is not null)
        {
            problems[412] = "The ETag in If-Match is stale: `etag_mismatch`.";
            problems[428] = "If-Match is required: `etag_required`.";
        }
        if (function.Methods.Any(m => m is "POST" or "PUT" or "PATCH" or "DELETE")) problems.TryAdd(409, "Changed meanwhile: `conflict`.");
        if (function.RateLimitPolicy is not null) problems[429] = "Too many requests (see Retry-After): `rate_limited`.";
        foreach (var (status, codes) in declared)
            problems[status] = problems.TryGetValue(status, out var known) ? $"{known} Also {codes}." : $"Codes: {codes}.";
        return problems.Select(p => (p.Key, p.Value));
    }

    private static OpenApiParameter Parameter(QueryParameterSpec spec)
    {
        var value = new OpenApiSchema
        {
            Type = spec.Type switch { "number" => JsonSchemaType.Number, "integer" => JsonSchemaType.Integer, "boolean" => JsonSchemaType.Boolean, _ => JsonSchemaType.String },
            Minimum = spec.Minimum?.ToString(CultureInfo.InvariantCulture),
            Maximum = spec.Maximum?.ToString(CultureInfo.InvariantCulture),
            Enum = spec.Values?.Select(v => (JsonNode)JsonValue.Create(v)!).ToList(),
        };
        return new OpenApiParameter
        {
            Name = spec.Name, In = ParameterLocation.Query, Description = spec.Description, Required = spec.Required,
            Schema = spec.Repeated ? new OpenApiSchema { Type = JsonSchemaType.Array, Items = value } : value,
            Style = spec.Repeated ? ParameterStyle.Form : null, Explode = spec.Repeated,
        };
    }

    private static OpenApiSchema ProblemSchema()
    {
        static OpenApiSchema Of(JsonSchemaType type, string description) => new() { Type = type, Description = description };
        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "An RFC 9457 problem.",
            Required = new HashSet<string> { "status", "title", "code" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = Of(JsonSchemaType.String, "A URI naming the status."),
                ["title"] = Of(JsonSchemaType.String, "What went wrong, for people."),
                ["status"] = Of(JsonSchemaType.Integer, "The HTTP status."),
                ["detail"] = Of(JsonSchemaType.String, "What to do about it."),
                ["code"] = Of(JsonSchemaType.String, "Stable machine code, e.g. invalid_parameter, etag_mismatch, storage_unavailable."),
                ["traceId"] = Of(JsonSchemaType.String, "Finds the request's log line."),
                ["errors"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object, Description = "Per parameter or field, its messages (400s).",
                    AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = Of(JsonSchemaType.String, "A message.") },
                },
            },
        };
    }
}
