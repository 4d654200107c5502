using ParkFinder.Functions.Hosting;
using ParkFinder.LocalHost;

// The local host: the same function classes and services as the Functions worker, on Kestrel.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
if (string.IsNullOrEmpty(builder.Configuration["urls"])) builder.WebHost.UseUrls("http://127.0.0.1:7071");
builder.Services.AddParkFinder();
builder.Services.AddHostedService<TimerScheduler>();
builder.Services.AddOpenApi(OpenApiSetup.DocumentName, OpenApiSetup.Configure);

var app = builder.Build();
app.UseMiddleware<UnmatchedRequests>();
app.UseStatusCodePages();
app.MapFunctions();
// The document generated from the mapped functions; GET /api/openapi.json serves its committed copy.
app.MapOpenApi(OpenApiSetup.GeneratedPath);
app.Run();

public partial class Program;
