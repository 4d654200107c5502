using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ParkFinder.Tests.Infrastructure;
using static ParkFinder.Tests.Infrastructure.Catalog;

namespace ParkFinder.Tests.Leads;

// What happens around a consult request: the park's landlords hear of it and the investor of the
// first answer (WeChat subscribe messages), the park page shows how fast the park answers, and old
// requests are deleted.
public sealed class LeadFollowUpTests
{
    private static readonly Dictionary<string, string?> Templates = new()
    {
        ["WeChat:LeadTemplateId"] = "tmpl-new-lead", ["WeChat:LeadAnsweredTemplateId"] = "tmpl-answered", ["RateLimits:LeadsPerMinute"] = "100",
    };

    private static object Lead(string category) => new { category, name = "李先生", phone = "13912345678", message = "想看厂房", consent = true };

    private static HttpRequestMessage Move(string parkId, JsonNode lead, string status)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/parks/{parkId}/leads/{lead["id"]!.GetValue<string>()}") { Content = JsonContent.Create(new { status }) };
        request.Headers.TryAddWithoutValidation("If-Match", lead["etag"]!.GetValue<string>());
        return request;
    }

    [Fact]
    public async Task LandlordsHearOfANewRequestAndTheInvestorOfTheFirstAnswerWhoeverHasSubscribed()
    {
        await using var world = await TestWorld.StartAsync(Templates, Park("park-a", "甲园"));
        var landlord = world.Client(await world.LandlordTokenAsync("openid-landlord", "park-a"));
        await world.LandlordTokenAsync("openid-colleague", "park-a"); // a second landlord, who has not subscribed
        world.WeChat.Subscribed["openid-landlord"] = true;
        world.WeChat.Subscribed["openid-investor"] = true;
        var investor = world.Client(await world.TokenAsync("openid-investor"));

        var created = await investor.PostAsJsonAsync("/api/parks/park-a/leads", Lead("office"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("sent", (await world.LeadAsTheParkSeesItAsync(created))["landlordNotice"]!.GetValue<string>());
        var toLandlord = Assert.Single(world.WeChat.SentMessages);
        Assert.Equal("openid-landlord", toLandlord["touser"]!.GetValue<string>());
        Assert.Equal("tmpl-new-lead", toLandlord["template_id"]!.GetValue<string>());
        Assert.Equal("甲园", toLandlord["data"]!["thing1"]!["value"]!.GetValue<string>());
        Assert.Equal("写字楼租售", toLandlord["data"]!["thing2"]!["value"]!.GetValue<string>());
        Assert.DoesNotContain("13912345678", toLandlord.ToJsonString()); // the phone number stays in the app

        // The first answer tells the investor; later moves do not, and the ETag returned stays usable.
        var lead = (await landlord.GetJsonAsync("/api/parks/park-a/leads"))["items"]![0]!;
        var contacted = await landlord.SendAsync(Move("park-a", lead, "contacted"));
        Assert.Equal(HttpStatusCode.OK, contacted.StatusCode);
        var moved = (await contacted.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("sent", moved["investorNotice"]!.GetValue<string>());
        Assert.Equal(2, world.WeChat.SentMessages.Count);
        var toInvestor = world.WeChat.SentMessages.Last();
        Assert.Equal("openid-investor", toInvestor["touser"]!.GetValue<string>());
        Assert.Equal("tmpl-answered", toInvestor["template_id"]!.GetValue<string>());
        Assert.Equal("已联系", toInvestor["data"]!["phrase2"]!["value"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await landlord.SendAsync(Move("park-a", moved, "visited"))).StatusCode);
        Assert.Equal(2, world.WeChat.SentMessages.Count);
        Assert.Equal("sent", (await landlord.GetJsonAsync("/api/parks/park-a/leads"))["items"]![0]!["investorNotice"]!.GetValue<string>());
        // Delivery records are the park's: the investor sees where the request stands, not how messages went.
        Assert.Null((await investor.GetJsonAsync("/api/me/leads"))["items"]![0]!["investorNotice"]);

        // Nobody subscribed: recorded, not an error.
        world.WeChat.Subscribed.Clear();
        var unsubscribed = await world.Client(await world.TokenAsync("openid-other")).PostAsJsonAsync("/api/parks/park-a/leads", Lead("land"));
        Assert.Equal(HttpStatusCode.Created, unsubscribed.StatusCode);
        var sentId = (await unsubscribed.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        Assert.Equal("not_subscribed", (await landlord.GetJsonAsync("/api/parks/park-a/leads"))["items"]!.AsArray()
            .Single(l => l!["id"]!.GetValue<string>() == sentId)!["landlordNotice"]!.GetValue<string>());
        Assert.Equal(2, world.WeChat.SentMessages.Count);
    }

    [Fact]
    public async Task ALandlordBoundBeforeTheParksLookupExistedIsStillTold()
    {
        await using var world = await TestWorld.StartAsync(Templates, Park("park-a", "甲园"));
        await world.TokenAsync("openid-early"); // signed in once: a profile with the openid
        // A binding as the app wrote it before bindings were mirrored per park.
        var users = world.Factory.Services.GetRequiredService<ParkFinder.Functions.Hosting.StorageAccount>().Table("Users");
        await users.UpsertEntityAsync(new Azure.Data.Tables.TableEntity(ParkFinder.Functions.Auth.UserStore.UserIdFor("openid-early"), "park:park-a")
            { ["ParkId"] = "park-a", ["InviteCode"] = "old", ["BoundAt"] = DateTimeOffset.UtcNow });
        world.WeChat.Subscribed["openid-early"] = true;
        var created = await world.Client(await world.TokenAsync("openid-investor")).PostAsJsonAsync("/api/parks/park-a/leads", Lead("office"));
        Assert.Equal("sent", (await world.LeadAsTheParkSeesItAsync(created))["landlordNotice"]!.GetValue<string>());
        Assert.Equal("openid-early", Assert.Single(world.WeChat.SentMessages)["touser"]!.GetValue<string>());
    }

    [Fact]
    public async Task WithoutTemplatesNothingIsSentAndTheRequestStillStands()
    {
        await using var world = await TestWorld.StartAsync(null, Park("park-a", "甲园"));
        await world.LandlordTokenAsync("openid-landlord", "park-a");
        world.WeChat.Subscribed["openid-landlord"] = true;
        var created = await world.Client(await world.TokenAsync("openid-investor")).PostAsJsonAsync("/api/parks/park-a/leads", Lead("office"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("not_configured", (await world.LeadAsTheParkSeesItAsync(created))["landlordNotice"]!.GetValue<string>());
        Assert.Empty(world.WeChat.SentMessages);
    }

    [Fact]
    public async Task TheParkPageShowsResponsivenessFromFiveRequestsOnAsWorkedByHand()
    {
        var clock = new ShiftedClock(DateTimeOffset.UtcNow);
        await using var world = await TestWorld.StartAsync(Templates, s => s.AddSingleton<TimeProvider>(clock), Park("park-a", "甲园"));
        var categories = new[] { "policy", "talent", "factory-warehouse", "office", "land", "registration" };
        var investor = world.Client(await world.TokenAsync("openid-investor"));
        foreach (var c in categories)
            Assert.Equal(HttpStatusCode.Created, (await investor.PostAsJsonAsync("/api/parks/park-a/leads", Lead(c))).StatusCode);
        // Answered after 1, 2, 5, 10 and 30 hours; one never.
        var answerAfter = new Dictionary<string, int> { ["policy"] = 2, ["talent"] = 5, ["factory-warehouse"] = 30, ["office"] = 10, ["registration"] = 1 };
        var elapsed = 0;
        foreach (var (category, hours) in answerAfter.OrderBy(kv => kv.Value))
        {
            clock.Advance(TimeSpan.FromHours(hours - elapsed));
            elapsed = hours;
            var landlord = world.Client(await world.LandlordTokenAsync("openid-landlord", "park-a"));
            var lead = (await landlord.GetJsonAsync("/api/parks/park-a/leads"))["items"]!.AsArray().Single(l => l!["category"]!.GetValue<string>() == category)!;
            Assert.Equal(HttpStatusCode.OK, (await landlord.SendAsync(Move("park-a", lead, "contacted"))).StatusCode);
        }
        clock.Advance(TimeSpan.FromDays(2));
        var figure = (await world.Client().GetJsonAsync("/api/parks/park-a"))["responsiveness"]!;
        // Six requests had their 24 hours; answered: 1, 2, 5, 10, 30 h -> median 5 h; within 24 h: 4 of 6.
        Assert.Equal(6, figure["requests"]!.GetValue<int>());
        Assert.Equal(5, figure["medianFirstResponseHours"]!.GetValue<double>(), 1);
        Assert.Equal(0.6667, figure["answeredWithin24hShare"]!.GetValue<double>());

        // 90 days later none of them counts: fewer than five requests, no figure.
        clock.Advance(TimeSpan.FromDays(90));
        Assert.Null((await world.Client().GetJsonAsync("/api/parks/park-a"))["responsiveness"]);
    }

    [Fact]
    public async Task RequestsOlderThanTheRetentionAreDeletedWithTheInvestorsEntries()
    {
        var clock = new ShiftedClock(DateTimeOffset.UtcNow);
        await using var world = await TestWorld.StartAsync(new Dictionary<string, string?> { ["Jobs:PurgeLeads:RetentionDays"] = "30" },
            s => s.AddSingleton<TimeProvider>(clock), Park("park-a", "甲园"));
        Assert.Equal(HttpStatusCode.Created, (await world.Client(await world.TokenAsync("openid-old")).PostAsJsonAsync("/api/parks/park-a/leads", Lead("office"))).StatusCode);
        clock.Advance(TimeSpan.FromDays(20));
        Assert.Equal(HttpStatusCode.Created, (await world.Client(await world.TokenAsync("openid-new")).PostAsJsonAsync("/api/parks/park-a/leads", Lead("land"))).StatusCode);
        clock.Advance(TimeSpan.FromDays(11)); // the first is 31 days old, the second 11

        var run = await world.Factory.CreateAdminClient().PostAsync("/api/admin/jobs/purge-leads", null);
        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        Assert.Equal(1, (await run.Content.ReadFromJsonAsync<JsonObject>())!["deleted"]!.GetValue<int>());
        var landlord = world.Client(await world.LandlordTokenAsync("openid-landlord", "park-a"));
        Assert.Equal(["land"], (await landlord.GetJsonAsync("/api/parks/park-a/leads"))["items"]!.AsArray().Select(l => l!["category"]!.GetValue<string>()));
        Assert.Empty((await world.Client(await world.TokenAsync("openid-old")).GetJsonAsync("/api/me/leads"))["items"]!.AsArray());
        Assert.Single((await world.Client(await world.TokenAsync("openid-new")).GetJsonAsync("/api/me/leads"))["items"]!.AsArray());
        // The old investor may ask the same park again as a new request.
        Assert.Equal(HttpStatusCode.Created, (await world.Client(await world.TokenAsync("openid-old")).PostAsJsonAsync("/api/parks/park-a/leads", Lead("office"))).StatusCode);
    }
}
