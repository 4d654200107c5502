using Azure;

namespace ParkFinder.Api.Hosting;

// One run of a job at a time across instances: a lease on a blob in the locks container, renewed
// every third of its duration while the run lasts, released at the end (or expiring by itself if
// the instance dies).
public sealed class JobLock : IAsyncDisposable
{
    private readonly AppStorage _storage;
    private readonly string _blob;
    private readonly string _leaseId;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewal;

    private JobLock(AppStorage storage, string blob, string leaseId, TimeSpan duration, TimeProvider time, ILogger logger)
    {
        (_storage, _blob, _leaseId) = (storage, blob, leaseId);
        _renewal = RenewAsync(duration / 3, time, logger);
    }

    // Null when another run holds the lock.
    public static async Task<JobLock?> TryAcquireAsync(AppStorage storage, string blob, TimeSpan duration, TimeProvider time, ILogger logger,
        CancellationToken cancellationToken)
    {
        try
        {
            await storage.Locks.UploadAsync(blob, BinaryData.FromString(""), overwrite: false, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412) { } // the lock blob exists (or is leased)
        try
        {
            var leaseId = await storage.Locks.AcquireLeaseAsync(blob, duration, cancellationToken: cancellationToken);
            return new JobLock(storage, blob, leaseId, duration, time, logger);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return null;
        }
    }

    private async Task RenewAsync(TimeSpan period, TimeProvider time, ILogger logger)
    {
        try
        {
            while (true)
            {
                await Task.Delay(period, time, _stop.Token);
                await _storage.Locks.RenewLeaseAsync(_blob, _leaseId, _stop.Token);
            }
        }
        catch (OperationCanceledException) { }
        catch (Exception ex) when (ex is RequestFailedException or AggregateException)
        {
            logger.LogWarning("Lock {Lock}: renewal failed ({Reason})", _blob, StorageFailure.Describe(ex));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _renewal;
        _stop.Dispose();
        try { await _storage.Locks.ReleaseLeaseAsync(_blob, _leaseId, CancellationToken.None); }
        catch (Exception ex) when (ex is RequestFailedException or AggregateException or OperationCanceledException) { } // it expires by itself
    }
}
