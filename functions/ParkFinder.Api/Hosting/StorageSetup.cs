using System.ComponentModel.DataAnnotations;
using Azure.Identity;
using Microsoft.Extensions.Options;
using ParkFinder.Storage;
using ParkFinder.Storage.Blobs;
using ParkFinder.Storage.Tables;

namespace ParkFinder.Api.Hosting;

public sealed class StorageOptions : IValidatableObject
{
    public string? ConnectionString { get; set; }
    public Uri? TableEndpoint { get; set; }
    public Uri? BlobEndpoint { get; set; }
    // Tables and containers get this prefix, so tests and side-by-side environments share one account.
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{0,19}$|^$")]
    public string TablePrefix { get; set; } = "";
    [Range(1, 120)]
    public int TimeoutSeconds { get; set; } = 10;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(ConnectionString) && (TableEndpoint is null || BlobEndpoint is null))
            yield return new ValidationResult("Set Storage:ConnectionString, or Storage:TableEndpoint and Storage:BlobEndpoint for managed identity.");
    }

    internal StorageConnection CreateConnection() => string.IsNullOrWhiteSpace(ConnectionString)
        ? StorageConnection.FromEndpoints(TableEndpoint!, BlobEndpoint!, new DefaultAzureCredential())
        : StorageConnection.FromConnectionString(ConnectionString);
}

// Every table and container the app uses, resolved once from configuration.
public sealed class AppStorage
{
    // configure: extra pipeline settings (tests add a policy that cuts a run short).
    public AppStorage(IOptions<StorageOptions> options, Action<StorageClientOptions>? configure = null)
    {
        var o = options.Value;
        var connection = o.CreateConnection();
        var clientOptions = new StorageClientOptions();
        clientOptions.Retry.NetworkTimeout = TimeSpan.FromSeconds(o.TimeoutSeconds);
        configure?.Invoke(clientOptions);
        Service = new TableServiceClient(connection, clientOptions);
        var prefix = o.TablePrefix;
        Parks = Service.GetTableClient(prefix + "Parks");
        Units = Service.GetTableClient(prefix + "Units");
        Leases = Service.GetTableClient(prefix + "Leases");
        LeaseUploads = Service.GetTableClient(prefix + "LeaseUploads");
        Trends = Service.GetTableClient(prefix + "Trends");
        Users = Service.GetTableClient(prefix + "Users");
        Invites = Service.GetTableClient(prefix + "Invites");
        Leads = Service.GetTableClient(prefix + "Leads");
        Favorites = Service.GetTableClient(prefix + "Favorites");
        Alerts = Service.GetTableClient(prefix + "Alerts");
        AlertEvents = Service.GetTableClient(prefix + "AlertEvents");
        Jobs = Service.GetTableClient(prefix + "Jobs");
        Meta = Service.GetTableClient(prefix + "Meta");
        var containerPrefix = prefix.ToLowerInvariant();
        LeaseFiles = new BlobContainerClient(connection, containerPrefix + "lease-files", clientOptions);
        Locks = new BlobContainerClient(connection, containerPrefix + "locks", clientOptions);
        Snapshots = new BlobContainerClient(connection, containerPrefix + "index-snapshots", clientOptions);
    }

    public TableServiceClient Service { get; }
    public TableClient Parks { get; }
    public TableClient Units { get; }
    public TableClient Leases { get; }
    public TableClient LeaseUploads { get; }
    public TableClient Trends { get; }
    public TableClient Users { get; }
    public TableClient Invites { get; }
    public TableClient Leads { get; }
    public TableClient Favorites { get; }
    public TableClient Alerts { get; }
    public TableClient AlertEvents { get; }
    public TableClient Jobs { get; }
    public TableClient Meta { get; }
    public BlobContainerClient LeaseFiles { get; }
    public BlobContainerClient Locks { get; }
    public BlobContainerClient Snapshots { get; }

    public IEnumerable<TableClient> Tables => [Parks, Units, Leases, LeaseUploads, Trends, Users, Invites, Leads, Favorites, Alerts, AlertEvents, Jobs, Meta];
    public IEnumerable<BlobContainerClient> Containers => [LeaseFiles, Locks, Snapshots];

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        foreach (var table in Tables) await table.CreateIfNotExistsAsync(cancellationToken);
        foreach (var container in Containers) await container.CreateIfNotExistsAsync(cancellationToken);
    }
}

// Creates tables and containers at start; storage being down then must not stop the app
// from starting (health answers 503 meanwhile), so it retries in the background.
public sealed class StorageInitializer(AppStorage storage, ILogger<StorageInitializer> logger) : BackgroundService
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Ready => _ready.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(500);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await storage.EnsureCreatedAsync(stoppingToken);
                _ready.TrySetResult();
                logger.LogInformation("Storage tables and containers are ready");
                return;
            }
            // Whatever fails here must not stop the host: log, wait, try again.
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Storage is not reachable yet ({Reason}); retrying in {Delay}", StorageFailure.Describe(ex), delay);
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }
    }
}

public static class StorageSetup
{
    public static IServiceCollection AddAppStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration("Storage").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new AppStorage(sp.GetRequiredService<IOptions<StorageOptions>>()));
        services.AddSingleton<StorageInitializer>();
        services.AddHostedService(sp => sp.GetRequiredService<StorageInitializer>());
        return services;
    }
}
