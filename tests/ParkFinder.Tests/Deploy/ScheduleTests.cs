using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ParkFinder.Functions.Hosting;

namespace ParkFinder.Tests.Deploy;

// Each job states its default schedule once (DefaultSchedule on the job class); the three places an
// app setting comes from (local.settings.json for func start, the local host's appsettings.json, the
// Bicep's parameter defaults) name that same schedule under the setting its timer trigger reads.
public sealed class ScheduleTests
{
    private static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ParkFinder.sln"))) dir = dir.Parent;
        return dir!.FullName;
    }

    [Fact]
    public void EverySettingOfAJobsScheduleIsTheOneItsClassStates()
    {
        var root = Root();
        var localSettings = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "functions/ParkFinder.Functions/local.settings.json")))!["Values"]!;
        var appSettings = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "functions/ParkFinder.LocalHost/appsettings.json")))!["Jobs"]!;
        var bicep = File.ReadAllText(Path.Combine(root, "infra/main.bicep"));
        Assert.Equal(4, FunctionCatalog.Timers.Count);
        foreach (var (name, schedule, method) in FunctionCatalog.Timers)
        {
            var stated = method.DeclaringType!.GetField("DefaultSchedule", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string;
            Assert.True(stated is not null, $"{method.DeclaringType.Name} states no DefaultSchedule");
            Assert.True(Timers.TryParseSchedule(stated, out _), $"{name}: '{stated}' is not NCRONTAB");
            Assert.Equal($"%Jobs:{name}:Schedule%", schedule);
            Assert.Equal(stated, localSettings[$"Jobs__{name}__Schedule"]?.GetValue<string>());
            Assert.Equal(stated, appSettings[name]?["Schedule"]?.GetValue<string>());
            var parameter = Regex.Match(bicep, @"@description\('[^']*%Jobs:" + name + @":Schedule%[^']*'\)\s*param \w+ string = '([^']+)'");
            Assert.True(parameter.Success, $"infra/main.bicep has no parameter for %Jobs:{name}:Schedule%");
            Assert.Equal(stated, parameter.Groups[1].Value);
        }
    }
}
