using System.ComponentModel.DataAnnotations;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using ParkFinder.Functions.Parks;

namespace ParkFinder.Functions.Search;

public sealed class SearchOptions
{
    // How often each instance checks the catalog version; with the rebuild time this bounds staleness.
    [Range(1, 3600)]
    public int RefreshSeconds { get; set; } = 10;

    // Serialised responses kept per index version (0 turns the cache off); a new index starts empty.
    [Range(0, 100_000)]
    public int ResponseCacheEntries { get; set; } = 2048;
}

// Holds the current index; a rebuild replaces it in one reference swap, so a search always sees
// one consistent index and never waits for a rebuild.
public sealed class ParkIndexHolder(ParkStore store, Units.UnitStore units, Ecosystem.EnterpriseStore enterprises, Ecosystem.EcosystemStore ecosystem, IndexSnapshots snapshots,
    IOptions<Units.FreshnessOptions> freshness, TimeProvider time, ILogger<ParkIndexHolder> logger) : IParkIndex, Ecosystem.IEcosystemIndex, Hosting.IIndexReadiness
{
    private readonly SemaphoreSlim _rebuild = new(1, 1);
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile ParkSearchIndex _current = ParkSearchIndex.Empty;
    // Park changes already in the index: replayed from (newest seen - window), since writers' clocks differ a little.
    private static readonly TimeSpan ChangeWindow = TimeSpan.FromMinutes(2);
    private long _changesSeen;
    private readonly Dictionary<string, long> _appliedChanges = new(StringComparer.Ordinal);
    // Work for the refresher (ParkIndexRefresher), never started and forgotten on a request: a forced
    // rebuild asked for by an import, and the snapshot of the last rebuild from the tables.
    private readonly SemaphoreSlim _requested = new(0, 1);
    private volatile bool _forceNext;
    private UnsavedImage? _unsavedImage;
    private sealed record UnsavedImage(CatalogSnapshot Catalog, ParkSearchIndex Index);

    bool IParkIndex.Contains(string parkId) => _current.Contains(parkId);
    Park? IParkIndex.Find(string parkId) => _current.Find(parkId)?.Park;
    IEnumerable<(Park Park, int StaleUnits)> IParkIndex.ParksWithStaleUnits() => _current.ParksWithStaleUnits().Select(p => (p.Park, p.StaleUnits));

    Ecosystem.EcosystemDefinitions Ecosystem.IEcosystemIndex.Definitions => _current.Definitions;
    async Task Ecosystem.IEcosystemIndex.RebuildAsync(CancellationToken cancellationToken) => await RefreshAsync(force: true, cancellationToken);

    public ParkSearchIndex Current => _current;
    public bool IsLoaded => _loaded.Task.IsCompleted;
    public Task Loaded => _loaded.Task;

    // The image asked for when the process starts, before storage is known to be ready: its download
    // overlaps the host's start and the storage check (a container not made yet reads as no image).
    private Task<IndexImage?>? _prefetched;

    public void PrefetchImage(CancellationToken cancellationToken)
    {
        if (!IsLoaded) _prefetched ??= Task.Run(() => snapshots.TryLoadAsync(cancellationToken), cancellationToken);
    }

    // The prefetched image, or when there was none or it failed (storage not up yet), a fresh read.
    private async Task<IndexImage?> TryImageAsync(Task<IndexImage?>? prefetched, CancellationToken cancellationToken)
    {
        try
        {
            if (prefetched is not null) return await prefetched;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogInformation("Index image not read at start ({Reason}): reading it again", Hosting.StorageFailure.Describe(ex));
        }
        try { return await snapshots.TryLoadAsync(cancellationToken); }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("Index image unreadable, loading the tables instead: {Reason}", Hosting.StorageFailure.Describe(ex));
            return null;
        }
    }

    // Asks the refresher to run now (and to rebuild even if the version did not move, when forced).
    public void RequestRefresh(bool force)
    {
        if (force) _forceNext = true;
        if (_requested.CurrentCount == 0)
        {
            try { _requested.Release(); }
            catch (SemaphoreFullException) { } // already requested
        }
    }

    // The refresher's wait: the period, or less when a refresh was requested. True when forced.
    public async Task<bool> WaitForRefreshAsync(TimeSpan period, CancellationToken cancellationToken)
    {
        await _requested.WaitAsync(period, cancellationToken);
        var force = _forceNext;
        _forceNext = false;
        return force;
    }

    // Off the request path and best effort: a missing image only makes the next cold start slower.
    public async Task SaveImageIfDueAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _unsavedImage, null) is not { } image) return;
        try { await snapshots.SaveAsync(image.Catalog, image.Index, cancellationToken); }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Index image not written: {Reason}", Hosting.StorageFailure.Describe(ex));
        }
    }

    // After a write to one park: reload just that park from storage into the current index, so this
    // instance's next search reflects it; other instances follow at their next version check.
    public async Task ApplyParkChangeAsync(string parkId, CancellationToken cancellationToken)
    {
        await _rebuild.WaitAsync(cancellationToken);
        try
        {
            await ReloadParksAsync([parkId], cancellationToken);
        }
        finally
        {
            _rebuild.Release();
        }
    }

    // Other instances' writes since the last look, each park reloaded once: no full reload for a unit edit.
    public async Task<int> ApplyRecentChangesAsync(CancellationToken cancellationToken)
    {
        if (!IsLoaded) return 0;
        await _rebuild.WaitAsync(cancellationToken);
        try
        {
            var changes = await store.ChangesSinceAsync(Math.Max(0, _changesSeen - ChangeWindow.Ticks), cancellationToken);
            var fresh = changes.Where(c => !_appliedChanges.ContainsKey(c.Key)).ToList();
            await ReloadParksAsync(fresh.Select(c => c.ParkId).Distinct(StringComparer.Ordinal), cancellationToken);
            foreach (var c in fresh) _appliedChanges[c.Key] = c.Ticks;
            if (changes.Count > 0) _changesSeen = Math.Max(_changesSeen, changes.Max(c => c.Ticks));
            foreach (var old in _appliedChanges.Where(kv => kv.Value < _changesSeen - 2 * ChangeWindow.Ticks).Select(kv => kv.Key).ToList())
                _appliedChanges.Remove(old);
            return fresh.Count;
        }
        finally
        {
            _rebuild.Release();
        }
    }

    // One overlay step of the index for all of them, however many parks changed.
    private async Task ReloadParksAsync(IEnumerable<string> parkIds, CancellationToken cancellationToken)
    {
        var changed = new List<(Park, IReadOnlyList<Unit>)>();
        foreach (var parkId in parkIds)
        {
            if (_current.Find(parkId) is not { } known) continue;
            // The park's rows are independent reads: issued together, a landlord's write waits for the slowest, not the sum.
            var parkRead = store.GetParkAsync(known.Park.City.Code, parkId, cancellationToken);
            var unitsRead = units.ListAsync(parkId, cancellationToken);
            var ecosystemRead = LoadEcosystemAsync(parkId, cancellationToken);
            await Task.WhenAll(parkRead, unitsRead, ecosystemRead);
            if (await parkRead is not { } park) continue;
            park.Ecosystem = await ecosystemRead;
            changed.Add((park, await unitsRead));
        }
        if (changed.Count > 0) _current = _current.WithParks(changed);
    }

    // Folds landlords' changes (the index's overlay) into a new base off the request path, so searches
    // stop checking changed parks one by one. Built outside the lock; writes applied meanwhile are
    // replayed onto it, and a full rebuild meanwhile wins.
    public async Task CompactAsync(CancellationToken cancellationToken)
    {
        var before = _current;
        if (before.ChangedParkCount == 0) return;
        var compacted = await Task.Run(before.Compacted, cancellationToken);
        await _rebuild.WaitAsync(cancellationToken);
        try
        {
            if (_current.Rebased(before, compacted) is { } rebased) _current = rebased;
        }
        finally
        {
            _rebuild.Release();
        }
    }

    private async Task<ParkEcosystemData> LoadEcosystemAsync(string parkId, CancellationToken cancellationToken) =>
        await ecosystem.LoadAsync(parkId, await enterprises.ListAsync(parkId, cancellationToken), cancellationToken);

    // Parks and units, with each park's ecosystem data attached where it has any.
    private async Task<CatalogSnapshot> LoadTablesAsync(CancellationToken cancellationToken)
    {
        var all = enterprises.ListAllAsync(cancellationToken);
        var rest = ecosystem.LoadAllAsync(cancellationToken);
        var version = await store.GetVersionAsync(cancellationToken); // read first: a write after it moves the version again
        var parksRead = store.ListParksAsync(null, cancellationToken);
        var snapshot = new CatalogSnapshot(await parksRead, await units.ListAllAsync(cancellationToken), version);
        var (byPark, (mix, external)) = (await all, await rest);
        foreach (var park in snapshot.Parks)
        {
            var (hasEnterprises, hasMix, hasExternal) = (byPark.TryGetValue(park.Id, out var list), mix.TryGetValue(park.Id, out var m), external.TryGetValue(park.Id, out var x));
            if (hasEnterprises || hasMix || hasExternal) park.Ecosystem = new ParkEcosystemData { Enterprises = list ?? [], Leases = m, External = x ?? [] };
        }
        return snapshot;
    }

    // Rebuilds from storage when the catalog version moved (or always, when forced).
    public async Task<ParkSearchIndex> RefreshAsync(bool force, CancellationToken cancellationToken)
    {
        await _rebuild.WaitAsync(cancellationToken);
        try
        {
            var version = await store.GetVersionAsync(cancellationToken);
            // A new China day moves the freshness cutoff: units turn stale without any write.
            var newDay = IsLoaded && Units.Freshness.Day(time.GetUtcNow()) != Units.Freshness.Day(_current.BuiltAt);
            if (!force && IsLoaded && version == _current.Version && !newDay) return _current;
            var started = Stopwatch.GetTimestamp();
            // Changes from now on are replayed after the load; earlier ones are in what it reads (or in the
            // image, replayed from the change log since it was written).
            var changesFrom = time.GetUtcNow().UtcTicks;
            // Cold start: the index image, if it holds the current version, spares scanning the tables and,
            // when it was built for today's cutoff and the current definitions, the build too.
            // A new day with an unchanged catalog reads the image too, not every table on every instance at once.
            var prefetched = Interlocked.Exchange(ref _prefetched, null); // used by the first load, or let go
            var image = (!IsLoaded || (newDay && version == _current.Version)) && !force
                ? await TryImageAsync(prefetched, cancellationToken) : null;
            var fromImage = image is not null && image.Version == version
                && image.ChangesFrom >= (time.GetUtcNow() - ParkStore.ChangeRetention + ChangeWindow).UtcTicks;
            var definitionsRead = ecosystem.GetDefinitionsAsync(cancellationToken);
            var tables = fromImage ? null : LoadTablesAsync(cancellationToken);
            if (tables is not null) await Task.WhenAll(definitionsRead, tables); // neither left unobserved when the other fails
            var (definitions, staleBefore) = (await definitionsRead, Units.Freshness.StaleBefore(time.GetUtcNow(), freshness.Value.StaleAfterDays));
            var asBuilt = fromImage && image!.Fits(staleBefore, definitions);
            CatalogSnapshot? catalog = null;
            if (!asBuilt)
                catalog = (fromImage ? image!.Catalog() : await tables!) with { Definitions = definitions, StaleBefore = staleBefore };
            var loaded = Stopwatch.GetElapsedTime(started);
            var index = asBuilt ? image!.Index(definitions, time.GetUtcNow()) : ParkSearchIndex.Build(catalog!, time.GetUtcNow());
            _current = index;
            _changesSeen = fromImage ? image!.ChangesFrom : changesFrom;
            _appliedChanges.Clear();
            _loaded.TrySetResult();
            logger.LogInformation("Park index rebuilt from {Source}: {Parks} parks, {Units} available units, version {Version}; load {LoadMs:0} ms, build {BuildMs:0} ms",
                asBuilt ? "its image" : fromImage ? "the image's catalog" : "tables", index.Count, index.AvailableUnitCount, index.Version, loaded.TotalMilliseconds,
                (Stopwatch.GetElapsedTime(started) - loaded).TotalMilliseconds);
            if (catalog is not null)
            {
                // The image of this build, for the next cold start: with the change log position of what it holds.
                _unsavedImage = new UnsavedImage(catalog with { ChangesFrom = _changesSeen }, index);
                RequestRefresh(force: false);
            }
            return index;
        }
        finally
        {
            _rebuild.Release();
        }
    }
}

public sealed class ParkIndexRefresher(ParkIndexHolder holder, IOptions<SearchOptions> options, Hosting.StorageInitializer storage, ILogger<ParkIndexRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        holder.PrefetchImage(stoppingToken);
        await storage.Ready.WaitAsync(stoppingToken);
        var period = TimeSpan.FromSeconds(options.Value.RefreshSeconds);
        var force = false;
        var saving = Task.CompletedTask;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await holder.RefreshAsync(force, stoppingToken);
                await holder.ApplyRecentChangesAsync(stoppingToken);
                await holder.CompactAsync(stoppingToken);
                holder.Current.WarmWords();
                // Writing an image takes seconds of one core: it runs beside the loop, so other
                // instances' changes keep arriving every period meanwhile. One write at a time.
                if (saving.IsCompleted) saving = Task.Run(() => holder.SaveImageIfDueAsync(stoppingToken), stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The old index keeps serving; the next tick tries again.
                logger.LogWarning("Park index refresh failed: {Reason}", Hosting.StorageFailure.Describe(ex));
            }
            force = await holder.WaitForRefreshAsync(period, stoppingToken);
        }
    }
}
