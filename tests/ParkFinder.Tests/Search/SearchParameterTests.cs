using System.Net;
using ParkFinder.Tests.Infrastructure;

namespace ParkFinder.Tests.Search;

// A search parameter out of its range or of the wrong type: a 400 problem naming it, whatever the catalog.
public sealed class SearchParameterTests(DemoCatalog demo) : IClassFixture<DemoCatalog>
{
    [Theory]
    [InlineData("limit=51", "limit")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("radiusKm=201&lat=22.5&lng=113.9", "radiusKm")]
    [InlineData("radiusKm=5", "radiusKm")]
    [InlineData("sort=distance", "sort")]
    [InlineData("sort=cheapest", "sort")]
    [InlineData("sort=3", "sort")]
    [InlineData("spaceType=castle", "spaceType")]
    [InlineData("minRent=50&maxRent=10", "maxRent")]
    [InlineData("minArea=-1", "minArea")]
    [InlineData("maxArea=NaN", "maxArea")]
    [InlineData("city=shenzhen", "city")]
    [InlineData("district=12345", "district")]
    [InlineData("minStars=6", "minStars")]
    [InlineData("lat=22.5", "lng")]
    [InlineData("lat=95&lng=113", "lat")]
    [InlineData("limit=5&limit=6", "limit")]
    public async Task BadParameterIsA400ProblemNamingIt(string query, string parameter)
    {
        var response = await demo.Client.GetAsync("/api/parks?" + query);
        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "invalid_parameter");
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.ToString());
    }
}
