namespace ParkFinder.Tests.Infrastructure;

// One app with empty tables, shared by a test class whose tests only read or are refused: they see
// what a fresh deployment answers, without a host start each.
public sealed class EmptyApp : IAsyncLifetime
{
    public ApiFactory Factory { get; } = new();

    public async Task InitializeAsync() => await Factory.StartAsync();

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}
