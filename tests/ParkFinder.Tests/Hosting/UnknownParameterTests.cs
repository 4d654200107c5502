using System.Net;
using System.Net.Http.Headers;
using ParkFinder.Functions.Hosting;
using ParkFinder.Tests.Infrastructure;
using static ParkFinder.Tests.Infrastructure.Catalog;

namespace ParkFinder.Tests.Hosting;

// A misspelt parameter (spaceTypes for spaceType) must not silently widen an answer.
public sealed class UnknownParameterTests(UnknownParameterTests.OnePark shared) : IClassFixture<UnknownParameterTests.OnePark>
{
    // Every request here is refused or only reads: one world for the class.
    public sealed class OnePark : SharedWorld
    {
        protected override Task<TestWorld> StartAsync() => TestWorld.StartAsync(null, Park("p-x", "参数园", units: [Unit("u1")]));
    }

    [Fact]
    public async Task EveryRouteRefusesAQueryParameterItDoesNotKnowAndNamesIt()
    {
        var world = shared.World;
        var admin = await world.TokenAsync(TestWorld.AdminOpenId);
        var client = world.Client(admin);
        var checkedRoutes = 0;
        foreach (var function in FunctionCatalog.Http)
        {
            var path = function.Path.Replace("{parkId}", "p-x").Replace("{unitId}", "u1").Replace("{alertId}", "a0123456789abcdef").Replace("{uploadId}", "up1");
            foreach (var method in function.DocumentedMethods)
            {
                var request = new HttpRequestMessage(new HttpMethod(method), path + "?zzzUnknown=1");
                request.Headers.TryAddWithoutValidation("If-Match", "*"); // writes of a stored version need one first (428)
                var response = await client.SendAsync(request);
                var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "unknown_parameter");
                Assert.True(problem.GetProperty("errors").TryGetProperty("zzzUnknown", out _), $"{method} {path}");
                checkedRoutes++;
            }
        }
        Assert.True(checkedRoutes >= 30, $"only {checkedRoutes} operations checked");
    }

    [Fact]
    public async Task SearchRefusesATypoButTakesItsOwnParametersAndTheFunctionKeyOnOperatorRoutes()
    {
        var world = shared.World;
        var anyone = world.Client();
        var typo = await anyone.GetAsync("/api/parks?spaceTypes=factory");
        var problem = await ProblemAssert.IsProblem(typo, HttpStatusCode.BadRequest, "unknown_parameter");
        Assert.Contains("spaceType", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, (await anyone.GetAsync("/api/parks?spaceType=factory&sort=rent&limit=5&q=参数")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anyone.GetAsync("/api/parks/p-x/units?status=all&spaceType=factory")).StatusCode);
        // Anonymous routes take no function key: ?code= there is unknown like anything else.
        await ProblemAssert.IsProblem(await anyone.GetAsync("/api/parks?code=abc"), HttpStatusCode.BadRequest, "unknown_parameter");
        var admin = world.Factory.CreateAdminClient();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/admin/index/refresh?code=function-key", null)).StatusCode);
    }

    // A known parameter with a value of the wrong type is refused in this API's words, keyed by the parameter,
    // quoting at most 40 characters of the value: no .NET type, no value echoed back whole.
    [Fact]
    public async Task AValueOfTheWrongTypeIsA400NamingTheParameterInThisApisWords()
    {
        var world = shared.World;
        var operatorClient = world.Client(await world.TokenAsync(TestWorld.AdminOpenId));
        var cases = new[]
        {
            ("/api/parks/p-x/leads?overdue=maybe", "overdue", "'maybe' must be true or false"),
            ("/api/parks/p-x/leads?limit=ten", "limit", "'ten' must be a whole number"),
            ("/api/me/favorites?limit=1.5", "limit", "'1.5' must be a whole number"),
            ("/api/parks/p-x/leads?overdue=", "overdue", "'' must be true or false"),
            ("/api/parks/p-x/leads?overdue=" + new string('长', 5000), "overdue", "'" + new string('长', 40) + "…' must be true or false"),
        };
        foreach (var (url, parameter, message) in cases)
        {
            var response = await operatorClient.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "invalid_parameter");
            Assert.Equal([message], problem.GetProperty("errors").GetProperty(parameter).EnumerateArray().Select(e => e.GetString()));
            Assert.DoesNotContain("Nullable", body);
            Assert.True(body.Length < 1000, $"{url}: {body.Length} characters");
        }
        // Values of the right type pass, as binding reads them.
        foreach (var url in new[] { "/api/parks/p-x/leads?limit=5", "/api/parks/p-x/leads?overdue=TRUE&limit=05" })
        {
            var response = await operatorClient.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
