using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ParkFinder.Functions.Parks;

namespace ParkFinder.Tests.Infrastructure;

// The app against Azurite and the WeChat stand-in, with helpers to sign people in as WeChat users.
public sealed class TestWorld : IAsyncDisposable
{
    public const string AdminOpenId = "openid-admin";
    public WeChatStandIn WeChat { get; }
    public ApiFactory Factory { get; }

    private TestWorld(WeChatStandIn wechat, ApiFactory factory)
    {
        WeChat = wechat;
        Factory = factory;
    }

    public static Task<TestWorld> StartAsync(IDictionary<string, string?>? settings = null, params Park[] parks) => StartAsync(settings, null, parks);

    public static async Task<TestWorld> StartAsync(IDictionary<string, string?>? settings, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services, params Park[] parks)
    {
        var wechat = await WeChatStandIn.StartAsync();
        var all = new Dictionary<string, string?>
        {
            ["WeChat:BaseAddress"] = wechat.BaseAddress,
            ["WeChat:AppId"] = WeChatStandIn.AppId,
            ["WeChat:AppSecret"] = WeChatStandIn.AppSecret,
            ["Auth:AdminOpenIds:0"] = AdminOpenId,
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) all[k] = v;
        var factory = new ApiFactory(all) { ReplaceServices = services };
        if (parks.Length > 0) await Catalog.ImportAsync(factory, parks);
        else await factory.StartLoadedAsync();
        return new TestWorld(wechat, factory);
    }

    public HttpClient Client(string? token = null)
    {
        var client = Factory.CreateClient();
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task<JsonNode> LoginAsync(string openId)
    {
        var response = await Client().PostAsJsonAsync("/api/auth/wechat", new { code = WeChat.CodeFor(openId) });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonNode.Parse(body)!;
    }

    public async Task<string> TokenAsync(string openId) => (await LoginAsync(openId))["token"]!.GetValue<string>();

    // Signs in, gets an operator's invite for the park and redeems it: the returned token is a landlord's.
    public async Task<string> LandlordTokenAsync(string openId, string parkId)
    {
        var token = await TokenAsync(openId);
        var invite = await Factory.CreateAdminClient().PostAsJsonAsync("/api/admin/invites", new { parkId });
        Assert.Equal(HttpStatusCode.Created, invite.StatusCode);
        var code = (await invite.Content.ReadFromJsonAsync<JsonObject>())!["inviteCode"]!.GetValue<string>();
        var bind = await Client(token).PostAsJsonAsync("/api/landlord/bind", new { inviteCode = code });
        Assert.Equal(HttpStatusCode.OK, bind.StatusCode);
        return (await bind.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
    }

    // A consult request as its park sees it (note, ETag, delivery records), read through an operator's
    // token from the park's list: the investor's own answer shows none of that.
    public async Task<JsonNode> LeadAsTheParkSeesItAsync(HttpResponseMessage created)
    {
        var sent = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
        var parkId = sent["parkId"]!.GetValue<string>();
        var operatorClient = Client(await TokenAsync(AdminOpenId));
        var items = (JsonNode.Parse(await operatorClient.GetStringAsync($"/api/parks/{parkId}/leads?limit=50"))!)["items"]!.AsArray();
        return items.Single(l => l!["id"]!.GetValue<string>() == sent["id"]!.GetValue<string>())!;
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await WeChat.DisposeAsync();
    }
}
