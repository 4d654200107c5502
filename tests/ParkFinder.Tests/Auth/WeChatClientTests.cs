using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ParkFinder.Functions.WeChat;
using ParkFinder.Tests.Infrastructure;

namespace ParkFinder.Tests.Auth;

// The client against the loopback stand-in, for the API no endpoint uses yet (subscribe messages).
public sealed class WeChatClientTests
{
    private static WeChatClient ClientFor(WeChatStandIn standIn) => new(new HttpClient { BaseAddress = new Uri(standIn.BaseAddress + "/") },
        Options.Create(new WeChatOptions { AppId = WeChatStandIn.AppId, AppSecret = WeChatStandIn.AppSecret, BaseAddress = new Uri(standIn.BaseAddress) }),
        TimeProvider.System, NullLogger<WeChatClient>.Instance);

    [Fact]
    public async Task SubscribeMessageIsSentToSubscribersAndRefusalIsNotAnError()
    {
        await using var standIn = await WeChatStandIn.StartAsync();
        var client = ClientFor(standIn);
        standIn.Subscribed["openid-yes"] = true;
        var data = new Dictionary<string, string> { ["thing1"] = "深圳湾科技生态园", ["number2"] = "1200" };
        Assert.True(await client.SendSubscribeMessageAsync("openid-yes", "tmpl-1", "pages/park/index?id=p-szsec", data, CancellationToken.None));
        Assert.False(await client.SendSubscribeMessageAsync("openid-no", "tmpl-1", "pages/park/index?id=p-szsec", data, CancellationToken.None));
        await Assert.ThrowsAsync<WeChatException>(() => client.SendSubscribeMessageAsync("openid-yes", "", "pages/index", data, CancellationToken.None));
        Assert.Equal(1, standIn.TokenRequests);
    }

    [Fact]
    public async Task ConcurrentCallersShareOneAccessTokenRequest()
    {
        await using var standIn = await WeChatStandIn.StartAsync();
        var client = ClientFor(standIn);
        var tokens = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => client.GetAccessTokenAsync(false, CancellationToken.None)));
        Assert.Single(tokens.Distinct());
        Assert.Equal(1, standIn.TokenRequests);
    }
}
