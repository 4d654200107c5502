using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using NCrontab;
using ParkFinder.Api.Trends;

namespace ParkFinder.Api.Hosting;

// What every scheduled job is configured with, under Jobs:{job name}.
public abstract class JobOptions(string schedule)
{
    // NCRONTAB with seconds, as the Functions timer trigger reads it.
    [Required]
    public string Schedule { get; set; } = schedule;
    [Range(15, 60)]
    public int LockSeconds { get; set; } = 60;
}

public sealed record TimerFunction(string Name, Func<IServiceProvider, string> Schedule, Func<IServiceProvider, CancellationToken, Task<object>> Run);

// Scheduled jobs. Under the Functions host a timer trigger POSTs {"Data":{"timer":...},"Metadata":...}
// to /{Name} and expects {"Outputs":{},"Logs":[],"ReturnValue":null} with a 2xx (non-2xx = failed run).
// On its own, the app runs the same jobs on the same NCRONTAB schedules.
public static class Timers
{
    public static readonly TimerFunction[] All =
    [
        new(TrendJob.Name, sp => sp.GetRequiredService<IOptions<TrendJobOptions>>().Value.Schedule,
            async (sp, ct) => await sp.GetRequiredService<TrendJob>().RunAsync(ct)),
        new(Alerts.AlertJob.Name, sp => sp.GetRequiredService<IOptions<Alerts.AlertJobOptions>>().Value.Schedule,
            async (sp, ct) => await sp.GetRequiredService<Alerts.AlertJob>().RunAsync(ct)),
    ];

    public sealed record InvocationResponse(Dictionary<string, object?> Outputs, List<string> Logs, object? ReturnValue);

    // The host reads these names as written: Outputs, Logs, ReturnValue.
    private static readonly System.Text.Json.JsonSerializerOptions HostJson = new() { PropertyNamingPolicy = null };

    public static IEndpointRouteBuilder MapTimerFunctions(this IEndpointRouteBuilder app)
    {
        foreach (var timer in All)
            app.MapPost("/" + timer.Name, async (HttpContext context, IServiceProvider services, ILoggerFactory loggers, CancellationToken cancellationToken) =>
            {
                var logger = loggers.CreateLogger("ParkFinder.Timers");
                var pastDue = await IsPastDueAsync(context);
                try
                {
                    var result = await timer.Run(services, cancellationToken);
                    logger.LogInformation("Timer {Timer} ran (past due: {PastDue})", timer.Name, pastDue);
                    return Results.Json(new InvocationResponse([], [$"{timer.Name} completed", System.Text.Json.JsonSerializer.Serialize(result)], null), HostJson, statusCode: 200);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    logger.LogError("Timer {Timer} failed: {Reason}", timer.Name, StorageFailure.Describe(ex));
                    return Results.Json(new InvocationResponse([], [$"{timer.Name} failed: {StorageFailure.Describe(ex)}"], null), HostJson, statusCode: 500);
                }
            }).ExcludeFromDescription().WithName("Timer" + timer.Name);
        return app;
    }

    // The payload is informational; a malformed one must not stop the job.
    private static async Task<bool> IsPastDueAsync(HttpContext context)
    {
        try
        {
            var payload = await System.Text.Json.Nodes.JsonNode.ParseAsync(context.Request.Body);
            return payload?["Data"]?["timer"]?["IsPastDue"]?.GetValue<bool>() ?? false;
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            return false;
        }
    }

    // Bound from Jobs:{job}; a malformed schedule stops the app at start, not at the first run.
    public static void AddJobOptions<T>(this IServiceCollection services, string job) where T : JobOptions =>
        services.AddOptions<T>().BindConfiguration("Jobs:" + job).ValidateDataAnnotations()
            .Validate(o => TryParseSchedule(o.Schedule, out _), $"Jobs:{job}:Schedule must be a 6-field NCRONTAB expression").ValidateOnStart();

    public static bool TryParseSchedule(string expression, out CrontabSchedule? schedule)
    {
        schedule = CrontabSchedule.TryParse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true });
        return schedule is not null;
    }
}

// Outside the Functions host, runs each timer on its schedule.
public sealed class TimerScheduler(IServiceProvider services, IConfiguration configuration, TimeProvider time, ILogger<TimerScheduler> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Jobs:RunSchedules=false turns the schedules off (tests run jobs explicitly).
        if (Listening.UnderFunctionsHost || !configuration.GetValue("Jobs:RunSchedules", true)) return Task.CompletedTask;
        return Task.WhenAll(Timers.All.Select(t => RunOnScheduleAsync(t, stoppingToken)));
    }

    private async Task RunOnScheduleAsync(TimerFunction timer, CancellationToken stoppingToken)
    {
        if (!Timers.TryParseSchedule(timer.Schedule(services), out var schedule))
        {
            logger.LogError("Timer {Timer}: schedule '{Schedule}' is not NCRONTAB", timer.Name, timer.Schedule(services));
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow().UtcDateTime;
            var wait = schedule!.GetNextOccurrence(now) - now;
            await Task.Delay(wait, time, stoppingToken);
            try
            {
                await timer.Run(services, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError("Timer {Timer} failed: {Reason}", timer.Name, StorageFailure.Describe(ex));
            }
        }
    }
}
