using System.ComponentModel.DataAnnotations;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Options;

namespace ParkFinder.Functions.Hosting;

public sealed class StorageOptions : IValidatableObject
{
    public string? ConnectionString { get; set; }
    public Uri? TableEndpoint { get; set; }
    public Uri? BlobEndpoint { get; set; }
    // Tables and containers get this prefix, so tests and side-by-side environments share one account.
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{0,19}$|^$")]
    public string TablePrefix { get; set; } = "";
    // The most one storage operation may take, retries included: a frozen storage then costs a
    // request this long before it answers 503, instead of hanging.
    [Range(1, 120)]
    public int TimeoutSeconds { get; set; } = 5;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(ConnectionString) && (TableEndpoint is null || BlobEndpoint is null))
            yield return new ValidationResult("Set Storage:ConnectionString, or Storage:TableEndpoint and Storage:BlobEndpoint for managed identity.");
    }
}

// The SDK clients of one account, built from StorageOptions in one place (the app through
// AddAzureClients; tests and benchmarks directly, with a policy of their own added).
public static class StorageClients
{
    public static TableServiceClient Tables(StorageOptions o, TokenCredential credential, Action<ClientOptions>? configure = null)
    {
        var options = Configure(new TableClientOptions(), o, configure);
        return string.IsNullOrWhiteSpace(o.ConnectionString)
            ? new TableServiceClient(o.TableEndpoint!, credential, options)
            : new TableServiceClient(o.ConnectionString, options);
    }

    public static BlobServiceClient Blobs(StorageOptions o, TokenCredential credential, Action<ClientOptions>? configure = null)
    {
        var options = Configure(new BlobClientOptions(), o, configure);
        return string.IsNullOrWhiteSpace(o.ConnectionString)
            ? new BlobServiceClient(o.BlobEndpoint!, credential, options)
            : new BlobServiceClient(o.ConnectionString, options);
    }

    public static StorageAccount Account(StorageOptions o, Action<ClientOptions>? configure = null)
    {
        var credential = new DefaultAzureCredential();
        return new StorageAccount(Tables(o, credential, configure), Blobs(o, credential, configure), Options.Create(o));
    }

    private static T Configure<T>(T options, StorageOptions o, Action<ClientOptions>? configure) where T : ClientOptions
    {
        // A request handler waits on storage: retry briefly, within one deadline for the whole operation.
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = 3;
        options.Retry.Delay = TimeSpan.FromMilliseconds(100);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(1);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(o.TimeoutSeconds);
        options.AddPolicy(new StorageDeadlinePolicy(TimeSpan.FromSeconds(o.TimeoutSeconds)), HttpPipelinePosition.PerRetry);
        options.Diagnostics.IsLoggingContentEnabled = false;
        configure?.Invoke(options);
        return options;
    }
}

// The account as the stores see it: each store asks for its own tables and containers by name
// (with the configured prefix); no code holds all of them.
public sealed class StorageAccount(TableServiceClient tables, BlobServiceClient blobs, IOptions<StorageOptions> options)
{
    public TableServiceClient TableService => tables;
    public BlobServiceClient BlobService => blobs;
    public string Prefix => options.Value.TablePrefix;

    public TableClient Table(string name) => tables.GetTableClient(Prefix + name);

    public BlobContainerClient Container(string name) => blobs.GetBlobContainerClient(Prefix.ToLowerInvariant() + name);
}

// A store that owns tables or containers creates them at start.
public interface IOwnsStorage
{
    Task CreateStorageAsync(CancellationToken cancellationToken);
}

// Creates every store's tables and containers at start; storage being down then must not stop the
// app from starting (health answers 503 meanwhile), so it retries in the background.
public sealed class StorageInitializer(IEnumerable<IOwnsStorage> owners, ILogger<StorageInitializer> logger) : BackgroundService
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
                foreach (var owner in owners) await owner.CreateStorageAsync(stoppingToken);
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
        services.AddAzureClients(clients =>
        {
            // Managed identity in Azure (AZURE_CLIENT_ID picks the user-assigned one); unused with a connection string.
            clients.UseCredential(new DefaultAzureCredential());
            clients.AddClient<TableServiceClient, TableClientOptions>((_, credential, sp) =>
                StorageClients.Tables(sp.GetRequiredService<IOptions<StorageOptions>>().Value, credential));
            clients.AddClient<BlobServiceClient, BlobClientOptions>((_, credential, sp) =>
                StorageClients.Blobs(sp.GetRequiredService<IOptions<StorageOptions>>().Value, credential));
        });
        services.AddSingleton<StorageAccount>();
        services.AddSingleton<StorageInitializer>();
        services.AddHostedService(sp => sp.GetRequiredService<StorageInitializer>());
        return services;
    }

    // A store: one instance, and its tables created at start.
    public static IServiceCollection AddStore<T>(this IServiceCollection services) where T : class, IOwnsStorage
    {
        services.AddSingleton<T>();
        services.AddSingleton<IOwnsStorage>(sp => sp.GetRequiredService<T>());
        return services;
    }
}
