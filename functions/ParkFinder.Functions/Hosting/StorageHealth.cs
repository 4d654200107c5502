using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace ParkFinder.Functions.Hosting;

public sealed class HealthOptions
{
    // How old the cached storage check may be.
    [Range(1, 300)]
    public int RefreshSeconds { get; set; } = 3;
}

public sealed record StorageCheck(bool Ok, string Detail, DateTimeOffset CheckedAt);

// Health answers from a cached storage check, refreshed in the background, so an anonymous route
// never turns a flood of requests into a flood of storage calls. The first request before any
// check waits for that one check (shared by every caller), not for one of its own.
public sealed class StorageHealth(StorageAccount storage, StorageInitializer initializer, IOptions<HealthOptions> options, TimeProvider time)
    : BackgroundService
{
    private Task<StorageCheck>? _latest;
    private readonly Lock _gate = new();

    // The cached answer of storage, and whether the app's tables exist yet (known without a call).
    public async Task<StorageCheck> CurrentAsync()
    {
        Task<StorageCheck> latest;
        lock (_gate) latest = _latest ??= CheckAsync();
        var check = await latest;
        return check.Ok && !initializer.Ready.IsCompleted ? check with { Ok = false, Detail = "Storage answers but is not initialised yet." } : check;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = TimeSpan.FromSeconds(options.Value.RefreshSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            var next = await CheckAsync();
            lock (_gate) _latest = Task.FromResult(next);
            await Task.Delay(period, time, stoppingToken);
        }
    }

    private async Task<StorageCheck> CheckAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        try
        {
            // One small read of each service: the tables' list (at most one row) and the containers' list.
            await foreach (var _ in storage.TableService.QueryAsync(maxPerPage: 1, cancellationToken: timeout.Token).AsPages(pageSizeHint: 1)) break;
            await foreach (var _ in storage.BlobService.GetBlobContainersAsync(cancellationToken: timeout.Token).AsPages(pageSizeHint: 1)) break;
            return new StorageCheck(true, "ok", time.GetUtcNow());
        }
        // Whatever storage answers, health says so; the background loop must never die on it.
        catch (Exception ex)
        {
            return new StorageCheck(false, "Storage did not answer: " + StorageFailure.Describe(ex), time.GetUtcNow());
        }
    }
}
