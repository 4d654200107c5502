using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using NCrontab;

namespace ParkFinder.Functions.Hosting;

// What every scheduled job is configured with, under Jobs:{job name}.
public abstract class JobOptions
{
    // NCRONTAB with seconds, as the Functions timer trigger reads it: an app setting (local.settings.json,
    // the Bicep, the local host's appsettings.json), the same one the [TimerTrigger] names.
    [Required]
    public string Schedule { get; set; } = "";
    [Range(15, 60)]
    public int LockSeconds { get; set; } = 60;
}

public static class Timers
{
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
