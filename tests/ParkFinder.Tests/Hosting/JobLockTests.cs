using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ParkFinder.Functions.Hosting;
using ParkFinder.Tests.Infrastructure;

namespace ParkFinder.Tests.Hosting;

// A run must stop when its lock is gone, before another instance's run can start on the same data.
public sealed class JobLockTests
{
    [Fact]
    public async Task ALockWhoseLeaseWasTakenAwaySignalsLostAndAnotherRunCanTakeIt()
    {
        await using var factory = new ApiFactory();
        await factory.StartAsync();
        // The app's locks container, with a clock of the test's: the renewal is due when the test says.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var locks = new JobLocks(factory.Services.GetRequiredService<StorageAccount>(), clock, NullLogger<JobLocks>.Instance);
        await using var held = await locks.TryAcquireAsync("lock-test", TimeSpan.FromSeconds(15), CancellationToken.None);
        Assert.NotNull(held);
        Assert.Null(await locks.TryAcquireAsync("lock-test", TimeSpan.FromSeconds(15), CancellationToken.None)); // held: no second run
        Assert.False(held.Lost.IsCancellationRequested);

        // The lease ends under the holder (as when storage expired it during a long outage).
        await locks.BreakAsync("lock-test", CancellationToken.None);
        // Its next renewal (every third of the duration) finds the lease gone: Lost fires. Should storage be slow
        // to answer, the renewal retries every 2 s of the clock, which moves on until then. 60 s is a hang guard only.
        Assert.False(held.Lost.IsCancellationRequested);
        clock.Advance(TimeSpan.FromSeconds(5));
        var guard = Stopwatch.StartNew();
        while (!held.Lost.IsCancellationRequested && guard.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.WhenAny(Task.Delay(Timeout.Infinite, held.Lost), Task.Delay(200));
            clock.Advance(TimeSpan.FromSeconds(2));
        }
        Assert.True(held.Lost.IsCancellationRequested);

        await using var next = await locks.TryAcquireAsync("lock-test", TimeSpan.FromSeconds(15), CancellationToken.None);
        Assert.NotNull(next);
    }
}
