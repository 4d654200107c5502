using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ParkFinder.Functions;
using ParkFinder.Functions.Hosting;
using ParkFinder.Functions.Trends;

namespace ParkFinder.Tests.Deploy;

// The Functions host cannot run here, but the worker's own host can be built exactly as its
// Program builds it: a package mismatch (a type the telemetry packages no longer have) or a
// registration missing for a function's dependencies fails here, not at the first start in Azure.
public sealed class WorkerHostTests
{
    [Fact]
    public void TheWorkersHostBuildsAndResolvesEveryFunctionsDependencies()
    {
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = "UseDevelopmentStorage=true",
            ["Auth:SigningKey"] = "worker-host-test-signing-key-0123456789abcdef",
            ["WeChat:AppId"] = "wx-test", ["WeChat:AppSecret"] = "test-secret",
            ["Jobs:RecalculateTrends:Schedule"] = "0 0 * * * *", ["Jobs:NotifyAlerts:Schedule"] = "0 */5 * * * *", ["Jobs:PurgeLeads:Schedule"] = "0 30 19 * * *", ["Jobs:RemindStaleAvailability:Schedule"] = "0 0 2 * * *",
        });
        builder.ConfigureParkFinderWorker();
        using var host = builder.Build();
        Assert.Contains(host.Services.GetServices<ITelemetryInitializer>(), t => t is QueryStringScrubber);
        // The Functions host (and the local host's scheduler) makes each timer function's class through DI per run.
        foreach (var (name, _, method) in FunctionCatalog.Timers)
            Assert.True(ActivatorUtilities.CreateInstance(host.Services, method.DeclaringType!) is not null, name);
        Assert.NotNull(host.Services.GetRequiredService<TrendJob>());
        Assert.NotNull(host.Services.GetRequiredService<ParkFinder.Functions.Hosting.FunctionGuard>());
    }
}
