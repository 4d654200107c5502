using System.Net;
using ParkFinder.Functions.Pinyin;
using ParkFinder.Functions.Places;
using ParkFinder.Tests.Infrastructure;

namespace ParkFinder.Tests.Search.Understanding;

// Places are checked against the generated GB/T 2260 table, and a municipality's codes are one city.
public sealed class RegionTests(DemoCatalog demo) : IClassFixture<DemoCatalog>
{
    [Theory]
    [InlineData("重庆", "chongqing")]
    [InlineData("长沙", "changsha")]
    [InlineData("厦门", "xiamen")]
    [InlineData("蚌埠", "bengbu")]
    [InlineData("六安", "luan")]
    [InlineData("光谷生物城", "guanggushengwucheng")]
    [InlineData("重庆两江新区产业园", "chongqingliangjiangxinquchanyeyuan")]
    public void PlaceNamesAreReadWithTheirPolyphonesRight(string text, string pinyin) => Assert.Equal(pinyin, PinyinTable.Full(text));

    [Fact]
    public void TheTableHoldsTheMunicipalitiesAsOneCityAndShortNames()
    {
        Assert.Equal("110000", RegionTable.City("110100")!.Code);
        Assert.Equal("500000", RegionTable.City("500200")!.Code);
        Assert.Equal("深圳", RegionTable.City("440300")!.Short);
        Assert.Equal("广西", RegionTable.Province("450000")!.Short);
        Assert.Equal("浦东", RegionTable.District("310115")!.Short);
        Assert.Null(RegionTable.City("999900"));
    }

    [Theory]
    [InlineData("/api/parks?city=999999", "city")]
    [InlineData("/api/parks?district=440399", "district")]
    [InlineData("/api/parks?province=990000", "province")]
    [InlineData("/api/parks?province=320500", "province")]
    [InlineData("/api/rents?city=999999", "city")]
    [InlineData("/api/rents?district=440399", "district")]
    [InlineData("/api/trends?scope=city:999999", "scope")]
    [InlineData("/api/trends?scope=district:440399", "scope")]
    [InlineData("/api/chains/biomedicine/panorama?city=999999", "city")]
    public async Task ACodeThatIsNoRegionIsUnknownRegion(string url, string parameter)
    {
        var problem = await ProblemAssert.IsProblem(await demo.Client.GetAsync(url), HttpStatusCode.BadRequest, "unknown_region");
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _));
    }

    [Fact]
    public async Task AMunicipalitysCityLevelCodeFindsItsParks()
    {
        var byProvinceCode = await demo.Client.GetJsonAsync("/api/parks?city=110000&limit=50");
        var byCityCode = await demo.Client.GetJsonAsync("/api/parks?city=110100&limit=50");
        Assert.Equal(5, byProvinceCode["total"]!.GetValue<int>());
        Assert.Equal(byProvinceCode["items"]!.ToJsonString(), byCityCode["items"]!.ToJsonString());
    }

    [Fact]
    public async Task AProvinceFindsTheParksOfItsCities()
    {
        var jiangsu = await demo.Client.GetJsonAsync("/api/parks?province=320000&limit=50");
        var ids = jiangsu["items"]!.AsArray().Select(i => i!["city"]!["code"]!.GetValue<string>()).ToArray();
        Assert.Equal(4, ids.Length); // the two 苏州 parks and the two 常州 parks
        Assert.All(ids, code => Assert.StartsWith("32", code));
        var suzhou = await demo.Client.GetJsonAsync("/api/parks?city=320500&limit=50");
        var changzhou = await demo.Client.GetJsonAsync("/api/parks?city=320400&limit=50");
        Assert.Equal(ids.Length, suzhou["total"]!.GetValue<int>() + changzhou["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task ResponseNamesComeFromTheTable()
    {
        var park = await demo.Client.GetJsonAsync("/api/parks/p-songshanlake");
        Assert.Equal("东莞市", park["district"]!["name"]!.GetValue<string>());
        var sip = await demo.Client.GetJsonAsync("/api/parks/p-suzhou-sip");
        Assert.Equal("苏州工业园区", sip["district"]!["name"]!.GetValue<string>());
    }
}
