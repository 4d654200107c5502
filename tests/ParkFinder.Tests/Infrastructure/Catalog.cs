using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ParkFinder.Functions.Parks;

namespace ParkFinder.Tests.Infrastructure;

public static class Catalog
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // Imports through the admin API, as an operator would, and returns once this instance's index holds
    // the import. The import itself asks the instance's refresher to rebuild at once, so this waits for
    // that build rather than forcing a second one through /api/admin/index/refresh (a full load, build
    // and index image per import more, in nearly every test world).
    public static async Task ImportAsync(ApiFactory factory, IEnumerable<Park> parks)
    {
        await factory.StartAsync();
        var admin = factory.CreateAdminClient();
        var response = await admin.PostAsJsonAsync("/api/admin/parks", parks, Json);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var version = await factory.Services.GetRequiredService<ParkStore>().GetVersionAsync(CancellationToken.None);
        var holder = factory.Services.GetRequiredService<ParkFinder.Functions.Search.ParkIndexHolder>();
        // A hang guard of 60 s, not a timing assertion.
        for (var i = 0; i < 6000 && holder.Current.Version != version; i++) await Task.Delay(10);
        Assert.True(holder.Current.Version == version, $"the index did not reach the import's catalog version {version} (it holds {holder.Current.Version})");
    }

    public static async Task<JsonNode> GetJsonAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!;
    }

    public static Park Park(string id, string name, string city = "440300", string district = "440305", double lat = 22.53, double lng = 113.95,
        string[]? industries = null, string[]? tags = null, int? stars = 4, params Unit[] units) => new()
    {
        Id = id, Name = name, City = new Region(city, CityName(city)), District = new Region(district, "区" + district),
        Lat = lat, Lng = lng, Industries = industries ?? ["电子信息"], Tags = tags ?? [], Stars = stars, Units = units.ToList(),
    };

    public static Unit Unit(string id, string type = "factory", double area = 1000, double rent = 30, string rentUnit = "CNY/m2/month",
        string status = "available", double? ceiling = null, string[]? tags = null) => new()
    {
        Id = id, SpaceType = type, Area = area, Rent = new Rent(rent, rentUnit), Status = status, CeilingHeightM = ceiling, Tags = tags ?? [],
    };

    private static string CityName(string code) => code switch { "440300" => "深圳市", "420100" => "武汉市", "110000" => "北京市", _ => "某市" };
}
