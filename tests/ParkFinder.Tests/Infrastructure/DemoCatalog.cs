using System.Text.Json;
using ParkFinder.Functions.Parks;

namespace ParkFinder.Tests.Infrastructure;

// One app with the demo catalog (DemoData/demo-parks.json) imported as an operator would, shared by a
// test class whose tests only read.
public sealed class DemoCatalog : IAsyncLifetime
{
    public ApiFactory Factory { get; } = new();
    public HttpClient Client { get; private set; } = null!;

    public static List<Park> Parks() => JsonSerializer.Deserialize<List<Park>>(File.ReadAllText(Path.Combine(Azurite.RepoRoot(),
        "functions", "ParkFinder.Functions", "DemoData", "demo-parks.json")), Catalog.Json)!;

    public async Task InitializeAsync()
    {
        await Catalog.ImportAsync(Factory, Parks());
        Client = Factory.CreateClient();
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}
