using System.Text.Json;
using Microsoft.AspNetCore.Http;
using ParkFinder.Functions.Leads;
using ParkFinder.Functions.Units;
using ParkFinder.Tests.Infrastructure;
using static ParkFinder.Tests.Infrastructure.Catalog;

namespace ParkFinder.Tests.Hosting;

// A [Function] method called with a bare HttpContext: no routing, no endpoint, nothing but the
// request. The worker's ASP.NET Core integration does route requests today; these prove the
// functions do not depend on it (route values, access checks and problems come from FunctionEndpoint).
public sealed class WorkerInvocationTests
{
    private static async Task<(int Status, JsonElement Body)> InvokeAsync(ApiFactory factory, Func<HttpRequest, Task> function, string method, string path,
        string? bearer = null)
    {
        var context = new DefaultHttpContext { RequestServices = factory.Services };
        context.Request.Method = method;
        context.Request.Path = path;
        if (bearer is not null) context.Request.Headers.Authorization = "Bearer " + bearer;
        var body = new MemoryStream();
        context.Response.Body = body;
        await function(context.Request);
        return (context.Response.StatusCode, JsonDocument.Parse(body.ToArray()).RootElement.Clone());
    }

    [Fact]
    public async Task AFunctionCalledWithoutRoutingStillBindsItsRouteValuesAndChecksAccess()
    {
        await using var factory = new ApiFactory();
        await ImportAsync(factory, [Park("p-w", "工作者园", units: [Unit("u1", area: 1000), Unit("u2", area: 500, status: "leased")])]);

        var (status, vacancy) = await InvokeAsync(factory, UnitsApi.GetVacancyFunction, "GET", "/api/parks/p-w/vacancy");
        Assert.Equal(200, status);
        Assert.Equal("p-w", vacancy.GetProperty("parkId").GetString());
        Assert.Equal(1500, vacancy.GetProperty("overall").GetProperty("inventoryArea").GetDouble());

        var (denied, problem) = await InvokeAsync(factory, LeadsApi.ListLeadsFunction, "GET", "/api/parks/p-w/leads");
        Assert.Equal(401, denied);
        Assert.Equal("unauthorized", problem.GetProperty("code").GetString());

        var (forged, invalid) = await InvokeAsync(factory, LeadsApi.ListLeadsFunction, "GET", "/api/parks/p-w/leads", bearer: "not-a-token");
        Assert.Equal(401, forged);
        Assert.Equal("invalid_token", invalid.GetProperty("code").GetString());

        var (missing, notFound) = await InvokeAsync(factory, UnitsApi.GetVacancyFunction, "GET", "/api/parks/nope/vacancy");
        Assert.Equal(404, missing);
        Assert.Equal("park_not_found", notFound.GetProperty("code").GetString());
    }
}
