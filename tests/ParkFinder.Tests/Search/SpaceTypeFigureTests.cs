using System.Text.Json;
using System.Text.Json.Nodes;
using ParkFinder.Functions.Parks;
using ParkFinder.Functions.Search;
using ParkFinder.Functions.Units;
using ParkFinder.Tests.Infrastructure;
using static ParkFinder.Tests.Infrastructure.Catalog;

namespace ParkFinder.Tests.Search;

// Searching for factories must not show a park's land rents (CNY/mu/year) or its offices' area.
public sealed class SpaceTypeFigureTests
{
    [Fact]
    public async Task ASpaceTypeFilterScopesEachHitsAvailableAreaVacancyAndRentToThoseTypes()
    {
        await using var factory = new ApiFactory();
        await ImportAsync(factory, [Park("p-mix", "混合园", units: [
            Unit("f1", "factory", 1000, 30), Unit("f2", "factory", 500, 20, status: "leased"),
            Unit("o1", "office", 200, 4, "CNY/m2/day"),
            Unit("l1", "land", 6667, 40000, "CNY/mu/year"),
        ])]);
        var client = factory.CreateClient();

        var all = (await client.GetJsonAsync("/api/parks?q=混合"))["items"]![0]!;
        Assert.Equal(1000 + 200 + 6667, all["availableArea"]!.GetValue<double>());

        var factories = (await client.GetJsonAsync("/api/parks?spaceType=factory"))["items"]![0]!;
        Assert.Equal(1000, factories["availableArea"]!.GetValue<double>());
        Assert.Equal(Math.Round(1000.0 / 1500, 4), factories["vacancyRate"]!.GetValue<double>());
        var rent = factories["rent"]!;
        Assert.Equal(30, rent["min"]!["monthlyPerM2"]!.GetValue<double>());
        Assert.Equal(30, rent["max"]!["monthlyPerM2"]!.GetValue<double>());
        Assert.Equal("CNY/m2/month", rent["max"]!["unit"]!.GetValue<string>());
        // The park's space types are still all of them: the filter narrows the figures, not the park.
        Assert.Equal(["factory", "land", "office"], factories["spaceTypes"]!.AsArray().Select(t => t!.GetValue<string>()).Order());
        // Only the figures differ from the unfiltered summary: every other field is there, unchanged.
        foreach (var field in new[] { "id", "name", "city", "district", "lat", "lng", "industries", "spaceTypes", "stars", "updatedAt", "tracks" })
            Assert.Equal(all[field]?.ToJsonString(), factories[field]?.ToJsonString());
        Assert.Equal(all.AsObject().Select(p => p.Key), factories.AsObject().Select(p => p.Key));

        var two = (await client.GetJsonAsync("/api/parks?spaceType=factory&spaceType=office"))["items"]![0]!;
        Assert.Equal(1200, two["availableArea"]!.GetValue<double>());
        Assert.DoesNotContain("CNY/mu/year", two["rent"]!.ToJsonString());
    }

    // A filtered hit is spliced from the cached summary's bytes: it must be byte for byte the summary
    // serialised whole with those types' figures, for every combination of types, with names that need
    // escaping and a type whose units have no area (no vacancy rate).
    [Fact]
    public void AFilteredSummaryIsTheWholeSummarySerialisedWithThoseTypesFigures()
    {
        Unit[] units = [Unit("f1", "factory", 1000, 30), Unit("f2", "factory", 500, 20, status: "leased"), Unit("o1", "office", 200, 4, "CNY/m2/day"),
            Unit("l1", "land", 6667, 40000, "CNY/mu/year"), Unit("w1", "warehouse", 0, 12)];
        var indexed = new IndexedPark(Park("p-mix", "混合园 \"东区\" <B> & 'C'", units: units), units);
        for (var mask = 0; mask < 1 << SpaceTypes.All.Length; mask++)
        {
            var shown = units.Where(u => mask == 0 || SpaceTypes.All.Any(t => (mask & 1 << (int)t) != 0 && t.ToApi() == u.SpaceType)).ToList();
            var f = UnitFigures.Of(shown);
            var expected = indexed.ToSummary() with
            {
                AvailableArea = Math.Round(f.AvailableArea, 2), VacancyRate = f.VacancyRate is { } v ? Math.Round(v, 4) : null, Rent = f.AskingRent,
            };
            Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(expected, IndexedPark.Json)[..^1], indexed.SummaryJsonOpenFor(mask));
        }
        Assert.Contains("\"vacancyRate\":null", System.Text.Encoding.UTF8.GetString(indexed.SummaryJsonOpenFor(1 << (int)SpaceType.Warehouse)));
    }
}
