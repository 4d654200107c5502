using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using ParkFinder.Tests.Infrastructure;
using static ParkFinder.Tests.Infrastructure.Catalog;

namespace ParkFinder.Tests.Catalog;

public sealed class AdminParksApiTests(EmptyApp empty) : IClassFixture<EmptyApp>
{
    [Fact]
    public async Task AnImportShowsInThisInstancesSearchWithoutWaitingForTheRefreshPeriod()
    {
        // An hour-long period: only the import's own request to the refresher can bring the park in.
        await using var factory = new ApiFactory(new Dictionary<string, string?> { ["Search:RefreshSeconds"] = "3600" });
        await ImportAsync(factory, [Park("p-first", "先导入园")]);
        // The refresher has finished its own work after that rebuild (the snapshot is written): it now sleeps.
        var snapshots = factory.Services.GetRequiredService<ParkFinder.Functions.Search.IndexSnapshots>();
        var holder = factory.Services.GetRequiredService<ParkFinder.Functions.Search.ParkIndexHolder>();
        for (var i = 0; i < 300 && (await snapshots.TryLoadAsync(CancellationToken.None))?.Version != holder.Current.Version; i++) await Task.Delay(100);
        var client = factory.CreateClient();
        var imported = await factory.CreateAdminClient().PostAsJsonAsync("/api/admin/parks", new[] { Park("p-fresh", "新导入园") }, Json);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var total = 0;
        for (var i = 0; i < 300 && total == 0; i++) // a hang guard of 30 s, not a timing assertion
        {
            var search = await client.GetAsync("/api/parks?q=新导入");
            if (search.StatusCode == HttpStatusCode.OK) total = (await client.GetJsonAsync("/api/parks?q=新导入"))["total"]!.GetValue<int>();
            if (total == 0) await Task.Delay(100);
        }
        Assert.Equal(1, total);
    }

    [Fact]
    public async Task ImportWithoutOrWithAWrongAdminKeyIs401AndWritesNothing()
    {
        var factory = empty.Factory;
        var anonymous = await factory.StartAsync();
        var wrong = factory.CreateClient();
        wrong.DefaultRequestHeaders.Add("X-Admin-Key", "not-the-admin-key-at-all");
        await ProblemAssert.IsProblem(await anonymous.PostAsJsonAsync("/api/admin/parks", new[] { Park("p-x", "X园") }, Json), HttpStatusCode.Unauthorized, "unauthorized");
        await ProblemAssert.IsProblem(await wrong.PostAsJsonAsync("/api/admin/parks", new[] { Park("p-x", "X园") }, Json), HttpStatusCode.Unauthorized, "unauthorized");
        await ProblemAssert.IsProblem(await anonymous.PostAsync("/api/admin/index/refresh", null), HttpStatusCode.Unauthorized, "unauthorized");

        await factory.CreateAdminClient().PostAsync("/api/admin/index/refresh", null);
        Assert.Equal(0, (await anonymous.GetJsonAsync("/api/parks"))["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task OneInvalidItemRejectsTheWholeImportListingEveryErrorByIndex()
    {
        await using var factory = new ApiFactory();
        await ImportAsync(factory, [Park("p-keep", "保留园", units: [Unit("u1")])]);
        var admin = factory.CreateAdminClient();

        var bad = new[]
        {
            Park("p-ok", "好园"),
            Park("p-bad", "", city: "123", units: [Unit("u1", type: "castle", area: -5), Unit("u1")]),
            Park("p-ok", "重复"),
        };
        bad[1].Lat = 91;
        var response = await admin.PostAsJsonAsync("/api/admin/parks", bad, Json);
        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "invalid_import");
        var errors = problem.GetProperty("errors");
        foreach (var key in new[] { "[1].name", "[1].city.code", "[1].lat", "[1].units[0].spaceType", "[1].units[0].area", "[1].units[1].id", "[2].id" })
            Assert.True(errors.TryGetProperty(key, out _), $"missing {key} in {errors}");

        await admin.PostAsync("/api/admin/index/refresh", null);
        var all = await factory.CreateClient().GetJsonAsync("/api/parks");
        Assert.Equal(1, all["total"]!.GetValue<int>());
        Assert.Equal("p-keep", all["items"]![0]!["id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{not json", "$", "invalid_json")]
    [InlineData("[{\"id\":\"p-1\",\"lat\":\"north\"}]", "[0].lat", "invalid_parameter")]
    [InlineData("{\"id\":\"p-1\"}", "$", "invalid_parameter")]
    [InlineData("[{\"id\":\"p-1\",\"units\":[{\"id\":\"u1\",\"aera\":5}]}]", "[0].units[0].aera", "unknown_field")]
    public async Task MalformedJsonIsA400Problem(string body, string path, string code)
    {
        var factory = empty.Factory;
        await factory.StartAsync();
        var response = await factory.CreateAdminClient().PostAsync("/api/admin/parks", new StringContent(body, Encoding.UTF8, "application/json"));
        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, code);
        Assert.True(problem.GetProperty("errors").EnumerateObject().Any(e => e.Name == path), problem.ToString());
    }

    [Fact]
    public async Task AnotherContentTypeIs415()
    {
        var factory = empty.Factory;
        await factory.StartAsync();
        var response = await factory.CreateAdminClient().PostAsync("/api/admin/parks", new StringContent("<parks/>", Encoding.UTF8, "application/xml"));
        await ProblemAssert.IsProblem(response, HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
    }

    [Fact]
    public async Task ReimportReplacesTheParksUnitsAndIgnoresComputedFields()
    {
        await using var factory = new ApiFactory();
        await ImportAsync(factory, [Park("p-r", "替换园", units: [Unit("old-1"), Unit("old-2"), Unit("kept", area: 700)])]);
        var json = """
            [{"id":"p-r","name":"替换园","city":{"code":"440300","name":"深圳市"},"district":{"code":"440305","name":"南山区"},
              "lat":22.5,"lng":113.9,"vacancyRate":0.99,"availableArea":123456,"updatedAt":"2000-01-01T00:00:00Z",
              "units":[{"id":"kept","spaceType":"factory","area":800,"rent":{"amount":25,"unit":"CNY/m2/month"},"status":"available","etag":"x"},
                       {"id":"new-1","spaceType":"warehouse","area":2000,"rent":{"amount":1.2,"unit":"元/㎡/天"},"status":"leased"}]}]
            """;
        var admin = factory.CreateAdminClient();
        var response = await admin.PostAsync("/api/admin/parks", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var counts = await response.Content.ReadFromJsonAsync<Dictionary<string, int>>();
        Assert.Equal(1, counts!["parks"]);
        Assert.Equal(2, counts["units"]);
        await admin.PostAsync("/api/admin/index/refresh", null);

        var client = factory.CreateClient();
        var units = await client.GetJsonAsync("/api/parks/p-r/units?status=all");
        Assert.Equal(["kept", "new-1"], units["items"]!.AsArray().Select(u => u!["id"]!.GetValue<string>()).Order());
        var warehouse = units["items"]!.AsArray().Single(u => u!["id"]!.GetValue<string>() == "new-1")!;
        Assert.Equal("CNY/m2/day", warehouse["rent"]!["unit"]!.GetValue<string>());
        var park = await client.GetJsonAsync("/api/parks/p-r");
        Assert.Equal(800, park["availableArea"]!.GetValue<double>());
        Assert.NotEqual("2000-01-01T00:00:00+00:00", park["updatedAt"]!.GetValue<string>());
    }

    [Fact]
    public async Task CsvImportWithOneRowPerUnitCreatesParksAndUnits()
    {
        await using var factory = new ApiFactory();
        await factory.StartAsync();
        var csv = """
            parkId,parkName,cityCode,cityName,districtCode,districtName,lat,lng,industries,stars,parkTags,unitId,spaceType,area,rentAmount,rentUnit,status,ceilingHeightM,unitTags
            p-csv,"CSV园, 一期",440300,深圳市,440306,宝安区,22.58,113.87,智能制造;机器人,4,可注册,F-1,factory,3000,28,CNY/m2/month,available,9.5,可环评;有产证
            p-csv,"CSV园, 一期",440300,深圳市,440306,宝安区,22.58,113.87,智能制造;机器人,4,可注册,O-1,office,200,3.2,CNY/m2/day,leased,,
            p-empty,空园,440300,深圳市,440305,南山区,22.53,113.95,,3,,,,,,,,,
            """;
        var admin = factory.CreateAdminClient();
        var response = await admin.PostAsync("/api/admin/parks", new StringContent(csv, Encoding.UTF8, "text/csv"));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        await admin.PostAsync("/api/admin/index/refresh", null);

        var client = factory.CreateClient();
        var park = await client.GetJsonAsync("/api/parks/p-csv");
        Assert.Equal("CSV园, 一期", park["name"]!.GetValue<string>());
        Assert.Equal(["智能制造", "机器人"], park["industries"]!.AsArray().Select(x => x!.GetValue<string>()));
        var hits = await client.GetJsonAsync("/api/parks?tag=有产证&minCeilingHeightM=9");
        Assert.Equal("p-csv", hits["items"]![0]!["id"]!.GetValue<string>());
        Assert.Equal(2, (await client.GetJsonAsync("/api/parks"))["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task CsvWithBadRowsIsRejectedWithRowNumbers()
    {
        var factory = empty.Factory;
        await factory.StartAsync();
        var csv = "parkId,parkName,cityCode,cityName,districtCode,districtName,lat,lng,unitId,spaceType,area\n" +
                  "p-1,园,440300,深圳市,440305,南山区,22.5,113.9,U1,factory,abc\n";
        var response = await factory.CreateAdminClient().PostAsync("/api/admin/parks", new StringContent(csv, Encoding.UTF8, "text/csv"));
        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "invalid_import");
        Assert.True(problem.GetProperty("errors").TryGetProperty("row 2.area", out _), problem.ToString());
    }
}
