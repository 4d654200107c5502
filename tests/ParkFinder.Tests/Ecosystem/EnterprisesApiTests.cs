using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ParkFinder.Tests.Infrastructure;
using static ParkFinder.Tests.Infrastructure.Catalog;

namespace ParkFinder.Tests.Ecosystem;

// A park's landlords keep its enterprises current; everyone reads them, and the park's chains show
// the change at once. Nothing unchecked by WeChat content security is stored.
public sealed class EnterprisesApiTests(EnterprisesApiTests.TwoParks shared) : IClassFixture<EnterprisesApiTests.TwoParks>
{
    // The content-check test and the import test each keep to a park and a landlord of their own.
    public sealed class TwoParks : SharedWorld
    {
        protected override Task<TestWorld> StartAsync() => TestWorld.StartAsync(null, Park("p-checked", "审核园"), Park("p-imported", "导入园"));
    }

    private static HttpRequestMessage Put(string url, object body, string? etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(body) };
        if (etag is not null) request.Headers.TryAddWithoutValidation("If-Match", etag);
        return request;
    }

    private static HttpRequestMessage Delete(string url, string? etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, url);
        if (etag is not null) request.Headers.TryAddWithoutValidation("If-Match", etag);
        return request;
    }

    private static async Task<string[]> NamesAsync(HttpClient client, string parkId) =>
        (await client.GetJsonAsync($"/api/parks/{parkId}/enterprises"))["items"]!.AsArray().Select(e => e!["name"]!.GetValue<string>()).ToArray();

    [Fact]
    public async Task LandlordsAddReplaceAndDeleteWithTheVersionTheyReadAndTheParkChainsFollow()
    {
        await using var world = await TestWorld.StartAsync(null, Park("park-a", "甲园"), Park("park-b", "乙园"));
        var landlord = world.Client(await world.LandlordTokenAsync("openid-a", "park-a"));
        var anyone = world.Client();

        var created = await landlord.PostAsJsonAsync("/api/parks/park-a/enterprises",
            new { name = "甲电池包", industry = "动力电池", chain = "新能源汽车", segment = "电池包", role = "配套", since = 2021 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var enterprise = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("new-energy-vehicle", enterprise["chain"]!.GetValue<string>()); // stored as ids
        Assert.Equal("battery-pack", enterprise["segment"]!.GetValue<string>());
        Assert.Equal("supporting", enterprise["role"]!.GetValue<string>());
        var id = enterprise["id"]!.GetValue<string>();
        var url = $"/api/parks/park-a/enterprises/{id}";
        var etag = created.Headers.ETag!.ToString();
        Assert.Equal(HttpStatusCode.Created, (await landlord.PostAsJsonAsync("/api/parks/park-a/enterprises",
            new { name = "甲整车", industry = "新能源汽车", role = "anchor" })).StatusCode);

        // Public, anchors first; the chain places the anchor by its industry and marks the gaps.
        Assert.Equal(["甲整车", "甲电池包"], await NamesAsync(anyone, "park-a"));
        var chain = (await anyone.GetJsonAsync("/api/parks/park-a/chains"))["chains"]![0]!;
        Assert.Equal("new-energy-vehicle", chain["chain"]!.GetValue<string>());
        Assert.Equal(2, chain["covered"]!.GetValue<int>());
        Assert.Equal(1, chain["anchors"]!.GetValue<int>());
        var segments = chain["segmentList"]!.AsArray();
        Assert.Equal("甲整车", segments.Single(s => s!["id"]!.GetValue<string>() == "vehicle")!["enterprises"]![0]!["name"]!.GetValue<string>());
        Assert.True(segments.Single(s => s!["id"]!.GetValue<string>() == "charging")!["gap"]!.GetValue<bool>());

        // The same name again is the same enterprise.
        var duplicate = await ProblemAssert.IsProblem(await landlord.PostAsJsonAsync("/api/parks/park-a/enterprises",
            new { name = "甲电池包", industry = "动力电池" }), HttpStatusCode.Conflict, "enterprise_exists");
        Assert.Equal(id, duplicate.GetProperty("enterpriseId").GetString());

        // Replace: If-Match required, a stale one refused, nothing changed by either.
        var replacement = new { name = "甲电池包", industry = "动力电池", chain = "new-energy-vehicle", segment = "battery-pack", role = "anchor", since = 2021 };
        await ProblemAssert.IsProblem(await landlord.SendAsync(Put(url, replacement, null)), (HttpStatusCode)428, "etag_required");
        var replaced = await landlord.SendAsync(Put(url, replacement, etag));
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        await ProblemAssert.IsProblem(await landlord.SendAsync(Put(url, replacement with { since = 2020 }, etag)), HttpStatusCode.PreconditionFailed, "etag_mismatch");
        Assert.Equal(2, (await anyone.GetJsonAsync("/api/parks/park-a/chains"))["chains"]![0]!["anchors"]!.GetValue<int>());

        // Another park's landlord and investors cannot write; bad input is a problem, not a change.
        var other = world.Client(await world.LandlordTokenAsync("openid-b", "park-b"));
        await ProblemAssert.IsProblem(await other.SendAsync(Delete(url, "*")), HttpStatusCode.Forbidden, "forbidden");
        var investor = world.Client(await world.TokenAsync("openid-investor"));
        await ProblemAssert.IsProblem(await investor.PostAsJsonAsync("/api/parks/park-a/enterprises", new { name = "x", industry = "y" }), HttpStatusCode.Forbidden, "forbidden");
        var bad = await ProblemAssert.IsProblem(await landlord.PostAsJsonAsync("/api/parks/park-a/enterprises",
            new { name = "", industry = "电子", chain = "造船", role = "boss", since = 1800 }), HttpStatusCode.BadRequest, "invalid_parameter");
        foreach (var field in new[] { "name", "chain", "role", "since" }) Assert.True(bad.GetProperty("errors").TryGetProperty(field, out _), field);
        // A chain named without a segment must hold the enterprise by its name or industry.
        var unplaced = await ProblemAssert.IsProblem(await landlord.PostAsJsonAsync("/api/parks/park-a/enterprises",
            new { name = "甲餐饮", industry = "餐饮", chain = "集成电路" }), HttpStatusCode.BadRequest, "invalid_parameter");
        Assert.True(unplaced.GetProperty("errors").TryGetProperty("segment", out _));
        // Renaming onto another enterprise's name is refused: a park lists a name once.
        var anchorId = (await anyone.GetJsonAsync("/api/parks/park-a/enterprises"))["items"]![0]!["id"]!.GetValue<string>();
        var clash = await ProblemAssert.IsProblem(await landlord.SendAsync(Put(url, replacement with { name = "甲整车" }, replaced.Headers.ETag!.ToString())),
            HttpStatusCode.Conflict, "enterprise_exists");
        Assert.Equal(anchorId, clash.GetProperty("enterpriseId").GetString());
        // Renamed, its old name is free again: a new enterprise, not a clash with the renamed one.
        var renamed = await landlord.SendAsync(Put(url, replacement with { name = "甲电池系统" }, replaced.Headers.ETag!.ToString()));
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await landlord.PostAsJsonAsync("/api/parks/park-a/enterprises", new { name = "甲电池包", industry = "动力电池" })).StatusCode);
        replaced = renamed;

        // Delete with the current version.
        await ProblemAssert.IsProblem(await landlord.SendAsync(Delete(url, etag)), HttpStatusCode.PreconditionFailed, "etag_mismatch");
        Assert.Equal(HttpStatusCode.NoContent, (await landlord.SendAsync(Delete(url, replaced.Headers.ETag!.ToString()))).StatusCode);
        Assert.Equal(["甲整车", "甲电池包"], await NamesAsync(anyone, "park-a"));
        await ProblemAssert.IsProblem(await landlord.SendAsync(Delete(url, "*")), HttpStatusCode.NotFound, "enterprise_not_found");
    }

    [Fact]
    public async Task NamesThatFailWeChatContentSecurityAreNeverStored()
    {
        var world = shared.World;
        var landlord = world.Client(await world.LandlordTokenAsync("openid-checked", "p-checked"));
        var checks = world.WeChat.SecCheckRequests;
        await ProblemAssert.IsProblem(await landlord.PostAsJsonAsync("/api/parks/p-checked/enterprises", new { name = "快速办证中心", industry = "商务服务" }),
            HttpStatusCode.UnprocessableEntity, "content_rejected");
        // "Review" is not a pass either: the text would be shown before anyone reviewed it.
        await ProblemAssert.IsProblem(await landlord.PostAsJsonAsync("/api/parks/p-checked/enterprises", new { name = "加微信咨询公司", industry = "商务服务" }),
            HttpStatusCode.UnprocessableEntity, "content_rejected");
        Assert.True(world.WeChat.SecCheckRequests > checks);
        var csv = "企业名称,行业\n好企业,电子信息\n赌博平台,娱乐\n";
        var rejected = await ProblemAssert.IsProblem(await landlord.PostAsync("/api/parks/p-checked/enterprises/import",
            new StringContent(csv, Encoding.UTF8, "text/csv")), HttpStatusCode.UnprocessableEntity, "content_rejected");
        Assert.Equal("赌博平台", rejected.GetProperty("rejected")[0].GetString());
        Assert.Empty(await NamesAsync(world.Client(), "p-checked"));
    }

    [Fact]
    public async Task ACsvImportInGbkWithChineseHeadersReplacesTheListAndABadFileChangesNothing()
    {
        var world = shared.World;
        var landlord = world.Client(await world.LandlordTokenAsync("openid-imported", "p-imported"));
        Assert.Equal(HttpStatusCode.Created, (await landlord.PostAsJsonAsync("/api/parks/p-imported/enterprises", new { name = "旧企业", industry = "物流" })).StatusCode);

        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gbk = Encoding.GetEncoding("GBK");
        var good = "企业名称,行业,产业链,环节,角色,入驻年份\r\n芯原设计,集成电路设计,集成电路,芯片设计,链主,2015\r\n\"封测, 有限公司\",封装测试,,,配套,2019年\r\n";
        var imported = await landlord.PostAsync("/api/parks/p-imported/enterprises/import", new ByteArrayContent(gbk.GetBytes(good)) { Headers = { { "Content-Type", "text/csv" } } });
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal(2, (await imported.Content.ReadFromJsonAsync<JsonObject>())!["enterprises"]!.GetValue<int>());
        var items = (await world.Client().GetJsonAsync("/api/parks/p-imported/enterprises"))["items"]!.AsArray();
        Assert.Equal(["芯原设计", "封测, 有限公司"], items.Select(e => e!["name"]!.GetValue<string>()));
        Assert.Equal(2019, items[1]!["since"]!.GetValue<int>());
        // Placed by its industry although the file names no chain.
        var chain = (await world.Client().GetJsonAsync("/api/parks/p-imported/chains"))["chains"]![0]!;
        Assert.Equal(2, chain["covered"]!.GetValue<int>());

        var bad = "企业名称,行业,角色,入驻年份\n甲,电子,链主,2015\n,电子,,\n乙,电子,老板,明年\n甲,电子,,\n";
        var problem = await ProblemAssert.IsProblem(await landlord.PostAsync("/api/parks/p-imported/enterprises/import", new StringContent(bad, Encoding.UTF8, "text/csv")),
            HttpStatusCode.BadRequest, "invalid_import");
        var rows = problem.GetProperty("rows").EnumerateArray().Select(r => (r.GetProperty("row").GetInt32(), r.GetProperty("column").GetString())).ToList();
        Assert.Contains((3, "name"), rows);
        Assert.Contains((4, "since"), rows);
        Assert.Contains((5, "name"), rows); // the same name as row 2
        Assert.DoesNotContain(rows, r => r.Item1 == 2);
        Assert.Equal(2, (await world.Client().GetJsonAsync("/api/parks/p-imported/enterprises"))["items"]!.AsArray().Count);
        await ProblemAssert.IsProblem(await landlord.PostAsync("/api/parks/p-imported/enterprises/import", new StringContent("企业名称\n甲\n", Encoding.UTF8, "text/csv")),
            HttpStatusCode.BadRequest, "invalid_import");
        await ProblemAssert.IsProblem(await landlord.PostAsJsonAsync("/api/parks/p-imported/enterprises/import", new { }), HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
    }
}
