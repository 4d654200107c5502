using System.Diagnostics;
using ParkFinder.Tests.Infrastructure;

namespace ParkFinder.Tests.Hosting;

// A newcomer's misconfiguration: one clear line per bad setting and a non-zero exit, no stack trace.
public sealed class ConfigurationErrorTests
{
    [Fact]
    public async Task TheLocalHostWithoutItsSettingsSaysWhichAreMissingAndExitsWithCode2()
    {
        var psi = new ProcessStartInfo("dotnet", [LocalHostBuild.Dll, "--urls", $"http://127.0.0.1:{Azurite.FreePort()}"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        psi.Environment["Auth__SigningKey"] = "too-short";
        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        var errors = (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, process.ExitCode);
        Assert.Contains(errors, l => l.StartsWith("configuration error:") && l.Contains("SigningKey") && l.Contains("32"));
        Assert.Contains(errors, l => l.StartsWith("configuration error:") && l.Contains("Storage:ConnectionString"));
        Assert.All(errors, l => Assert.StartsWith("configuration error:", l));
        Assert.DoesNotContain("   at ", await stdout + string.Join("\n", errors));
    }
}
