using System.Net.Http.Headers;
using System.Net.Http.Json;
using ParkFinder.Tests.Infrastructure;
using static ParkFinder.Tests.Infrastructure.Catalog;

namespace ParkFinder.Tests.Hosting;

// Ids that cannot be table keys (slashes, quotes, '#', '?', control characters, very long) reach
// every route that turns a path segment into a key: each answer is a 4xx problem, never a 500.
public sealed class HostileInputTests
{
    private static readonly string[] Ids = ["a%2Fb", "%27%20or%201%20eq%201", "x%23y", "p%3Fq", "%5Cback", "tab%09", new string('x', 300), "%F0%9F%8F%AD", ".."]; // %00 never reaches the app: Kestrel refuses it

    [Fact]
    public async Task NoPathIdMakesA500()
    {
        await using var world = await TestWorld.StartAsync(null, Park("park-a", "甲园", units: [Unit("u1")]));
        var admin = await world.TokenAsync(TestWorld.AdminOpenId);
        var landlord = await world.LandlordTokenAsync("openid-landlord", "park-a");
        var failures = new List<string>();
        foreach (var id in Ids)
        {
            var requests = new (string Token, HttpMethod Method, string Url, HttpContent? Body)[]
            {
                (admin, HttpMethod.Get, $"/api/parks/{id}", null),
                (admin, HttpMethod.Get, $"/api/parks/{id}/units", null),
                (admin, HttpMethod.Get, $"/api/parks/{id}/vacancy", null),
                (admin, HttpMethod.Get, $"/api/trends?scope=park:{id}", null),
                (admin, HttpMethod.Get, $"/api/me/favorites/{id}", null),
                (admin, HttpMethod.Put, $"/api/me/favorites/{id}", null),
                (admin, HttpMethod.Delete, $"/api/me/favorites/{id}", null),
                (admin, HttpMethod.Patch, $"/api/parks/{id}/units/u1", JsonContent.Create(new { status = "leased" })),
                (admin, HttpMethod.Patch, $"/api/parks/park-a/units/{id}", JsonContent.Create(new { status = "leased" })),
                (admin, HttpMethod.Delete, $"/api/parks/park-a/units/{id}", null),
                (admin, HttpMethod.Put, $"/api/parks/park-a/units/{id}", JsonContent.Create(Unit("u9"), options: Json)),
                (admin, HttpMethod.Get, $"/api/parks/{id}/leads", null),
                (landlord, HttpMethod.Get, $"/api/parks/park-a/leases/uploads/{id}", null),
                (admin, HttpMethod.Post, "/api/landlord/bind", JsonContent.Create(new { inviteCode = Uri.UnescapeDataString(id) })),
                (admin, HttpMethod.Post, "/api/admin/invites", JsonContent.Create(new { parkId = Uri.UnescapeDataString(id) })),
            };
            foreach (var (token, method, url, body) in requests)
            {
                var request = new HttpRequestMessage(method, url) { Content = body };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                request.Headers.TryAddWithoutValidation("If-Match", "*");
                var response = await world.Client().SendAsync(request);
                if ((int)response.StatusCode >= 500) failures.Add($"{method} {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
