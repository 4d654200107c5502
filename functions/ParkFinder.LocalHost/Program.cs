using ParkFinder.Functions;
using ParkFinder.Functions.Hosting;
using ParkFinder.LocalHost;

// The local host: the same function classes and services as the Functions worker, on Kestrel.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
if (string.IsNullOrEmpty(builder.Configuration["urls"])) builder.WebHost.UseUrls(LocalHostDefaults.Url);
var devWeChat = DevWeChat.IsEnabled(builder);
if (devWeChat) DevWeChat.PointWeChatHere(builder);
builder.Services.AddParkFinder();
// The console logger's formatters and settings stay; its provider is swapped for one that writes in
// batches. Not on Windows, where the built-in one also translates colours for old consoles.
if (!OperatingSystem.IsWindows())
{
    builder.Services.Remove(builder.Services.Single(d => d.ServiceType == typeof(ILoggerProvider)
        && d.ImplementationType == typeof(Microsoft.Extensions.Logging.Console.ConsoleLoggerProvider)));
    builder.Services.AddSingleton<ILoggerProvider, BatchedConsoleLoggerProvider>();
}
builder.Services.AddHostedService<TimerScheduler>();
builder.Services.AddOpenApi(OpenApiSetup.DocumentName, OpenApiSetup.Configure);

WebApplication app;
try
{
    app = builder.Build();
    // Options are validated at start: a bad setting is one clear line and exit code 2, not a stack trace.
    app.Services.GetRequiredService<Microsoft.Extensions.Options.IStartupValidator>().Validate();
}
catch (Exception ex) when (ConfigurationErrors.Of(ex) is { Count: > 0 } failures)
{
    foreach (var failure in failures) Console.Error.WriteLine($"configuration error: {failure}");
    return 2;
}
app.UseMiddleware<UnmatchedRequests>();
app.UseStatusCodePages();
app.MapFunctions();
if (devWeChat) DevWeChat.Map(app);
// The document generated from the mapped functions; GET /api/openapi.json serves its committed copy.
app.MapOpenApi(OpenApiSetup.GeneratedPath);
app.Lifetime.ApplicationStarted.Register(() => app.Logger.LogInformation("ParkFinder is listening on {Urls}", string.Join(", ", app.Urls)));
app.Run();
return 0;

public partial class Program;
