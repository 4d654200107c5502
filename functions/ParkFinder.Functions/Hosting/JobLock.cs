using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace ParkFinder.Functions.Hosting;

// One run of a job at a time across instances: a lease on a blob in the locks container.
public sealed class JobLocks(StorageAccount account, TimeProvider time, ILogger<JobLocks> logger) : IOwnsStorage
{
    private readonly BlobContainerClient _locks = account.Container("locks");

    public Task CreateStorageAsync(CancellationToken cancellationToken) => _locks.CreateIfNotExistsAsync(cancellationToken: cancellationToken);

    // Null when another run holds the lock.
    public async Task<JobLock?> TryAcquireAsync(string name, TimeSpan duration, CancellationToken cancellationToken)
    {
        var blob = _locks.GetBlobClient(name);
        try
        {
            await blob.UploadAsync(BinaryData.FromString(""), new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } },
                cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412) { } // the lock blob exists (or is leased)
        var lease = blob.GetBlobLeaseClient();
        try
        {
            await lease.AcquireAsync(duration, cancellationToken: cancellationToken);
            return new JobLock(lease, duration, time, logger);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return null;
        }
    }

    // Ends a lease now, as if it had expired (tests: a killed run's lock).
    public async Task BreakAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            await _locks.GetBlobClient(name).GetBlobLeaseClient().BreakAsync(TimeSpan.Zero, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 409) { } // no lock blob, or no lease on it
    }
}

// A held lock, renewed every third of its duration while the run lasts, released at the end (or
// expiring by itself if the instance dies). A renewal that fails is retried until the lease would
// have expired; then the lock is lost and Lost fires, so the run stops before another instance's
// run could start on the same data.
public sealed class JobLock : IAsyncDisposable
{
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(2);
    private readonly BlobLeaseClient _lease;
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _lost = new();
    private readonly Task _renewal;

    internal JobLock(BlobLeaseClient lease, TimeSpan duration, TimeProvider time, ILogger logger)
    {
        _lease = lease;
        _renewal = RenewAsync(duration, time, logger);
    }

    // Fires when the lease could not be renewed in time: the run must stop.
    public CancellationToken Lost => _lost.Token;

    private async Task RenewAsync(TimeSpan duration, TimeProvider time, ILogger logger)
    {
        var renewedAt = time.GetTimestamp();
        var wait = duration / 3;
        try
        {
            while (true)
            {
                await Task.Delay(wait, time, _stop.Token);
                try
                {
                    await _lease.RenewAsync(cancellationToken: _stop.Token);
                    renewedAt = time.GetTimestamp();
                    wait = duration / 3;
                }
                catch (Exception ex) when (!_stop.IsCancellationRequested && (StorageFailure.IsUnavailable(ex) || ex is RequestFailedException))
                {
                    // Another holder (409/412), or no renewal before the lease would run out: the lock is gone.
                    var gone = ex is RequestFailedException { Status: 409 or 412 } || time.GetElapsedTime(renewedAt) + RetryAfterFailure >= duration;
                    logger.LogWarning("Lock {Lock}: renewal failed ({Reason}){Outcome}", _lease.Uri.AbsolutePath, StorageFailure.Describe(ex),
                        gone ? "; the lock is lost and the run stops" : "; retrying");
                    if (gone)
                    {
                        await _lost.CancelAsync();
                        return;
                    }
                    wait = RetryAfterFailure;
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested) { }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _renewal;
        _stop.Dispose();
        try { await _lease.ReleaseAsync(cancellationToken: CancellationToken.None); }
        catch (Exception ex) when (StorageFailure.IsUnavailable(ex) || ex is RequestFailedException) { } // it expires by itself
        _lost.Dispose();
    }
}
