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
