using System.Net;
using System.Text.Json.Nodes;
using ParkFinder.Tests.Infrastructure;

namespace ParkFinder.Tests.Search.Understanding;

// The search box as investors type into it, on the demo catalog: each line is read as GET /api/parks's own
// filters plus leftover text, and finds exactly what those filters and that text find when given explicitly.
public sealed class SearchBoxTests(DemoCatalog demo) : IClassFixture<DemoCatalog>
{
    public static TheoryData<string, string, string> Lines => new()
    {
        // Space types by their everyday words
        { "厂房", """{"spaceType":["factory"]}""", "" },
        { "仓库", """{"spaceType":["warehouse"]}""", "" },
        { "写字楼", """{"spaceType":["office"]}""", "" },
        { "标准厂房", """{"spaceType":["factory"]}""", "" },
        { "冷库", """{"spaceType":["warehouse"]}""", "" },
        { "工业用地", """{"spaceType":["land"]}""", "" },
        { "找个 厂房", """{"spaceType":["factory"]}""", "" },
        { "有没有 仓库出租", """{"spaceType":["warehouse"]}""", "" },
        { "厂房 仓库", """{"spaceType":["factory","warehouse"]}""", "" },
        // Places with a type: provinces, cities, districts, short forms
        { "福田 写字楼", """{"district":"440304","spaceType":["office"]}""", "" },
        { "深圳 办公", """{"city":"440300","spaceType":["office"]}""", "" },
        { "苏州 写字楼", """{"city":"320500","spaceType":["office"]}""", "" },
        { "黄埔 仓库", """{"district":"440112","spaceType":["warehouse"]}""", "" },
        { "成都 厂房", """{"city":"510100","spaceType":["factory"]}""", "" },
        { "北京 写字楼", """{"city":"110000","spaceType":["office"]}""", "" },
        { "海淀 办公", """{"district":"110108","spaceType":["office"]}""", "" },
        { "上海 办公", """{"city":"310000","spaceType":["office"]}""", "" },
        { "江苏 厂房", """{"province":"320000","spaceType":["factory"]}""", "" },
        { "广东 写字楼", """{"province":"440000","spaceType":["office"]}""", "" },
        { "浦东 办公", """{"district":"310115","spaceType":["office"]}""", "" },
        { "浦东新区", """{"district":"310115"}""", "" },
        { "深圳市南山区", """{"city":"440300","district":"440305"}""", "" },
        { "重庆 厂房", """{"city":"500000","spaceType":["factory"]}""", "" },
        { "光明 厂房", """{"district":"440311","spaceType":["factory"]}""", "" },
        { "大兴 厂房", """{"district":"110115","spaceType":["factory"]}""", "" },
        { "青白江 仓库", """{"district":"510113","spaceType":["warehouse"]}""", "" },
        { "余杭 研发楼", """{"district":"330110","spaceType":["office"]}""", "" },
        { "宝安", """{"district":"440306"}""", "" },
        { "江夏", """{"district":"420115"}""", "" },
        { "金牛", """{"district":"510106"}""", "" },
        { "东莞", """{"city":"441900"}""", "" },
        { "常州", """{"city":"320400"}""", "" },
        { "海宁 半导体", """{"district":"330481","industry":["集成电路","半导体","泛半导体装备","集成电路设计"]}""", "" },
        { "海淀园", """{"district":"110108"}""", "" },
        // A district named with its city is read inside it; an ambiguous one alone by the catalog
        { "苏州 吴中", """{"city":"320500","district":"320506"}""", "" },
        { "深圳 南山", """{"city":"440300","district":"440305"}""", "" },
        { "南山 写字楼", """{"district":"440305","spaceType":["office"]}""", "" },
        { "鹤岗 南山", """{"city":"230400","district":"230404"}""", "" },
        // Pinyin: places by full pinyin, polyphones read right; initials and park names stay text
        { "Suzhou", """{"city":"320500"}""", "" },
        { "suzhou 厂房", """{"city":"320500","spaceType":["factory"]}""", "" },
        { "shenzhen nanshan", """{"city":"440300","district":"440305"}""", "" },
        { "chongqing", """{"city":"500000"}""", "" },
        { "changsha", """{"city":"430100"}""", "" },
        { "xiamen 仓库", """{"city":"350200","spaceType":["warehouse"]}""", "" },
        { "bengbu", """{"city":"340300"}""", "" },
        { "lu'an", """{"city":"341500"}""", "" },
        { "六安", """{"city":"341500"}""", "" },
        { "sz", "{}", "sz" },
        { "guanggu", "{}", "guanggu" },
        { "ggswc", "{}", "ggswc" },
        { "shengwuyiyao", """{"industry":["生物医药"]}""", "" },
        // Park names win over the places inside them; lines that should stay text
        { "光谷生物城", "{}", "光谷生物城" },
        { "苏州工业园区", "{}", "苏州工业园区" },
        { "深圳湾科技生态园", "{}", "深圳湾科技生态园" },
        { "成都医学城", "{}", "成都医学城" },
        { "西部(成都)科学城", "{}", "西部成都科学城" },
        { "成都 医学城", """{"city":"510100"}""", "医学城" },
        { "中关村", "{}", "中关村" },
        { "光谷", "{}", "光谷" },
        { "松山湖", "{}", "松山湖" },
        { "天安数码城", "{}", "天安数码城" },
        { "张江 写字楼", """{"spaceType":["office"]}""", "张江" },
        // Sizes
        { "2000平 厂房", """{"spaceType":["factory"],"minArea":2000}""", "" },
        { "苏州 厂房 2000平以上", """{"city":"320500","spaceType":["factory"],"minArea":2000}""", "" },
        { "2000-5000平 厂房", """{"spaceType":["factory"],"minArea":2000,"maxArea":5000}""", "" },
        { "2000到5000平", """{"minArea":2000,"maxArea":5000}""", "" },
        { "2千平 厂房", """{"spaceType":["factory"],"minArea":2000}""", "" },
        { "1万平以上 厂房", """{"spaceType":["factory"],"minArea":10000}""", "" },
        { "两千平", """{"minArea":2000}""", "" },
        { "２０００㎡ 仓库", """{"spaceType":["warehouse"],"minArea":2000}""", "" },
        { "2000m² 厂房", """{"spaceType":["factory"],"minArea":2000}""", "" },
        { "2000平米以内", """{"maxArea":2000}""", "" },
        { "不超过500平 办公", """{"spaceType":["office"],"maxArea":500}""", "" },
        { "500平左右 办公", """{"spaceType":["office"],"minArea":400,"maxArea":600}""", "" },
        { "10亩 土地", """{"spaceType":["land"],"minArea":6666.7}""", "" },
        { "三千五平 厂房", """{"spaceType":["factory"],"minArea":3500}""", "" },
        // Rents, normalised to CNY/m2/month
        { "30元 厂房", """{"spaceType":["factory"],"maxRent":30}""", "" },
        { "30元/平/月", """{"maxRent":30}""", "" },
        { "1.2元/天 写字楼", """{"spaceType":["office"],"maxRent":36.5}""", "" },
        { "360元/平/年", """{"maxRent":30}""", "" },
        { "20-30元 厂房", """{"spaceType":["factory"],"minRent":20,"maxRent":30}""", "" },
        { "50元以上", """{"minRent":50}""", "" },
        { "30元左右", """{"minRent":27,"maxRent":33}""", "" },
        { "深圳 写字楼 100元以内 500平以上", """{"city":"440300","spaceType":["office"],"minArea":500,"maxRent":100}""", "" },
        { "求租 深圳 南山 办公室 500平左右 100元以内", """{"city":"440300","district":"440305","spaceType":["office"],"minArea":400,"maxArea":600,"maxRent":100}""", "" },
        // Stars, tags, policies, tracks, chains, industries
        { "五星", """{"minStars":5}""", "" },
        { "4星以上 杭州", """{"city":"330100","minStars":4}""", "" },
        { "三星级以上 园区", """{"minStars":3}""", "" },
        { "地铁", """{"tag":["地铁沿线"]}""", "" },
        { "人才公寓 地铁", """{"tag":["人才公寓","地铁沿线"]}""", "" },
        { "国家级园区", """{"tag":["国家级园区"]}""", "" },
        { "租金补贴", """{"policy":["rent"]}""", "" },
        { "补贴", """{"policy":["funding"]}""", "" },
        { "人才政策 成都", """{"city":"510100","policy":["talent"]}""", "" },
        { "未来健康", """{"track":"future-health","minTrackScore":60}""", "" },
        { "新型显示", """{"chain":"new-display"}""", "" },
        { "医药", """{"industry":["生物医药"]}""", "" },
        { "武汉 生物医药", """{"city":"420100","industry":["生物医药"]}""", "" },
        { "AI", """{"industry":["人工智能","生成式人工智能"]}""", "" },
        { "杭州 人工智能", """{"city":"330100","industry":["人工智能","生成式人工智能"]}""", "" },
        { "芯片 厂房", """{"spaceType":["factory"],"industry":["集成电路","半导体","泛半导体装备","集成电路设计"]}""", "" },
        { "新能源车", """{"industry":["新能源汽车"]}""", "" },
        { "成都 医疗器械", """{"city":"510100","industry":["医疗器械"]}""", "" },
        { "数字经济", """{"industry":["数字经济"]}""", "" },
        // Everyday phrasing: no spaces, filler, units apart from their number, specs, the period named first
        { "深圳南山区写字楼", """{"city":"440300","district":"440305","spaceType":["office"]}""", "" },
        { "东莞厂房", """{"city":"441900","spaceType":["factory"]}""", "" },
        { "苏州工业园区写字楼", """{"spaceType":["office"]}""", "苏州工业园区" },
        { "我想在苏州租个厂房", """{"city":"320500","spaceType":["factory"]}""", "" },
        { "帮我找一下深圳的仓库", """{"city":"440300","spaceType":["warehouse"]}""", "" },
        { "3000平左右的厂房", """{"spaceType":["factory"],"minArea":2400,"maxArea":3600}""", "" },
        { "两万平米厂房", """{"spaceType":["factory"],"minArea":20000}""", "" },
        { "1.5万平 仓库", """{"spaceType":["warehouse"],"minArea":15000}""", "" },
        { "2000 平 厂房", """{"spaceType":["factory"],"minArea":2000}""", "" },
        { "2000 - 5000 平米", """{"minArea":2000,"maxArea":5000}""", "" },
        { "每平20元以内 仓库", """{"spaceType":["warehouse"],"maxRent":20}""", "" },
        { "日租金1.2元 写字楼", """{"spaceType":["office"],"maxRent":36.5}""", "" },
        { "月租30元 厂房", """{"spaceType":["factory"],"maxRent":30}""", "" },
        { "层高8米以上 厂房", """{"spaceType":["factory"],"minCeilingHeightM":8}""", "" },
        { "承重3吨/平 厂房", """{"spaceType":["factory"],"minFloorLoad":3}""", "" },
        { "500kva 厂房", """{"spaceType":["factory"],"minPowerKva":500}""", "" },
        { "厂房出租 有吗", """{"spaceType":["factory"]}""", "" },
        { "大厂房", """{"spaceType":["factory"]}""", "" },
        { "便宜的厂房", """{"spaceType":["factory"]}""", "" },
        { "小面积 办公", """{"spaceType":["office"]}""", "" },
        { "大兴区厂房", """{"district":"110115","spaceType":["factory"]}""", "" },
        // Numbers outside a parameter's range stay text
        { "999999999平", "{}", "999999999平" },
        { "-5元", "{}", "5元" },
        { "0-0平", """{"minArea":0,"maxArea":0}""", "" },
        { "6星", "{}", "6星" },
    };

    [Theory, MemberData(nameof(Lines))]
    public async Task TheLineIsReadAsFiltersAndFindsWhatThoseFiltersFind(string line, string interpreted, string text)
    {
        var page = await demo.Client.GetJsonAsync("/api/parks?limit=50&q=" + Uri.EscapeDataString(line));
        Assert.Equal(Canonical(JsonNode.Parse(interpreted)!), Canonical(page["interpreted"]!));
        Assert.Equal(text, page["text"]!.GetValue<string>());
        Assert.Equal("{}", page["overridden"]!.ToJsonString());

        var explicitUrl = "/api/parks?limit=50" + string.Concat(Parameters(page["interpreted"]!.AsObject()))
            + (text.Length > 0 ? "&interpret=false&q=" + Uri.EscapeDataString(text) : "");
        var expected = await demo.Client.GetJsonAsync(explicitUrl);
        Assert.Equal(Ids(expected), Ids(page));
        Assert.Equal(expected["total"]!.GetValue<int>(), page["total"]!.GetValue<int>());
    }

    // The line investors are shown as the example finds parks in the demo, and each park it finds is in
    // Suzhou with a factory of at least 2,000 m² on offer (its units page agrees with the search).
    [Fact]
    public async Task TheSearchBoxExampleFindsSuzhouFactoriesOfAtLeastTwoThousandSquareMetres()
    {
        var page = await demo.Client.GetJsonAsync("/api/parks?q=" + Uri.EscapeDataString("苏州 厂房 2000平以上"));
        Assert.NotEmpty(Ids(page));
        Assert.Equal(Ids(page).Length, page["total"]!.GetValue<int>());
        foreach (var park in page["items"]!.AsArray())
        {
            Assert.Equal("320500", park!["city"]!["code"]!.GetValue<string>());
            var units = await demo.Client.GetJsonAsync($"/api/parks/{park["id"]}/units?spaceType=factory");
            Assert.Contains(units["items"]!.AsArray(), u => u!["area"]!.GetValue<double>() >= 2000);
        }
    }

    [Fact]
    public async Task AnExplicitParameterReplacesTheSameFilterReadFromTheLineAndIsListedAsOverridden()
    {
        var page = await demo.Client.GetJsonAsync("/api/parks?q=" + Uri.EscapeDataString("北京 厂房 2000平以上") + "&spaceType=office&maxArea=800");
        Assert.Equal("""{"city":"110000"}""", page["interpreted"]!.ToJsonString());
        Assert.Equal(Canonical(JsonNode.Parse("""{"spaceType":["factory"],"minArea":2000}""")!), Canonical(page["overridden"]!));
        var expected = await demo.Client.GetJsonAsync("/api/parks?city=110000&spaceType=office&maxArea=800");
        Assert.Equal(Ids(expected), Ids(page));
    }

    [Fact]
    public async Task InterpretFalseSearchesTheWholeLineAsText()
    {
        var page = await demo.Client.GetJsonAsync("/api/parks?interpret=false&q=" + Uri.EscapeDataString("苏州 厂房"));
        Assert.Equal("{}", page["interpreted"]!.ToJsonString());
        Assert.Equal("苏州 厂房", page["text"]!.GetValue<string>());
        Assert.Equal(0, page["total"]!.GetValue<int>()); // no park has both words in its name, place, industries or tags
        var pinyin = await demo.Client.GetJsonAsync("/api/parks?interpret=false&q=guanggu");
        Assert.Equal(["p-optics-valley-bio"], Ids(pinyin));
    }

    [Theory]
    [InlineData("city=230400", "南山", """{"district":"230404"}""")] // 鹤岗's 南山, not 深圳's
    [InlineData("city=110100", "朝阳", """{"district":"110105"}""")] // 北京 by its city-level code: 朝阳区, not 朝阳市 or 长春's
    [InlineData("province=220000", "朝阳", """{"district":"220104"}""")] // 吉林省: 长春's 朝阳区
    public async Task APlaceIsReadInsideThePlaceTheRequestNames(string given, string line, string interpreted)
    {
        var page = await demo.Client.GetJsonAsync($"/api/parks?{given}&q=" + Uri.EscapeDataString(line));
        Assert.Equal(interpreted, page["interpreted"]!.ToJsonString());
    }

    [Fact]
    public async Task ParameterNamesKeepTheirMeaningInAnyCaseBesideALine()
    {
        var mixed = await demo.Client.GetJsonAsync("/api/parks?Q=" + Uri.EscapeDataString("厂房") + "&City=440300");
        var explicitOnes = await demo.Client.GetJsonAsync("/api/parks?city=440300&spaceType=factory");
        Assert.Equal(Ids(explicitOnes), Ids(mixed));
        Assert.Equal("""{"spaceType":["factory"]}""", mixed["interpreted"]!.ToJsonString());
        var text = await demo.Client.GetJsonAsync("/api/parks?Q=guanggu&INTERPRET=false");
        Assert.Equal(["p-optics-valley-bio"], Ids(text));
    }

    [Fact]
    public async Task HostileLinesAnswerAPageOrAProblemNeverAServerError()
    {
        string[] lines = [new string('厂', 4000), "😀🏭 厂房", "\u0001\u0007厂房\u001b[0m", "Ｓｕｚｈｏｕ　厂房", "99999999平", "-5元", "0-0平",
            "厂房 ' OR 1 eq 1", "%00", "\ud800", "1e308元", "9999999999999999999999平", "二二二二二二二二二二二千万万万平", "元平亩星", "----", "2000-平"];
        foreach (var line in lines)
        {
            var response = await demo.Client.GetAsync("/api/parks?q=" + Uri.EscapeDataString(line));
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{line}: {(int)response.StatusCode} {body}");
            if (response.StatusCode == HttpStatusCode.BadRequest) Assert.NotNull(JsonNode.Parse(body)!["code"]);
            var suggest = await demo.Client.GetAsync("/api/suggest?q=" + Uri.EscapeDataString(line));
            Assert.True(suggest.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"suggest {line}: {(int)suggest.StatusCode}");
        }
    }

    private static string[] Ids(JsonNode page) => page["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()).ToArray();

    private static IEnumerable<string> Parameters(JsonObject filters)
    {
        foreach (var (name, value) in filters)
            foreach (var v in value is JsonArray list ? list.Select(x => x!) : [value!])
                yield return $"&{name}={Uri.EscapeDataString(v.GetValueKind() == System.Text.Json.JsonValueKind.String ? v.GetValue<string>() : v.ToJsonString())}";
    }

    // The filters in one order, so two readings compare by content.
    private static string Canonical(JsonNode filters) =>
        string.Join(";", filters.AsObject().OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + "=" + kv.Value!.ToJsonString()));
}
