using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ParkFinder.Functions.Hosting;
using ParkFinder.Functions.Leases;
using ParkFinder.Functions.Trends;
using ParkFinder.Functions.Units;
using ParkFinder.Tests.Infrastructure;
using static ParkFinder.Tests.Infrastructure.Catalog;

namespace ParkFinder.Tests.Trends;

// A run killed after any storage request, then run again, leaves exactly the tables of one clean run.
public sealed class TrendJobCrashTests
{
    private static readonly DateTimeOffset Now = new(2026, 4, 15, 8, 0, 0, TimeSpan.Zero);
    private static readonly string[] Tables = ["Leases", "Trends", "LeaseUploads", "Units", "UnitHistory", "LeaseMix"];

    private sealed class Killed : Exception;

    // Every storage request from the k-th on fails, as if the process had died there.
    private sealed class KillAfter(int k) : HttpPipelineSynchronousPolicy
    {
        private int _count;
        public int Count => _count;
        public override void OnSendingRequest(HttpMessage message)
        {
            if (Interlocked.Increment(ref _count) >= k) throw new Killed();
        }
    }

    private static async Task<ApiFactory> WorldWithUploadsAsync()
    {
        var clock = new ShiftedClock(Now);
        var factory = new ApiFactory { ReplaceServices = s => s.AddSingleton<TimeProvider>(clock) };
        await ImportAsync(factory, [
            Park(TrendFixture.Park, "趋势园", city: TrendFixture.City, district: TrendFixture.District, units: [Unit("U1", area: 1000), Unit("U2", area: 500, status: "leased")]),
            Park("p-second", "第二园", city: TrendFixture.City, district: "440306", units: [Unit("W1", "warehouse", 3000, 20)]),
        ]);
        var leases = factory.Services.GetRequiredService<LeaseStore>();
        await leases.SaveUploadAsync(TrendFixture.Park, System.Text.Encoding.UTF8.GetBytes(TrendFixture.Csv), "text/csv", "a.csv", "u", CancellationToken.None);
        await leases.SaveUploadAsync("p-second", System.Text.Encoding.UTF8.GetBytes(
            "unit_id,space_type,area_m2,start_date,end_date,rent\nW1,warehouse,3000,2025-10-01,2027-09-30,20\nW2,warehouse,100,2026-02-01,2026-08-01,25\nBAD,warehouse,-1,2026-01-01,2027-01-01,1\n"),
            "text/csv", "b.csv", "u", CancellationToken.None);
        await leases.SaveUploadAsync("p-second", "not,a,lease,file\n"u8.ToArray(), "text/csv", "c.csv", "u", CancellationToken.None);
        return factory;
    }

    // The job on stores of its own over the storage `options` names (a copy of the world's), whose clients
    // carry the given pipeline policy, and those stores (the tables and containers the job uses). The
    // world's host gives the index and the clock.
    private static (TrendJob Job, IOwnsStorage[] Stores) JobWith(ApiFactory world, StorageOptions options, Action<ClientOptions> configure)
    {
        var account = StorageClients.Account(options, configure);
        var time = world.Services.GetRequiredService<TimeProvider>();
        var history = new UnitHistoryStore(account);
        var units = new UnitStore(account, history);
        var leases = new LeaseStore(account, time);
        var (locks, state, trends) = (new JobLocks(account, time, NullLogger<JobLocks>.Instance), new TrendJobState(account), new TrendStore(account, time));
        var (parks, ecosystem) = (new ParkFinder.Functions.Parks.ParkStore(account, time), new ParkFinder.Functions.Ecosystem.EcosystemStore(account));
        var job = new TrendJob(locks, state, leases, new LeaseFileProcessor(leases, units, time), trends, parks, ecosystem,
            world.Services.GetRequiredService<ParkFinder.Functions.Parks.IParkIndex>(),
            Options.Create(new TrendJobOptions { Schedule = "0 0 * * * *", LockSeconds = 15 }), time, NullLogger<TrendJob>.Instance);
        return (job, [history, units, leases, locks, state, trends, parks, ecosystem]);
    }

    [Fact]
    public async Task KilledAtTwentyDifferentPointsThenRerunGivesTheCleanRunsTables()
    {
        // Every run starts from its own copy of the world as imported and uploaded: the same starting point
        // each time, without a new app and import per run.
        await using var world = await WorldWithUploadsAsync();
        var imported = world.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        // A copy holds what the job's stores own (10 of the 21 tables), not the world's other tables and
        // containers (users, leads, index images, ...), which each cost a create and a read per run.
        async Task<StorageOptions> FreshCopyAsync()
        {
            var copy = new StorageOptions { ConnectionString = imported.ConnectionString, TablePrefix = Azurite.UniqueName("c"), TimeoutSeconds = imported.TimeoutSeconds };
            foreach (var store in JobWith(world, copy, _ => { }).Stores) await store.CreateStorageAsync(CancellationToken.None);
            await StorageCopy.CopyAsync(imported, copy);
            return copy;
        }

        var cleanStorage = await FreshCopyAsync();
        var counter = new KillAfter(int.MaxValue);
        var run = await JobWith(world, cleanStorage, o => o.AddPolicy(counter, HttpPipelinePosition.PerCall)).Job.RunAsync(CancellationToken.None);
        Assert.Equal("completed", run.Status);
        Assert.Equal(2, run.Files - run.FilesFailed);
        var requests = counter.Count;
        var clean = await TableSnapshot.TakeAsync(StorageClients.Account(cleanStorage), Tables);
        Assert.Contains("Status=processed", clean);
        Assert.Contains("Status=failed", clean);

        var random = new Random(20261121);
        var cuts = Enumerable.Range(0, 20).Select(_ => random.Next(1, requests)).ToList();
        // A few cuts at once: most of a cut's time is spent waiting on storage.
        await Parallel.ForEachAsync(cuts, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (k, _) =>
        {
            var storage = await FreshCopyAsync();
            // One policy instance for the table and the blob clients: it counts every storage request.
            var kill = new KillAfter(k);
            await Assert.ThrowsAnyAsync<Exception>(() => JobWith(world, storage, o => o.AddPolicy(kill, HttpPipelinePosition.PerCall)).Job.RunAsync(CancellationToken.None));
            // The dead run's lock would lapse on its own; break it rather than wait.
            var account = StorageClients.Account(storage);
            await new JobLocks(account, world.Services.GetRequiredService<TimeProvider>(), NullLogger<JobLocks>.Instance).BreakAsync(TrendJob.LockBlob, CancellationToken.None);

            var rerun = await JobWith(world, storage, _ => { }).Job.RunAsync(CancellationToken.None);
            Assert.Equal("completed", rerun.Status);
            var after = await TableSnapshot.TakeAsync(account, Tables);
            var diff = after.Split('\n').Except(clean.Split('\n')).Concat(clean.Split('\n').Except(after.Split('\n')).Select(l => "missing: " + l));
            if (clean != after) Assert.Fail($"tables differ after a kill at request {k} of {requests}:\n{string.Join("\n", diff)}");
        });
    }
}
