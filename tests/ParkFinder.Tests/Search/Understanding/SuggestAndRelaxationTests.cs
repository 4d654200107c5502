using System.Net;
using System.Text.Json.Nodes;
using ParkFinder.Tests.Infrastructure;

namespace ParkFinder.Tests.Search.Understanding;

// Suggestions as an investor types and the changes offered when a search finds nothing, on the demo
// catalog: every count they show is what the search they stand for finds.
public sealed class SuggestAndRelaxationTests(DemoCatalog demo) : IClassFixture<DemoCatalog>
{
    [Fact]
    public async Task PinyinInitialsOfferShenzhenAndSuzhouFirst()
    {
        var items = (await demo.Client.GetJsonAsync("/api/suggest?q=sz"))["items"]!.AsArray();
        Assert.Equal(["深圳市", "苏州市"], items.Where(i => i!["kind"]!.GetValue<string>() == "place").Select(i => i!["label"]!.GetValue<string>()));
        Assert.Equal("place", items[0]!["kind"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("sz")]
    [InlineData("suzhou")]
    [InlineData("深")]
    [InlineData("生物")]
    [InlineData("办公")]
    [InlineData("未来")]
    [InlineData("guang")]
    [InlineData("新")]
    public async Task EverySuggestionFindsTheParksItCountsAndKindsComeInOrder(string typed)
    {
        var items = (await demo.Client.GetJsonAsync("/api/suggest?q=" + Uri.EscapeDataString(typed)))["items"]!.AsArray();
        Assert.NotEmpty(items);
        Assert.InRange(items.Count, 1, 8);
        var kinds = items.Select(i => Array.IndexOf(Functions.Search.Suggestions.Kinds, i!["kind"]!.GetValue<string>())).ToArray();
        Assert.Equal(kinds.Order(), kinds);
        foreach (var item in items)
        {
            var filter = item!["filter"]!.AsObject();
            var query = string.Concat(filter.Select(kv => (kv.Value is JsonArray a ? a.Select(x => x!) : [kv.Value!])
                .Select(v => $"&{kv.Key}={Uri.EscapeDataString(v.GetValueKind() == System.Text.Json.JsonValueKind.String ? v.GetValue<string>() : v.ToJsonString())}")
                .Aggregate("", string.Concat)));
            var total = (await demo.Client.GetJsonAsync("/api/parks?interpret=false" + query))["total"]!.GetValue<int>();
            if (item["kind"]!.GetValue<string>() == "park") Assert.True(total >= 1, item.ToJsonString());
            else Assert.Equal(item["parks"]!.GetValue<int>(), total);
        }
    }

    [Theory]
    [InlineData("s")]
    [InlineData("1")]
    [InlineData("")]
    [InlineData("!!")]
    public async Task TooLittleToSuggestFromIsAProblem(string typed)
    {
        var response = await demo.Client.GetAsync("/api/suggest?q=" + Uri.EscapeDataString(typed));
        await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "invalid_parameter");
    }

    [Fact]
    public async Task ALimitOutsideOneToTenIsAProblem()
    {
        await ProblemAssert.IsProblem(await demo.Client.GetAsync("/api/suggest?q=sz&limit=11"), HttpStatusCode.BadRequest, "invalid_parameter");
        Assert.Single((await demo.Client.GetJsonAsync("/api/suggest?q=sz&limit=1"))["items"]!.AsArray());
    }

    [Theory]
    [InlineData("q=" + "%E6%9D%AD%E5%B7%9E%20%E4%BB%93%E5%BA%93%202000%E5%B9%B3%E4%BB%A5%E4%B8%8A")] // 杭州 仓库 2000平以上: the demo has no warehouse in Hangzhou
    [InlineData("spaceType=office&maxRent=20")]
    [InlineData("city=440300&spaceType=office&minArea=5000")]
    [InlineData("minStars=5&city=330100")]
    [InlineData("lat=30.27&lng=120.16&radiusKm=5")]
    [InlineData("city=110000&industry=%E7%94%9F%E7%89%A9%E5%8C%BB%E8%8D%AF&spaceType=warehouse")]
    public async Task WhenNothingIsFoundEachRelaxationFindsTheTotalItPromises(string query)
    {
        var page = await demo.Client.GetJsonAsync("/api/parks?" + query);
        Assert.Equal(0, page["total"]!.GetValue<int>());
        var relaxations = page["relaxations"]!.AsArray();
        Assert.NotEmpty(relaxations);
        Assert.InRange(relaxations.Count, 1, 3);
        var effective = System.Web.HttpUtility.ParseQueryString(query);
        if (page["interpreted"] is JsonObject read)
        {
            effective.Remove("q");
            foreach (var (k, v) in read) foreach (var x in v is JsonArray a ? a.Select(y => y!) : [v!])
                effective.Add(k, x.GetValueKind() == System.Text.Json.JsonValueKind.String ? x.GetValue<string>() : x.ToJsonString());
        }
        foreach (var relaxation in relaxations)
        {
            var changed = System.Web.HttpUtility.ParseQueryString(effective.ToString()!);
            if (relaxation!["drop"] is { } drop) changed.Remove(drop.GetValue<string>());
            else foreach (var (k, v) in relaxation["set"]!.AsObject()) changed[k] = v!.ToJsonString();
            var total = (await demo.Client.GetJsonAsync("/api/parks?" + changed))["total"]!.GetValue<int>();
            Assert.True(total > 0, relaxation.ToJsonString());
            Assert.Equal(relaxation["total"]!.GetValue<int>(), total);
        }
    }

    [Fact]
    public async Task AWidenedRangeIsTheNearestThatFindsParks()
    {
        var page = await demo.Client.GetJsonAsync("/api/parks?spaceType=office&maxRent=20");
        var set = page["relaxations"]!.AsArray().Select(r => r!["set"]).OfType<JsonObject>().Single(s => s.ContainsKey("maxRent"));
        var widened = set["maxRent"]!.GetValue<double>();
        // A tenth of the way back from it finds nothing: no office rent lies between.
        var closer = 20 + (widened - 20) * 0.9;
        Assert.Equal(0, (await demo.Client.GetJsonAsync($"/api/parks?spaceType=office&maxRent={closer:0.##}"))["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task APageWithParksCarriesNoRelaxations()
    {
        var page = await demo.Client.GetJsonAsync("/api/parks?spaceType=office");
        Assert.True(page["total"]!.GetValue<int>() > 0);
        Assert.Null(page["relaxations"]);
    }
}
