using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ParkFinder.Functions.Hosting;

namespace ParkFinder.Tests.Infrastructure;

// The app on a test server, against Azurite, with tables of its own (a unique prefix) and its logs captured.
public sealed class ApiFactory : WebApplicationFactory<ParkFinder.LocalHost.LocalHostAssembly>
{
    public const string AdminKey = "test-admin-key-0123456789";
    private readonly Dictionary<string, string?> _settings;

    public ApiFactory(IDictionary<string, string?>? settings = null)
    {
        Prefix = Azurite.UniqueName("t");
        _settings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = Azurite.ConnectionString,
            ["Storage:TablePrefix"] = Prefix,
            ["Auth:AdminApiKey"] = AdminKey,
            ["Auth:SigningKey"] = "test-signing-key-that-is-long-enough-0123456789abcdef",
            ["DemoData:Load"] = "false",
            ["Jobs:RunSchedules"] = "false",
            ["WeChat:AppId"] = "wx-test-app",
            ["WeChat:AppSecret"] = "test-app-secret-0123456789",
            // Tests read the captured logs (Logs); the console's copy of every request line would only
            // cost CPU and fill the runner's output. Warnings and errors still go through it.
            ["Logging:Console:LogLevel:Default"] = "Warning",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) _settings[k] = v;
    }

    public string Prefix { get; }
    // Service replacements (a clock, say) applied after the app's own registrations.
    public Action<IServiceCollection>? ReplaceServices { get; init; }
    public string Environment { get; init; } = "Testing";
    public LogCapture Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        foreach (var (k, v) in _settings) builder.UseSetting(k, v);
        builder.ConfigureLogging(l => l.AddProvider(Logs));
        if (ReplaceServices is { } configure) builder.ConfigureServices(configure);
    }

    // A client once the app's tables exist.
    public async Task<HttpClient> StartAsync()
    {
        var client = CreateClient();
        await Services.GetRequiredService<StorageInitializer>().Ready.WaitAsync(TimeSpan.FromSeconds(30));
        return client;
    }

    // A client once the app's index has loaded too: until then searches and park pages answer 503
    // index_loading (by design), so a test's first search would race the load on a busy machine.
    public async Task<HttpClient> StartLoadedAsync()
    {
        var client = await StartAsync();
        await Services.GetRequiredService<ParkFinder.Functions.Search.ParkIndexHolder>().Loaded.WaitAsync(TimeSpan.FromSeconds(60));
        return client;
    }

    public HttpClient CreateAdminClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Admin-Key", AdminKey);
        return client;
    }
}

public sealed class LogCapture : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Lines);
    public void Dispose() { }

    public string All => string.Join("\n", Lines);

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var structured = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? " {" + string.Join(", ", pairs.Select(p => $"{p.Key}={p.Value}")) + "}" : "";
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)}{structured} {exception}");
        }
    }
}
