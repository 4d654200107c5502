using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using ParkFinder.Tests.Infrastructure;
using static ParkFinder.Tests.Infrastructure.Catalog;

namespace ParkFinder.Tests.Hosting;

// Every write and private read route against every kind of caller, with the exact status of each cell.
public sealed class AuthorizationMatrixTests
{
    private enum Who { Anonymous, Investor, LandlordA, LandlordB, AdminToken, AdminKey }

    private sealed record Route(string Name, HttpMethod Method, Func<int, string> Url, Func<int, HttpContent?> Body, bool IfMatch,
        Dictionary<Who, HttpStatusCode> Expected);

    [Fact]
    public async Task EachCallerGetsExactlyTheStatusItsRoleAllows()
    {
        await using var world = await TestWorld.StartAsync(null,
            Park("park-a", "甲园", units: [Unit("shared")]), Park("park-b", "乙园", units: [Unit("b1")]));
        var tokens = new Dictionary<Who, string?>
        {
            [Who.Anonymous] = null,
            [Who.Investor] = await world.TokenAsync("openid-investor"),
            [Who.LandlordA] = await world.LandlordTokenAsync("openid-landlord-a", "park-a"),
            [Who.LandlordB] = await world.LandlordTokenAsync("openid-landlord-b", "park-b"),
            [Who.AdminToken] = await world.TokenAsync(TestWorld.AdminOpenId),
            [Who.AdminKey] = null,
        };
        // Units each cell may delete, so no cell depends on another's outcome.
        var admin = world.Client(tokens[Who.AdminToken]);
        var enterpriseIds = new string[6];
        for (var cell = 0; cell < 6; cell++)
        {
            Assert.Equal(HttpStatusCode.Created, (await admin.PutAsJsonAsync($"/api/parks/park-a/units/del-{cell}", Unit($"del-{cell}"), Json)).StatusCode);
            var enterprise = await admin.PostAsJsonAsync("/api/parks/park-a/enterprises", new { name = $"待删企业{cell}", industry = "电子信息" });
            Assert.Equal(HttpStatusCode.Created, enterprise.StatusCode);
            enterpriseIds[cell] = (await enterprise.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["id"]!.GetValue<string>();
        }
        var shared = await admin.PostAsJsonAsync("/api/parks/park-a/enterprises", new { name = "共用企业", industry = "电子信息" });
        var sharedId = (await shared.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["id"]!.GetValue<string>();

        const HttpStatusCode Ok = HttpStatusCode.OK, Created = HttpStatusCode.Created, NoContent = HttpStatusCode.NoContent,
            Unauth = HttpStatusCode.Unauthorized, Forbid = HttpStatusCode.Forbidden, NotFound = HttpStatusCode.NotFound;
        Dictionary<Who, HttpStatusCode> Cells(HttpStatusCode anon, HttpStatusCode investor, HttpStatusCode a, HttpStatusCode b, HttpStatusCode adminToken, HttpStatusCode adminKey) =>
            new() { [Who.Anonymous] = anon, [Who.Investor] = investor, [Who.LandlordA] = a, [Who.LandlordB] = b, [Who.AdminToken] = adminToken, [Who.AdminKey] = adminKey };
        HttpContent JsonBody(object o) => JsonContent.Create(o, options: Json);

        var routes = new Route[]
        {
            new("import parks", HttpMethod.Post, _ => "/api/admin/parks", _ => JsonBody(new[] { Park("park-c", "丙园") }), false,
                Cells(Unauth, Forbid, Forbid, Forbid, Ok, Ok)),
            new("refresh index", HttpMethod.Post, _ => "/api/admin/index/refresh", _ => null, false, Cells(Unauth, Forbid, Forbid, Forbid, Ok, Ok)),
            new("create invite", HttpMethod.Post, _ => "/api/admin/invites", _ => JsonBody(new { parkId = "park-a" }), false,
                Cells(Unauth, Forbid, Forbid, Forbid, Created, Created)),
            new("put unit", HttpMethod.Put, c => $"/api/parks/park-a/units/new-{c}", c => JsonBody(Unit($"new-{c}")), false,
                Cells(Unauth, Forbid, Created, Forbid, Created, Unauth)),
            new("patch unit", HttpMethod.Patch, _ => "/api/parks/park-a/units/shared", _ => JsonBody(new { status = "reserved" }), true,
                Cells(Unauth, Forbid, Ok, Forbid, Ok, Unauth)),
            new("delete unit", HttpMethod.Delete, c => $"/api/parks/park-a/units/del-{c}", _ => null, true,
                Cells(Unauth, Forbid, NoContent, Forbid, NoContent, Unauth)),
            new("confirm availability", HttpMethod.Post, _ => "/api/parks/park-a/availability/confirm", _ => null, false,
                Cells(Unauth, Forbid, Ok, Forbid, Ok, Unauth)),
            new("list leads", HttpMethod.Get, _ => "/api/parks/park-a/leads", _ => null, false, Cells(Unauth, Forbid, Ok, Forbid, Ok, Unauth)),
            new("my leads", HttpMethod.Get, _ => "/api/me/leads", _ => null, false, Cells(Unauth, Ok, Ok, Ok, Ok, Unauth)),
            new("create lead", HttpMethod.Post, _ => "/api/parks/park-a/leads",
                _ => JsonBody(new { category = "other", name = "张三", phone = "13812345678", message = "想了解厂房", consent = true }), false,
                Cells(Unauth, Created, Created, Created, Created, Unauth)),
            new("list favorites", HttpMethod.Get, _ => "/api/me/favorites", _ => null, false, Cells(Unauth, Ok, Ok, Ok, Ok, Unauth)),
            new("put favorite", HttpMethod.Put, _ => "/api/me/favorites/park-a", _ => null, false, Cells(Unauth, Ok, Ok, Ok, Ok, Unauth)),
            new("export leads", HttpMethod.Get, _ => "/api/parks/park-a/leads/export", _ => null, false, Cells(Unauth, Forbid, Ok, Forbid, Ok, Unauth)),
            new("move lead", HttpMethod.Patch, _ => "/api/parks/park-a/leads/nosuchlead", _ => JsonBody(new { status = "contacted" }), true,
                Cells(Unauth, Forbid, NotFound, Forbid, NotFound, Unauth)),
            new("create enterprise", HttpMethod.Post, _ => "/api/parks/park-a/enterprises", c => JsonBody(new { name = $"新企业{c}", industry = "电子信息" }), false,
                Cells(Unauth, Forbid, Created, Forbid, Created, Unauth)),
            new("replace enterprise", HttpMethod.Put, _ => $"/api/parks/park-a/enterprises/{sharedId}", _ => JsonBody(new { name = "共用企业", industry = "软件" }), true,
                Cells(Unauth, Forbid, Ok, Forbid, Ok, Unauth)),
            new("delete enterprise", HttpMethod.Delete, c => $"/api/parks/park-a/enterprises/{enterpriseIds[c]}", _ => null, true,
                Cells(Unauth, Forbid, NoContent, Forbid, NoContent, Unauth)),
            new("import enterprises", HttpMethod.Post, _ => "/api/parks/park-b/enterprises/import", _ => new StringContent("企业名称,行业\n乙企业,电子信息\n", Encoding.UTF8, "text/csv"), false,
                Cells(Unauth, Forbid, Forbid, Ok, Ok, Unauth)),
            new("replace ecosystem definitions", HttpMethod.Put, _ => "/api/admin/ecosystem",
                _ => new StringContent(ParkFinder.Functions.Ecosystem.EcosystemDefinitions.Shipped.ToJson(), Encoding.UTF8, "application/json"), false,
                Cells(Unauth, Forbid, Forbid, Forbid, Ok, Ok)),
            new("import external score", HttpMethod.Put, _ => "/api/admin/parks/park-a/external-scores",
                _ => JsonBody(new { source = "某指数", date = "2024-10-01", tracks = new Dictionary<string, double> { ["future-health"] = 80 } }), false,
                Cells(Unauth, Forbid, Forbid, Forbid, Ok, Ok)),
            new("purge leads", HttpMethod.Post, _ => "/api/admin/jobs/purge-leads", _ => null, false, Cells(Unauth, Forbid, Forbid, Forbid, Ok, Ok)),
            new("remind stale", HttpMethod.Post, _ => "/api/admin/jobs/remind-stale", _ => null, false, Cells(Unauth, Forbid, Forbid, Forbid, Ok, Ok)),
            new("replace scorecard indicators", HttpMethod.Put, _ => "/api/admin/scorecard/indicators",
                _ => new StringContent(ParkFinder.Functions.Scorecards.IndicatorTree.Shipped.ToJson(), Encoding.UTF8, "application/json"), false,
                Cells(Unauth, Forbid, Forbid, Forbid, Ok, Ok)),
            new("import assessment", HttpMethod.Put, _ => "/api/admin/parks/park-a/scorecard",
                _ => JsonBody(new { assessor = "评估", date = "2026-10-01", source = "报告",
                    values = ParkFinder.Functions.Scorecards.IndicatorTree.Shipped.Indicators.ToDictionary(i => i.Id, _ => 75.0) }), false,
                Cells(Unauth, Forbid, Forbid, Forbid, Ok, Ok)),
            new("bind landlord", HttpMethod.Post, _ => "/api/landlord/bind", _ => JsonBody(new { inviteCode = "NOSUCHCODE" }), false,
                Cells(Unauth, NotFound, NotFound, NotFound, NotFound, Unauth)),
        };

        var failures = new List<string>();
        foreach (var route in routes)
            foreach (var (who, expected) in route.Expected)
            {
                var cell = (int)who;
                var request = new HttpRequestMessage(route.Method, route.Url(cell)) { Content = route.Body(cell) };
                if (tokens[who] is { } token) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                if (who == Who.AdminKey) request.Headers.Add("X-Admin-Key", ApiFactory.AdminKey);
                if (route.IfMatch) request.Headers.TryAddWithoutValidation("If-Match", "*");
                var response = await world.Client().SendAsync(request);
                if (response.StatusCode != expected)
                    failures.Add($"{route.Name} as {who}: expected {(int)expected}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                else if ((int)expected >= 400)
                    Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
