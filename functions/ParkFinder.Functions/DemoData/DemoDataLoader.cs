using ParkFinder.Functions.Catalog;
using ParkFinder.Functions.Auth;
using System.Text.Json;
using ParkFinder.Functions.Hosting;
using ParkFinder.Functions.Leases;
using ParkFinder.Functions.Parks;
using ParkFinder.Functions.Search;
using ParkFinder.Functions.Trends;

namespace ParkFinder.Functions.DemoData;

// With DemoData:Load=true (the README's run command), imports DemoData/demo-parks.json at start
// into empty tables only: a restart keeps what users changed since. DemoData:Reset=true
// (scripts/run.sh --reset-demo) imports it again, replacing those parks and their units.
// Development also binds DemoData:LandlordOpenId to DemoData:LandlordParkId and, with
// DemoData:Leases, uploads invented lease files (once per park) and runs the trend job.
public sealed class DemoDataLoader(IConfiguration configuration, StorageInitializer storage, CatalogImport import, ParkStore stored, ParkIndexHolder holder,
    UserStore users, LeaseStore leases, TrendJob trends, TimeProvider time, IHostEnvironment environment, ILogger<DemoDataLoader> logger) : BackgroundService
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
            var errors = import.Validate(parks);
            if (errors.Count > 0)
            {
                logger.LogError("Demo data is invalid: {Errors}", string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
                return;
            }
            var valid = parks.Select(p => p!).ToList();
            valid.ForEach(ParkValidation.Normalize);
            var kept = !configuration.GetValue("DemoData:Reset", false) && await stored.AnyParkAsync(stoppingToken);
            if (!kept) await import.ImportAsync(valid, stoppingToken);
            // Logged once the index holds the catalog: a search after either line finds the demo parks.
            await holder.RefreshAsync(force: true, stoppingToken);
            if (kept)
                logger.LogInformation("Demo data kept: the tables already hold parks, so what was changed since stays (scripts/run.sh --reset-demo loads the demo again)");
            else
                logger.LogInformation("Demo data loaded: {Parks} parks, {Units} units", valid.Count, valid.Sum(p => p.Units?.Count ?? 0));
            if (environment.IsDevelopment()) await LoadDevelopmentExtrasAsync(valid, stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogError("Demo data could not be loaded: {Reason}", StorageFailure.Describe(ex));
        }
    }

    private async Task LoadDevelopmentExtrasAsync(List<Park> parks, CancellationToken cancellationToken)
    {
        if (configuration["DemoData:LandlordOpenId"] is { Length: > 0 } openId && configuration["DemoData:LandlordParkId"] is { Length: > 0 } parkId)
        {
            await users.AddParkBindingAsync(UserStore.UserIdFor(openId), parkId, "demo", cancellationToken);
            logger.LogInformation("Demo landlord {OpenId} is bound to {ParkId}", openId, parkId);
        }
        if (!configuration.GetValue("DemoData:Leases", false))
        {
            logger.LogInformation("Demo ready");
            return;
        }
        var today = Units.Freshness.Day(time.GetUtcNow()); // the trend job's run date
        var uploaded = 0;
        foreach (var park in parks.Where(p => p.Units is { Count: > 0 }))
        {
            if (await leases.HasUploadsAsync(park.Id, cancellationToken)) continue;
            await leases.SaveUploadAsync(park.Id, System.Text.Encoding.UTF8.GetBytes(DemoLeases.Csv(park, today)), "text/csv", DemoLeases.FileName, "demo",
                cancellationToken);
            uploaded++;
        }
        if (uploaded > 0)
        {
            var run = await trends.RunAsync(cancellationToken);
            logger.LogInformation("Demo leases: {Files} invented lease files uploaded; trend job {Status}, {Series} series", uploaded, run.Status, run.Series);
            // The lease mixes (track scores) and reconciled units are in the index before "Demo ready", not a refresh later.
            await holder.RefreshAsync(force: true, cancellationToken);
        }
        // Sign in after this line: a token carries the parks its user was bound to when it was issued.
        logger.LogInformation("Demo ready: sign in with the codes demo-investor, demo-landlord or demo-admin");
    }
}
