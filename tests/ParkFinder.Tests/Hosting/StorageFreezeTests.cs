using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using ParkFinder.Functions.Hosting;
using ParkFinder.Tests.Infrastructure;
using static ParkFinder.Tests.Infrastructure.Catalog;

namespace ParkFinder.Tests.Hosting;

// Storage frozen (SIGSTOP) under load for three times the storage budget (1 s here, 5 s by default):
// reads answer from memory, writes fail fast with 503 instead of hanging, nothing answers another
// 5xx, and no write is lost or doubled.
public sealed class StorageFreezeTests
{
    // Each client's pause between requests: eight clients still keep requests in flight all the time
    // (a read takes a few ms, a write on frozen storage its whole 1 s budget) and the reads answered
    // from memory do not spin both cores (at 10 ms the test alone took ~7 s more CPU, for no more coverage).
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(50);

    private sealed record Outcome(string Kind, string Key, int Status, bool WhileFrozen, string? Code, bool RetryAfter);

    [Fact]
    public async Task UnderLoadAFrozenStorageGives503sNotHangsAndLosesOrDoublesNoWrite()
    {
        using var azurite = Azurite.Dedicated();
        await using var world = await TestWorld.StartAsync(new Dictionary<string, string?>
            {
                ["Storage:ConnectionString"] = azurite.Connection,
                ["Storage:TimeoutSeconds"] = "1",
            },
            Park("park-a", "冻结园", units: [Unit("u0", area: 2000)]));
        var landlord = world.Client(await world.LandlordTokenAsync("openid-a", "park-a"));
        var admin = world.Factory.CreateAdminClient();
        var reader = world.Client();

        var outcomes = new ConcurrentQueue<Outcome>();
        var frozen = 0; // 1 from SIGSTOP until SIGCONT is sent
        using var stop = new CancellationTokenSource();

        async Task Record(string kind, string key, Func<Task<HttpResponseMessage>> send)
        {
            var response = await send();
            var whileFrozen = Volatile.Read(ref frozen) == 1;
            string? code = null;
            if ((int)response.StatusCode >= 400)
                code = JsonNode.Parse(await response.Content.ReadAsStringAsync())?["code"]?.GetValue<string>();
            outcomes.Enqueue(new Outcome(kind, key, (int)response.StatusCode, whileFrozen, code, response.Headers.RetryAfter is not null));
        }

        var readers = Enumerable.Range(0, 4).Select(i => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await Record("read", "", () => reader.GetAsync(i % 2 == 0 ? "/api/parks?q=冻结" : "/api/parks/park-a"));
                await Task.Delay(Pace);
            }
        })).ToList();
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                if (w % 2 == 0)
                {
                    var unitId = $"w{w}-{n}";
                    await Record("unit", unitId, () => landlord.PutAsJsonAsync($"/api/parks/park-a/units/{unitId}", Unit(unitId, area: 100 + n), Json));
                }
                else
                {
                    await Record("invite", "", () => admin.PostAsJsonAsync("/api/admin/invites", new { parkId = "park-a" }));
                }
                await Task.Delay(Pace);
            }
        })).ToList();

        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Signal("STOP", azurite.ProcessId);
        Volatile.Write(ref frozen, 1);
        // Three budgets: each writer's request in flight at the freeze fails by the first, its next by the second.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Volatile.Write(ref frozen, 0);
        Signal("CONT", azurite.ProcessId);
        var thawedAt = outcomes.Count;
        // Load goes on until a unit write succeeds after the thaw (the recovery asserted below), at most 20 s.
        for (var i = 0; i < 200 && !outcomes.Skip(thawedAt).Any(o => o.Kind == "unit" && o.Status == 201); i++) await Task.Delay(100);
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        await stop.CancelAsync();
        await Task.WhenAll(readers.Concat(writers));

        var all = outcomes.ToList();
        // Nothing but success or 503 storage_unavailable with Retry-After.
        Assert.All(all, o => Assert.True(o.Status is 200 or 201 || o.Status == 503 && o.Code == "storage_unavailable" && o.RetryAfter,
            $"{o.Kind} {o.Key} answered {o.Status} {o.Code}"));
        // Reads keep answering from memory while storage is frozen.
        Assert.Contains(all, o => o.Kind == "read" && o.WhileFrozen && o.Status == 200);
        Assert.DoesNotContain(all, o => o.Kind == "read" && o.Status != 200);
        // Writes fail fast: 503s arrive while storage is still frozen, not after it thaws.
        Assert.Contains(all, o => o.Kind != "read" && o.WhileFrozen && o.Status == 503);
        // The app recovers by itself: writes succeed again after the thaw.
        Assert.Contains(all.SkipWhile(o => !o.WhileFrozen).SkipWhile(o => o.WhileFrozen), o => o.Kind == "unit" && o.Status == 201);

        // No lost write: every unit answered 201 is stored. No doubled or invented write: every stored
        // unit was attempted, once (a row per id by construction), and invites stored <= attempted.
        var account = world.Factory.Services.GetRequiredService<StorageAccount>();
        var stored = await account.Table("Units").QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"park-a"}"))
            .Select(e => e.RowKey).ToListAsync();
        var attempted = all.Where(o => o.Kind == "unit").Select(o => o.Key).Append("u0").ToHashSet();
        Assert.Subset(stored.ToHashSet(), all.Where(o => o.Kind == "unit" && o.Status == 201).Select(o => o.Key).Append("u0").ToHashSet());
        Assert.All(stored, id => Assert.Contains(id, attempted));
        var invites = await account.Table("Invites").QueryAsync<TableEntity>().CountAsync();
        var invitesCreated = all.Count(o => o.Kind == "invite" && o.Status == 201) + 1; // + the landlord's own invite
        var invitesAttempted = all.Count(o => o.Kind == "invite") + 1;
        Assert.InRange(invites, invitesCreated, invitesAttempted);
    }

    private static void Signal(string signal, int pid)
    {
        using var kill = Process.Start("kill", $"-{signal} {pid}");
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }
}
