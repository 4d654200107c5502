using System.Text.Json;
using ParkFinder.Functions.Hosting;
using ParkFinder.Functions.Parks;
using ParkFinder.Functions.Search;

namespace ParkFinder.Functions.DemoData;

// With DemoData:Load=true (the README's run command), imports DemoData/demo-parks.json at start.
// The import replaces those parks and their units, so restarting gives the same demo state.
public sealed class DemoDataLoader(IConfiguration configuration, StorageInitializer storage, ParkStore store, ParkIndexHolder holder,
    IHostEnvironment environment, ILogger<DemoDataLoader> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("DemoData:Load", false)) return;
        await storage.Ready.WaitAsync(stoppingToken);
        var path = Path.Combine(AppContext.BaseDirectory, "DemoData", "demo-parks.json");
        if (!File.Exists(path)) path = Path.Combine(environment.ContentRootPath, "DemoData", "demo-parks.json");
        try
        {
            await using var file = File.OpenRead(path);
            var parks = await JsonSerializer.DeserializeAsync<List<Park?>>(file, new JsonSerializerOptions(JsonSerializerDefaults.Web), stoppingToken) ?? [];
            var errors = ParkValidation.Validate(parks);
            if (errors.Count > 0)
            {
                logger.LogError("Demo data is invalid: {Errors}", string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
                return;
            }
            var valid = parks.Select(p => p!).ToList();
            valid.ForEach(ParkValidation.Normalize);
            await store.ImportAsync(valid, stoppingToken);
            await holder.RefreshAsync(force: true, stoppingToken);
            logger.LogInformation("Demo data loaded: {Parks} parks, {Units} units", valid.Count, valid.Sum(p => p.Units?.Count ?? 0));
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogError("Demo data could not be loaded: {Reason}", StorageFailure.Describe(ex));
        }
    }
}
