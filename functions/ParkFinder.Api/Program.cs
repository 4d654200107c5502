using ParkFinder.Api.Auth;
using ParkFinder.Api.DemoData;
using ParkFinder.Api.Hosting;
using ParkFinder.Api.Parks;
using ParkFinder.Api.Search;
using ParkFinder.Api.Units;

var builder = WebApplication.CreateBuilder(args);
builder.ConfigureListening();
builder.Services.AddErrorHandling();
builder.Services.AddAppStorage();
builder.Services.AddAuthOptions();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<ParkStore>();
builder.Services.AddSingleton<ParkIndexHolder>();
builder.Services.AddOptions<SearchOptions>().BindConfiguration("Search").ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddHostedService<ParkIndexRefresher>();
builder.Services.AddHostedService<DemoDataLoader>();
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

app.MapOpenApi("/api/openapi.json");
app.MapHealthApi();
app.MapSearchApi();
app.MapUnitsApi();
app.MapRentsApi();
app.MapAdminParksApi();

app.Run();

public partial class Program;
