using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using ParkFinder.Tests.Infrastructure;

namespace ParkFinder.Tests.Hosting;

public sealed class HostingApiTests(EmptyApp empty) : IClassFixture<EmptyApp>
{
    [Fact]
    public async Task HealthIsOkWhenStorageAnswers()
    {
        var client = await empty.Factory.StartAsync();
        var response = await client.GetAsync("/api/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("ok", json.GetProperty("status").GetString());
        Assert.Equal("ok", json.GetProperty("storage").GetString());
    }

    [Fact]
    public async Task HealthIs503WithRetryAfterWhenStorageIsUnreachable()
    {
        var deadPort = Azurite.FreePort();
        await using var factory = new ApiFactory(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = DeadStorage(deadPort),
        });
        var response = await factory.CreateClient().GetAsync("/api/health");
        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.ServiceUnavailable, "storage_unavailable");
        Assert.Equal("unavailable", problem.GetProperty("storage").GetString());
        Assert.NotNull(response.Headers.RetryAfter);
    }

    [Fact]
    public async Task HealthIs503InsteadOfHangingWhenStorageNeverAnswers()
    {
        // Accepts connections and never answers: a storage endpoint that hangs.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var accepted = new List<Socket>();
        _ = Task.Run(async () => { while (true) accepted.Add(await listener.AcceptSocketAsync()); });
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        await using var factory = new ApiFactory(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = DeadStorage(port),
            ["Storage:TimeoutSeconds"] = "1",
        });
        // A hang fails the test (instead of blocking the run); the answer itself is the assertion.
        var response = await factory.CreateClient().GetAsync("/api/health").WaitAsync(TimeSpan.FromMinutes(2));
        await ProblemAssert.IsProblem(response, HttpStatusCode.ServiceUnavailable, "storage_unavailable");
        foreach (var s in accepted) s.Dispose();
    }

    [Fact]
    public async Task UnknownRouteIsA404Problem()
    {
        var factory = empty.Factory;
        var response = await factory.CreateClient().GetAsync("/api/no-such-thing");
        await ProblemAssert.IsProblem(response, HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task WrongMethodIsA405Problem()
    {
        var factory = empty.Factory;
        var response = await factory.CreateClient().DeleteAsync("/api/health");
        await ProblemAssert.IsProblem(response, HttpStatusCode.MethodNotAllowed, "method_not_allowed");
    }

    [Fact]
    public async Task OpenApiDocumentListsTheRoutes()
    {
        var factory = empty.Factory;
        var response = await factory.CreateClient().GetAsync("/api/openapi.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.StartsWith("3.", json.GetProperty("openapi").GetString());
        Assert.True(json.GetProperty("paths").TryGetProperty("/api/health", out _));
    }

    [Fact]
    public async Task EachRequestLogsOneLineWithRouteStatusAndDurationAndNoSecrets()
    {
        var factory = empty.Factory;
        var client = await factory.StartAsync();
        // The class's app: this test's lines are those logged from here on (a class's tests run one at a time).
        var before = factory.Logs.Lines.Count;
        await client.GetAsync("/api/health");
        await client.GetAsync("/api/parks?q=secret-wx-code");
        await client.GetAsync("/api/missing");

        var lines = factory.Logs.Lines.Skip(before).Where(l => l.Contains("ParkFinder.Functions.Hosting.RequestLogging")).ToList();
        Assert.Contains(lines, l => l.Contains("Route=/api/health") && l.Contains("Status=200") && l.Contains("ElapsedMs="));
        Assert.Contains(lines, l => l.Contains("Route=/api/parks") && l.Contains("ElapsedMs="));
        Assert.Contains(lines, l => l.Contains("Route=(unmatched)") && l.Contains("Status=404"));
        Assert.Equal(3, lines.Count);
        var all = factory.Logs.All;
        Assert.DoesNotContain("secret-wx-code", all);
        Assert.DoesNotContain(Azurite.DevelopmentAccountKey, all);
        Assert.DoesNotContain(ApiFactory.AdminKey, all);
    }

    private static string DeadStorage(int port) =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Azurite.DevelopmentAccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";
}
