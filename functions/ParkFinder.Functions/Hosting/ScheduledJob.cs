namespace ParkFinder.Functions.Hosting;

// A scheduled job is one class, declared by [ScheduledFunction(Name, RunNow = ..., Route = ..., Summary = ...)]:
// the build writes its timer function (on the setting Jobs:{Name}:Schedule, whose default the class states
// in DefaultSchedule) and its run-now route for operators (FunctionDeclarations.cs). This is its skeleton:
// one run at a time across instances (a blob lease named LockName), stopped when the lease is lost,
// "skipped" when another run holds it.
public abstract class ScheduledJob<TRun>(JobLocks locks, JobOptions options, TimeProvider time)
{
    protected TimeProvider Time { get; } = time;

    protected abstract string LockName { get; }

    // What a run answers when another instance's run holds the lock.
    protected abstract TRun Skipped(DateTimeOffset startedAt);

    // The run itself, under the lock; the token stops it if the lock is lost.
    protected abstract Task<TRun> RunLockedAsync(DateTimeOffset startedAt, CancellationToken cancellationToken);

    public async Task<TRun> RunAsync(CancellationToken cancellationToken)
    {
        var startedAt = Time.GetUtcNow();
        await using var held = await locks.TryAcquireAsync(LockName, TimeSpan.FromSeconds(options.LockSeconds), cancellationToken);
        if (held is null) return Skipped(startedAt);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, held.Lost);
        return await RunLockedAsync(startedAt, stop.Token);
    }
}
