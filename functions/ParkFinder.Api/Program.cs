using ParkFinder.Api.Alerts;
using ParkFinder.Api.Auth;
using ParkFinder.Api.DemoData;
using ParkFinder.Api.Favorites;
using ParkFinder.Api.Landlords;
using ParkFinder.Api.Leases;
using ParkFinder.Api.Trends;
using ParkFinder.Api.Leads;
using ParkFinder.Api.Hosting;
using ParkFinder.Api.Parks;
using ParkFinder.Api.Search;
using ParkFinder.Api.Units;

// appsettings.json sits beside the app, wherever the Functions host (or a script) starts it from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.ConfigureListening();
builder.Services.AddErrorHandling();
builder.Services.AddAppStorage();
builder.Services.AddAuth();
builder.Services.AddRateLimits();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddStore<UserStore>();
builder.Services.AddStore<InviteStore>();
builder.Services.AddStore<ParkStore>();
builder.Services.AddStore<UnitStore>();
builder.Services.AddStore<IndexSnapshots>();
builder.Services.AddStore<LeadStore>();
builder.Services.AddStore<FavoriteStore>();
builder.Services.AddStore<AlertStore>();
builder.Services.AddStore<JobLocks>();
builder.Services.AddSingleton<ParkIndexHolder>();
builder.Services.AddOptions<SearchOptions>().BindConfiguration("Search").ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddHostedService<ParkIndexRefresher>();
builder.Services.AddHostedService<DemoDataLoader>();
builder.Services.AddStore<LeaseStore>();
builder.Services.AddStore<TrendStore>();
builder.Services.AddStore<TrendJobState>();
builder.Services.AddSingleton<TrendJob>();
builder.Services.AddJobOptions<TrendJobOptions>(TrendJob.Name);
builder.Services.AddStore<AvailabilityEvents>();
builder.Services.AddSingleton<AlertJob>();
builder.Services.AddJobOptions<AlertJobOptions>(AlertJob.Name);
builder.Services.AddHostedService<TimerScheduler>();
builder.Services.AddOpenApi("v1", o => o.AddDocumentTransformer((doc, _, _) =>
{
    doc.Info.Title = "ParkFinder API";
    doc.Info.Description = "Backend of the ParkFinder WeChat mini-program: industrial park search, vacancy, rents and trends.";
    return Task.CompletedTask;
}));

var app = builder.Build();
app.UseMiddleware<RequestLogging>();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseMiddleware<BearerTokens.Middleware>();
app.UseRateLimiter();

app.MapOpenApi("/api/openapi.json").WithName("GetOpenApiDocument");
app.MapHealthApi();
app.MapSearchApi();
app.MapUnitsApi();
app.MapRentsApi();
app.MapAdminParksApi();
app.MapAuthApi();
app.MapLandlordsApi();
app.MapUnitWritesApi();
app.MapLeadsApi();
app.MapFavoritesApi();
app.MapAlertsApi();
app.MapLeasesApi();
app.MapTrendsApi();
app.MapTimerFunctions();

// Packaging: `ParkFinder.Api --write-functions <dir>` writes each function's function.json and exits.
if (args is ["--write-functions", var functionsDirectory])
{
    FunctionManifest.Write(FunctionManifest.Describe(((IEndpointRouteBuilder)app).DataSources, app.Services), functionsDirectory);
    return;
}

app.Run();

public partial class Program;
