using System.Net;
using ParkFinder.Functions.Parks;
using ParkFinder.Tests.Infrastructure;
using static ParkFinder.Tests.Infrastructure.Catalog;

namespace ParkFinder.Tests.Units;

public sealed class UnitsAndRentsApiTests(UnitsAndRentsApiTests.TwoParks shared) : IClassFixture<UnitsAndRentsApiTests.TwoParks>
{
    // The tests only read: one world for the class.
    public sealed class TwoParks : SharedWorld
    {
        protected override Task<TestWorld> StartAsync() => TestWorld.StartAsync(null,
            Park("p-u", "单元园", units: [
                Unit("f-avail", "factory", 1000, 30),
                Unit("f-res", "factory", 500, 28, status: "reserved"),
                Unit("f-leased", "factory", 1500, 26, status: "leased"),
                Unit("o-avail", "office", 200, 3, "CNY/m2/day"),
                Unit("o-whole", "office", 100, 5000, "CNY/month"),
            ]),
            Park("p-u2", "第二园", district: "440306", units: [Unit("f2", "factory", 800, 40)]));
    }

    [Fact]
    public async Task UnitsDefaultToAvailableAndFilterByTypeStatusAreaAndRent()
    {
        var client = shared.World.Client();
        string[] Ids(System.Text.Json.Nodes.JsonNode n) => n["items"]!.AsArray().Select(u => u!["id"]!.GetValue<string>()).ToArray();

        Assert.Equal(["f-avail", "o-avail", "o-whole"], Ids(await client.GetJsonAsync("/api/parks/p-u/units")));
        Assert.Equal(["f-avail", "f-leased", "f-res", "o-avail", "o-whole"], Ids(await client.GetJsonAsync("/api/parks/p-u/units?status=all")));
        Assert.Equal(["f-leased"], Ids(await client.GetJsonAsync("/api/parks/p-u/units?status=leased")));
        Assert.Equal(["f-avail"], Ids(await client.GetJsonAsync("/api/parks/p-u/units?spaceType=factory")));
        Assert.Equal(["f-avail"], Ids(await client.GetJsonAsync("/api/parks/p-u/units?minArea=300")));
        Assert.Equal(["o-whole"], Ids(await client.GetJsonAsync("/api/parks/p-u/units?minRent=49&maxRent=51")));

        var unit = (await client.GetJsonAsync("/api/parks/p-u/units?spaceType=office"))["items"]![0]!;
        Assert.Equal(91.25, unit["rent"]!["monthlyPerM2"]!.GetValue<double>());
        Assert.False(string.IsNullOrEmpty(unit["etag"]!.GetValue<string>()));

        await ProblemAssert.IsProblem(await client.GetAsync("/api/parks/p-u/units?status=gone"), HttpStatusCode.BadRequest, "invalid_parameter");
        await ProblemAssert.IsProblem(await client.GetAsync("/api/parks/p-nope/units"), HttpStatusCode.NotFound, "park_not_found");
    }

    [Fact]
    public async Task VacancyCountsReservedAsVacantAndAsksOnlyAvailableRents()
    {
        var v = await shared.World.Client().GetJsonAsync("/api/parks/p-u/vacancy");
        var factory_ = v["byType"]!.AsArray().Single(t => t!["spaceType"]!.GetValue<string>() == "factory")!;
        Assert.Equal(3000, factory_["inventoryArea"]!.GetValue<double>());
        Assert.Equal(1500, factory_["vacantArea"]!.GetValue<double>());
        Assert.Equal(0.5, factory_["vacancyRate"]!.GetValue<double>());
        Assert.Equal(1, factory_["availableUnits"]!.GetValue<int>());
        Assert.Equal(30, factory_["askingRent"]!["min"]!["monthlyPerM2"]!.GetValue<double>());
        Assert.Equal(3300, v["overall"]!["inventoryArea"]!.GetValue<double>());
        Assert.Equal(3, v["overall"]!["availableUnits"]!.GetValue<int>());
    }

    [Fact]
    public async Task MarketRentGivesTheAskingRentDistributionOfTheArea()
    {
        var client = shared.World.Client();
        var city = await client.GetJsonAsync("/api/rents?city=440300&spaceType=factory");
        Assert.Equal(2, city["asking"]!["count"]!.GetValue<int>());
        Assert.Equal(30, city["asking"]!["min"]!.GetValue<double>());
        Assert.Equal(35, city["asking"]!["median"]!.GetValue<double>());
        Assert.Equal(40, city["asking"]!["max"]!.GetValue<double>());
        var district = await client.GetJsonAsync("/api/rents?district=440305");
        Assert.Equal(3, district["asking"]!["count"]!.GetValue<int>());
        Assert.Equal("district:440305", district["scope"]!.GetValue<string>());

        await ProblemAssert.IsProblem(await client.GetAsync("/api/rents"), HttpStatusCode.BadRequest, "invalid_parameter");
        await ProblemAssert.IsProblem(await client.GetAsync("/api/rents?city=440300&spaceType=castle"), HttpStatusCode.BadRequest, "invalid_parameter");
    }

    [Theory]
    [InlineData(4.5, "CNY/m2/day", 100, 136.875)]
    [InlineData(30, "CNY/m2/month", 100, 30)]
    [InlineData(360, "CNY/m2/year", 100, 30)]
    [InlineData(5000, "CNY/month", 200, 25)]
    [InlineData(80000, "CNY/mu/year", 6667, 9.99995)]
    public void RentsNormaliseToCnyPerSquareMetrePerMonth(double amount, string unit, double area, double expected)
    {
        Assert.Equal(expected, Rents.MonthlyPerM2(amount, unit, area), 6);
    }
}
