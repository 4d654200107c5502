using static ParkFinder.Tests.Infrastructure.Catalog;

namespace ParkFinder.Tests.Infrastructure;

// One world for a test class whose tests keep out of each other's way (users, parks or lists of their
// own; a class's tests run one after another): a host start with its storage is the suite's largest
// cost (~0.2 s of CPU each). A class says what its world holds by overriding StartAsync.
public class SharedWorld : IAsyncLifetime
{
    public TestWorld World { get; private set; } = null!;

    protected virtual Task<TestWorld> StartAsync() => TestWorld.StartAsync();

    public async Task InitializeAsync() => World = await StartAsync();

    public async Task DisposeAsync() => await World.DisposeAsync();
}

// park-a with one unit (u1, 30 CNY/m2/month) and its landlord (openid-a), for classes whose tests refuse
// writes or read what they compare fresh.
public sealed class OneLandlordPark : SharedWorld
{
    public HttpClient Landlord { get; private set; } = null!;

    protected override async Task<TestWorld> StartAsync()
    {
        var world = await TestWorld.StartAsync(null, Park("park-a", "甲园", units: [Unit("u1", rent: 30)]));
        Landlord = world.Client(await world.LandlordTokenAsync("openid-a", "park-a"));
        return world;
    }
}
