using ParkFinder.Functions.Hosting;
using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;

namespace ParkFinder.Functions;

public static class WorkerSetup
{
    // Everything the worker's Program does before Build, so a test can build the same host.
    public static FunctionsApplicationBuilder ConfigureParkFinderWorker(this FunctionsApplicationBuilder builder)
    {
        builder.ConfigureFunctionsWebApplication();
        // Requests, dependencies (storage, WeChat) and the jobs' log lines to Application Insights, without query strings.
        builder.Services.AddApplicationInsightsTelemetryWorkerService().ConfigureFunctionsApplicationInsights();
        builder.Services.AddSingleton<ITelemetryInitializer, QueryStringScrubber>();
        builder.Services.AddParkFinder();
        return builder;
    }
}
