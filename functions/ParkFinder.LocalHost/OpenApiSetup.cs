using Microsoft.AspNetCore.OpenApi;

namespace ParkFinder.LocalHost;

// The OpenAPI document of the mapped functions, as ASP.NET Core generates it from their handlers.
// Its committed copy (functions/ParkFinder.Functions/Hosting/openapi.json) is what
// GET /api/openapi.json serves in both hosts; a test keeps the two equal.
public static class OpenApiSetup
{
    public const string DocumentName = "v1";
    public const string GeneratedPath = "/openapi/{documentName}.json";

    public static void Configure(OpenApiOptions options) => options.AddDocumentTransformer((doc, _, _) =>
    {
        doc.Info.Title = "ParkFinder API";
        doc.Info.Description = "Backend of the ParkFinder WeChat mini-program: industrial park search, vacancy, rents and trends.";
        doc.Info.Version = "v1";
        // The document is served from wherever the app runs: no server address baked in.
        doc.Servers?.Clear();
        return Task.CompletedTask;
    });
}

// Names this assembly for WebApplicationFactory: tests also see the worker's (internal) Program.
public sealed class LocalHostAssembly;
