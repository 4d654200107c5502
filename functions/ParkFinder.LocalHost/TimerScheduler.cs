using Microsoft.Azure.Functions.Worker;
using ParkFinder.Functions.Hosting;

namespace ParkFinder.LocalHost;

// Runs each timer function on its schedule, read from the setting its trigger names
// (%Jobs:RecalculateTrends:Schedule%), as the Functions host does. Jobs:RunSchedules=false turns
// the schedules off (tests run jobs explicitly).
public sealed class TimerScheduler(IServiceProvider services, IConfiguration configuration, TimeProvider time, ILogger<TimerScheduler> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Jobs:RunSchedules", true)) return Task.CompletedTask;
        return Task.WhenAll(FunctionCatalog.Timers.Select(t => RunOnScheduleAsync(t.Name, t.Schedule, t.Method, stoppingToken)));
    }

    private async Task RunOnScheduleAsync(string name, string setting, System.Reflection.MethodInfo method, CancellationToken stoppingToken)
    {
        var expression = setting.StartsWith('%') && setting.EndsWith('%') ? configuration[setting.Trim('%')] ?? "" : setting;
        if (!Timers.TryParseSchedule(expression, out var schedule))
        {
            logger.LogError("Timer {Timer}: schedule '{Schedule}' from {Setting} is not NCRONTAB", name, expression, setting);
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow().UtcDateTime;
            await Task.Delay(schedule!.GetNextOccurrence(now) - now, time, stoppingToken);
            try
            {
                var instance = ActivatorUtilities.CreateInstance(services, method.DeclaringType!);
                await (Task)method.Invoke(instance, [new TimerInfo(), stoppingToken])!;
                logger.LogInformation("Timer {Timer} ran", name);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError("Timer {Timer} failed: {Reason}", name, StorageFailure.Describe(ex.InnerException ?? ex));
            }
        }
    }
}
