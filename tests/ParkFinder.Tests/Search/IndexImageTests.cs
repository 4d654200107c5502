using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ParkFinder.Functions.Ecosystem;
using ParkFinder.Functions.Parks;
using ParkFinder.Functions.Search;
using ParkFinder.Tests.Infrastructure;

namespace ParkFinder.Tests.Search;

// A new instance starts from the index image instead of building: what it answers and shows must be
// exactly what the build it was written from answers and shows, stale units and ecosystem included.
public sealed class IndexImageTests(IndexImageTests.Built world) : IClassFixture<IndexImageTests.Built>
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 0, 0, 0, TimeSpan.Zero);

    // The catalog, its build and that build's image, made once for the class: generating and building 600 parks
    // was most of the tests' cost. The tests only read them (each fold or edit makes a new index; a build with
    // another stale cutoff marks copies of the units).
    public sealed class Built
    {
        public List<Park> Catalog { get; }
        public DateTimeOffset StaleBefore { get; }
        public CatalogSnapshot Snapshot { get; }
        public ParkSearchIndex Index { get; }
        public byte[] Image { get; }

        public Built()
        {
            (Catalog, StaleBefore) = IndexImageTests.Catalog();
            Snapshot = IndexImageTests.Snapshot(Catalog, StaleBefore);
            Index = ParkSearchIndex.Build(Snapshot, At);
            Image = ImageOf(Snapshot, Index);
        }
    }

    private static CatalogSnapshot Snapshot(List<Park> catalog, DateTimeOffset staleBefore) =>
        new(catalog, catalog.ToDictionary(p => p.Id, p => p.Units!), "v7", ChangesFrom: 1234) { StaleBefore = staleBefore, Definitions = EcosystemDefinitions.Shipped };

    private static (List<Park> Catalog, DateTimeOffset StaleBefore) Catalog()
    {
        var catalog = SyntheticCatalog.Generate(600, 6000, seed: 11, ecosystem: true);
        // About half the parks' units are stale; some parks' confirmations bring theirs back.
        var staleBefore = catalog.Select(p => p.UpdatedAt).Order().ElementAt(catalog.Count / 2);
        for (var i = 0; i < catalog.Count; i += 9) catalog[i].LastConfirmedAt = staleBefore.AddDays(1);
        return (catalog, staleBefore);
    }

    private static byte[] ImageOf(CatalogSnapshot snapshot, ParkSearchIndex index)
    {
        using var blob = new MemoryStream();
        IndexImage.Write(blob, snapshot, index);
        return blob.ToArray();
    }

    [Fact]
    public void AnIndexReadFromItsImageAnswersAndShowsEveryParkExactlyAsTheBuildItWasWrittenFrom()
    {
        var (catalog, staleBefore, snapshot, built) = (world.Catalog, world.StaleBefore, world.Snapshot, world.Index);
        var image = IndexImage.Read(world.Image)!;
        Assert.Equal(("v7", 1234L), (image.Version, image.ChangesFrom));
        Assert.True(image.Fits(staleBefore, EcosystemDefinitions.Shipped));
        Assert.False(image.Fits(staleBefore.AddDays(1), EcosystemDefinitions.Shipped)); // another day: rebuilt, not read as it is
        Assert.False(image.Fits(staleBefore, new EcosystemDefinitions { Chains = EcosystemDefinitions.Shipped.Chains, Tracks = EcosystemDefinitions.Shipped.Tracks[..^1] }));
        var read = image.Index(EcosystemDefinitions.Shipped, At);

        Assert.Equal(Walks(built), Walks(read));
        Assert.Equal(Shown(built, catalog), Shown(read, catalog));
        Assert.Equal(built.ParksWithStaleUnits().Select(p => p.Park.Id), read.ParksWithStaleUnits().Select(p => p.Park.Id));
        Assert.InRange(read.ParksWithStaleUnits().Count(), 100, catalog.Count - 100);
        Assert.Equal(built.AvailableUnitCount, read.AvailableUnitCount);

        // Landlords' writes onto the read index, and their fold, answer as onto the build.
        var edits = catalog.Where((_, i) => i % 50 == 3).Select(p =>
        {
            var units = p.Units!.Select((u, k) => k % 2 == 0 ? u : new Unit { Id = u.Id, SpaceType = u.SpaceType, Area = u.Area * 2, Status = "available",
                Rent = new Rent(33, "CNY/m2/month"), Tags = ["冷链"], UpdatedAt = At }).ToList();
            return (Park: p, Units: (IReadOnlyList<Unit>)units);
        }).ToList();
        var edited = Walks(built.WithParks(edits));
        Assert.Equal(edited, Walks(read.WithParks(edits)));
        Assert.Equal(Walks(built.WithParks(edits).Compacted()), Walks(read.WithParks(edits).Compacted()));
        var first = read.WithParks(edits.Take(5));
        Assert.Equal(edited, Walks(first.WithParks(edits.Skip(5)).Rebased(first, first.Compacted())!));
        // An image holds a base: an index with changes not folded in has none.
        Assert.Throws<InvalidOperationException>(() => ImageOf(snapshot, read.WithParks(edits)));
    }

    // A base folded from an image-read index must not keep that index (its units, orders, cached pages)
    // alive: on a busy instance every later base would hold the first one until the next full reload.
    [Fact]
    public void ABaseFoldedFromAnIndexReadFromItsImageDoesNotKeepThatIndexAlive()
    {
        var catalog = world.Catalog;
        var (folded, read) = FoldFromImage(world.Image, catalog[0]);
        for (var i = 0; i < 3 && read.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        Assert.False(read.IsAlive);
        Assert.NotNull(folded.Find(catalog[^1].Id)); // a park not shown before the fold is made from the image after it
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static (ParkSearchIndex Folded, WeakReference Read) FoldFromImage(byte[] image, Park changed)
    {
        var read = IndexImage.Read(image)!.Index(EcosystemDefinitions.Shipped, At);
        var folded = read.WithParks([(changed, changed.Units!)]).Compacted();
        return (folded, new WeakReference(read));
    }

    [Fact]
    public void ParksShownAtOnceFromManyThreadsGetOneRecordEach()
    {
        var read = IndexImage.Read(world.Image)!.Index(EcosystemDefinitions.Shipped, At);
        var ids = world.Catalog.Select(p => p.Id).ToArray();
        var seen = new IndexedPark[8][];
        Parallel.For(0, seen.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, t => seen[t] = ids.Select(id => read.Find(id)!).ToArray());
        for (var t = 1; t < seen.Length; t++)
            for (var i = 0; i < ids.Length; i++) Assert.Same(seen[0][i], seen[t][i]);
        Assert.True(read.Contains(ids[0]));
        Assert.False(read.Contains("no-such-park"));
    }

    [Fact]
    public void OnAnotherDayTheCatalogReadBackFromTheImageBuildsWhatTheTablesWouldHave()
    {
        var (catalog, snapshot) = (world.Catalog, world.Snapshot);
        var image = IndexImage.Read(world.Image)!;
        var nextWeek = world.StaleBefore.AddDays(7);
        var fromImage = ParkSearchIndex.Build(image.Catalog() with { StaleBefore = nextWeek }, At);
        // A build marks each unit stale or not by its own cutoff: next week's marks go on copies, so the class's
        // catalog keeps the marks its build and image were made with.
        var copies = snapshot.UnitsByPark.ToDictionary(p => p.Key, p => p.Value.Select(u => u.Copy()).ToList());
        var fromTables = ParkSearchIndex.Build(snapshot with { UnitsByPark = copies, StaleBefore = nextWeek }, At);
        Assert.Equal(Walks(fromTables), Walks(fromImage));
        Assert.Equal(Shown(fromTables, catalog), Shown(fromImage, catalog));
        Assert.True(fromImage.ParksWithStaleUnits().Count() > world.Index.ParksWithStaleUnits().Count());
    }

    // Every query of the index tests, by every sort, with and without stale units: each page's parks
    // as search shows them (the summary for the query's space types), distances and cursors.
    private static List<string> Walks(ParkSearchIndex index)
    {
        var seen = new List<string>();
        foreach (var name in ParkSearchIndexTests.QueryNames.Append("rare-tag"))
            foreach (var sort in Enum.GetValues<SearchSort>())
                foreach (var stale in new[] { false, true })
                {
                    var query = name == "rare-tag" ? new ParkQuery { Tags = ["冷链"], Sort = sort } : ParkSearchIndexTests.Build(name, sort);
                    query = query with { Limit = 50, IncludeStale = stale };
                    if (sort == SearchSort.Distance && query.Lat is null) query = query with { Lat = 31.2, Lng = 121.5 };
                    SearchCursor? cursor = null;
                    do
                    {
                        var page = index.Search(query with { After = cursor });
                        seen.Add($"{name} {sort} {stale} total {page.Total}");
                        // A digest of each summary's bytes, not its text: a walk shows about 90,000 summaries, and
                        // keeping each as a string cost about a second of CPU a class; a difference still names the park.
                        seen.AddRange(page.Items.Select(h =>
                            $"{h.Park.Park.Id} {Convert.ToHexString(SHA256.HashData(h.Park.SummaryJsonOpenFor(IndexedPark.MaskOf(query.SpaceTypes), stale)))} {h.DistanceKm}"));
                        cursor = page.Next;
                        if (cursor is not null) seen.Add($"cursor {cursor.Key}");
                    } while (cursor is not null);
                }
        Assert.True(seen.Count > 10_000, "the walks should cover many pages");
        return seen;
    }

    // Every park's page as GET /api/parks/{id} shows it, and its summary.
    private static List<string> Shown(ParkSearchIndex index, List<Park> catalog) =>
        catalog.Select(p => index.Find(p.Id)!).Select(p => JsonSerializer.Serialize(p.ToDetail()) + Encoding.UTF8.GetString(p.SummaryJsonOpen)).ToList();
}
