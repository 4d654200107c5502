using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ParkFinder.Tests.Infrastructure;

namespace ParkFinder.Tests.Deploy;

// The published package, started as the Functions host starts a custom handler.
public sealed class CustomHandlerContractTests(FunctionsPackage package) : IClassFixture<FunctionsPackage>
{
    private static Dictionary<string, string> Settings(string connectionString) => new()
    {
        ["Storage__ConnectionString"] = connectionString,
        ["Storage__TablePrefix"] = Azurite.UniqueName("t"),
        ["Auth__SigningKey"] = "contract-test-signing-key-0123456789abcdef",
        ["WeChat__AppId"] = "wx-contract",
        ["WeChat__AppSecret"] = "contract-secret",
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
    };

    private static StringContent TimerPayload(bool pastDue) => new(
        "{\"Data\":{\"timer\":{\"Schedule\":{\"AdjustForDST\":true},\"ScheduleStatus\":null,\"IsPastDue\":" + (pastDue ? "true" : "false") + "}}," +
        "\"Metadata\":{\"sys\":{\"MethodName\":\"RecalculateTrends\",\"UtcNow\":\"2026-11-21T23:00:00Z\"}}}", Encoding.UTF8, "application/json");

    [Fact]
    public async Task ThePackagedAppAnswersTheProbeAProxiedRequestAndTimerInvocations()
    {
        using var app = package.Start(Settings(Azurite.ConnectionString));
        var ready = await app.WaitUntilReadyAsync();
        Assert.True(ready < TimeSpan.FromSeconds(30));

        // Proxied requests arrive at their original path; storage initialises in the background.
        HttpResponseMessage health;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        do health = await app.Client.GetAsync("/api/health");
        while (health.StatusCode != HttpStatusCode.OK && DateTime.UtcNow < deadline && await Task.Delay(200).ContinueWith(_ => true));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync("/api/parks?city=440300")).StatusCode);

        foreach (var pastDue in new[] { true, false })
        {
            var response = await app.Client.PostAsync("/RecalculateTrends", TimerPayload(pastDue));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
            Assert.Equal(["Logs", "Outputs", "ReturnValue"], body.Select(p => p.Key).Order());
            Assert.Null(body["ReturnValue"]);
        }
    }

    [Fact]
    public async Task AFailingTimerRunAnswersNon2xx()
    {
        var dead = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Azurite.DevelopmentAccountKey};" +
                   $"BlobEndpoint=http://127.0.0.1:{Azurite.FreePort()}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{Azurite.FreePort()}/devstoreaccount1;";
        var settings = Settings(dead);
        settings["Storage__TimeoutSeconds"] = "1";
        using var app = package.Start(settings);
        await app.WaitUntilReadyAsync();
        var response = await app.Client.PostAsync("/RecalculateTrends", TimerPayload(false));
        Assert.False(response.IsSuccessStatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.True(body.ContainsKey("Logs") && body.ContainsKey("Outputs"));
    }

    [Fact]
    public async Task ThePackagesFunctionsAreExactlyTheAppsEndpointsAndTimers()
    {
        // The endpoints as the app documents them (OpenAPI), read independently of the generator.
        using var app = package.Start(Settings(Azurite.ConnectionString));
        await app.WaitUntilReadyAsync();
        var openApi = JsonNode.Parse(await app.Client.GetStringAsync("/api/openapi.json"))!;
        var documented = openApi["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(op => (Route: path.Key.TrimStart('/')["api/".Length..].TrimEnd('/'), Method: op.Key)))
            .Append(("openapi.json", "get"))
            .ToHashSet();

        var packaged = new HashSet<(string, string)>();
        var timers = new List<string>();
        foreach (var name in package.FunctionNames)
        {
            var json = JsonNode.Parse(File.ReadAllText(Path.Combine(package.Directory, name, "function.json")))!;
            var trigger = json["bindings"]![0]!;
            if (trigger["type"]!.GetValue<string>() == "timerTrigger") { timers.Add(name); continue; }
            Assert.Equal("httpTrigger", trigger["type"]!.GetValue<string>());
            var route = trigger["route"]!.GetValue<string>();
            Assert.Equal(route.StartsWith("admin", StringComparison.Ordinal) ? "function" : "anonymous", trigger["authLevel"]!.GetValue<string>());
            foreach (var method in trigger["methods"]!.AsArray()) Assert.True(packaged.Add((route, method!.GetValue<string>())), $"{route} {method} twice");
        }

        Assert.Empty(documented.Except(packaged));   // every endpoint has a function
        Assert.Empty(packaged.Except(documented));   // every function has an endpoint
        Assert.Equal(["NotifyAlerts", "RecalculateTrends"], timers.Order(StringComparer.Ordinal));
        Assert.True(File.Exists(Path.Combine(package.Directory, "host.json")));
        Assert.True(File.Exists(package.Directory + ".zip"));
    }
}
