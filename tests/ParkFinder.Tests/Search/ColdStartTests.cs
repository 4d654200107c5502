using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using ParkFinder.Functions.Search;
using ParkFinder.Tests.Infrastructure;
using static ParkFinder.Tests.Infrastructure.Catalog;

namespace ParkFinder.Tests.Search;

// A new instance starts from the index image the first one wrote, not from the tables: with the
// tables emptied behind it, it still serves the whole catalog (what the index serves: searches and
// park pages; a park's unit list is read from the Units table), as built or rebuilt for its own day.
public sealed class ColdStartTests
{
    private static readonly string[] Reads =
        ["/api/parks", "/api/parks?spaceType=factory&minArea=1500", "/api/parks?q=光明&sort=rent", "/api/parks?tag=有产证&sort=availableArea",
         "/api/parks/cold-1", "/api/parks/cold-2", "/api/parks/cold-3"];

    [Fact]
    public async Task ANewInstanceServesTheCatalogFromTheImageWithoutReadingTheTables()
    {
        await using var first = await TestWorld.StartAsync(new Dictionary<string, string?>(),
            Park("cold-1", "光明智造园", tags: ["有产证"], units: [Unit("u1", area: 2000), Unit("u2", type: "office", area: 300, rent: 80), Unit("u3", status: "leased")]),
            Park("cold-2", "南山光明仓", stars: 2, units: [Unit("w1", type: "warehouse", area: 5000, rent: 25, tags: ["有产证"])]),
            Park("cold-3", "空置园"));
        var holder = first.Factory.Services.GetRequiredService<ParkIndexHolder>();
        var images = first.Factory.Services.GetRequiredService<IndexSnapshots>();
        for (var i = 0; i < 300 && (await images.TryLoadAsync(CancellationToken.None))?.Version != holder.Current.Version; i++) await Task.Delay(100);
        var expected = await ReadAllAsync(first.Client());

        // The parks' rows are gone (the catalog version stays): only the image can answer now.
        var tables = new TableServiceClient(Azurite.ConnectionString);
        foreach (var table in new[] { "Parks", "Units" })
        {
            await tables.DeleteTableAsync(first.Factory.Prefix + table);
            await tables.CreateTableAsync(first.Factory.Prefix + table);
        }

        await using var second = new ApiFactory(new Dictionary<string, string?> { ["Storage:TablePrefix"] = first.Factory.Prefix });
        Assert.Equal(expected, await ReadAllAsync(await second.StartLoadedAsync()));
        Assert.Contains(second.Logs.Lines, l => l.Contains("Park index rebuilt from its image"));

        // Another cutoff (as on the next day): rebuilt from the catalog the image holds, and a new image written for it.
        await using var third = new ApiFactory(new Dictionary<string, string?> { ["Storage:TablePrefix"] = first.Factory.Prefix, ["Search:StaleAfterDays"] = "30" });
        Assert.Equal(expected, await ReadAllAsync(await third.StartLoadedAsync()));
        Assert.Contains(third.Logs.Lines, l => l.Contains("Park index rebuilt from the image's catalog"));
        string? written = null;
        for (var i = 0; i < 300 && written is null; i++)
        {
            written = third.Logs.Lines.FirstOrDefault(l => l.Contains("Index image written"));
            if (written is null) await Task.Delay(100);
        }
        Assert.NotNull(written);
    }

    private static async Task<List<string>> ReadAllAsync(HttpClient client)
    {
        var answers = new List<string>();
        foreach (var path in Reads)
        {
            var response = await client.GetAsync(path);
            answers.Add($"{path} {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        return answers;
    }
}
