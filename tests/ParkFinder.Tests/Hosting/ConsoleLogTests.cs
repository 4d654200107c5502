using System.Diagnostics;
using System.Text.Json;
using ParkFinder.Tests.Infrastructure;

namespace ParkFinder.Tests.Hosting;

// What an operator reads from the local host's standard output: every request's line as a JSON
// object, none lost to the batched writer, including the last ones before a graceful stop.
public sealed class ConsoleLogTests
{
    [Fact]
    public async Task EveryRequestReachesStandardOutputAsJsonIncludingThoseJustBeforeAStop()
    {
        var port = Azurite.FreePort();
        var psi = new ProcessStartInfo("dotnet", [LocalHostBuild.Dll, "--urls", $"http://127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        psi.Environment["Storage__ConnectionString"] = Azurite.ConnectionString;
        psi.Environment["Storage__TablePrefix"] = Azurite.UniqueName("log");
        psi.Environment["Auth__SigningKey"] = "test-signing-key-that-is-long-enough-0123456789abcdef";
        psi.Environment["Auth__AdminApiKey"] = ApiFactory.AdminKey;
        psi.Environment["WeChat__AppId"] = "wx-test-app";
        psi.Environment["WeChat__AppSecret"] = "test-app-secret-0123456789";
        psi.Environment["Jobs__RunSchedules"] = "false";
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        const int requests = 300;
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await WaitUntilListening(client);
            await Parallel.ForAsync(0, requests, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
            {
                using var response = await client.GetAsync($"/api/parks/missing-{i}", ct);
                Assert.Equal(404, (int)response.StatusCode);
            });
            using var stop = Process.Start("kill", $"-TERM {process.Id}"); // a graceful stop, as the platform sends
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }

        var lines = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var entries = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList(); // every line is one JSON object
        var requestLines = entries.Where(e => e.GetProperty("Category").GetString() == "ParkFinder.Functions.Hosting.RequestLogging").ToList();
        Assert.Equal(requests, requestLines.Count(e => e.GetProperty("Message").GetString()!.StartsWith("HTTP GET /api/parks/{parkId} responded 404")));
        Assert.Contains(entries, e => e.GetProperty("Message").GetString() == "Application is shutting down...");
        Assert.DoesNotContain("   at ", await stderr);
    }

    // Until the park index has loaded, searches and park pages answer 503: ready when a search answers 200.
    private static async Task WaitUntilListening(HttpClient client)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var response = await client.GetAsync("/api/parks?limit=1");
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) when (attempt < 300)
            {
            }
            if (attempt >= 300) throw new TimeoutException("The local host did not become ready.");
            await Task.Delay(100);
        }
    }
}
