using System.Diagnostics;
using ParkFinder.Tests.Infrastructure;

namespace ParkFinder.Tests.Deploy;

// The deployable package, built once for the test class by the README's package command.
public sealed class FunctionsPackage : IDisposable
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "parkfinder-pkg-" + Guid.NewGuid().ToString("N")[..8]);

    public FunctionsPackage()
    {
        var psi = new ProcessStartInfo("bash", [Path.Combine(Azurite.RepoRoot(), "scripts", "package.sh"), Directory])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Azurite.RepoRoot(),
        };
        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)) || process.ExitCode != 0)
            throw new InvalidOperationException("scripts/package.sh failed: " + stderr.Result);
    }

    public IEnumerable<string> FunctionNames => System.IO.Directory.GetDirectories(Directory).Select(Path.GetFileName).Where(n => n != "app")!;

    // Starts the packaged app the way the Functions host does: from app/, with FUNCTIONS_CUSTOMHANDLER_PORT.
    public RunningApp Start(IDictionary<string, string> environment)
    {
        var port = Azurite.FreePort();
        var psi = new ProcessStartInfo(Path.Combine(Directory, "app", "ParkFinder.Api"))
        {
            WorkingDirectory = Path.Combine(Directory, "app"), RedirectStandardOutput = true, RedirectStandardError = true,
        };
        psi.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString();
        psi.Environment.Remove("ASPNETCORE_URLS");
        foreach (var (k, v) in environment) psi.Environment[k] = v;
        var process = Process.Start(psi)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new RunningApp(process, new Uri($"http://127.0.0.1:{port}"));
    }

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); File.Delete(Directory + ".zip"); }
        catch (IOException) { }
    }
}

public sealed class RunningApp(Process process, Uri address) : IDisposable
{
    public HttpClient Client { get; } = new() { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };

    // The host's readiness probe: GET / until anything answers, for at most 30 s.
    public async Task<TimeSpan> WaitUntilReadyAsync()
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (process.HasExited) throw new InvalidOperationException($"the app exited with {process.ExitCode}");
            try
            {
                using var probe = await Client.GetAsync("/");
                return watch.Elapsed;
            }
            catch (HttpRequestException) { await Task.Delay(100); }
        }
        throw new TimeoutException("the app did not answer GET / within 30 s");
    }

    public void Dispose()
    {
        Client.Dispose();
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.Dispose();
    }
}
