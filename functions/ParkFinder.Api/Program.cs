using ParkFinder.Api.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.ConfigureListening();
builder.Services.AddErrorHandling();
builder.Services.AddAppStorage();
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

app.Run();

public partial class Program;
