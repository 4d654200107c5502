using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using ParkFinder.Functions.Search;

namespace ParkFinder.Benchmarks;

// The benchmark's searches: every filter and sort of API.md, alone and combined, as the mini-program sends them.
public static class QuerySet
{
    public static readonly (string Name, string Query)[] All =
    [
        ("default (stars)", ""),
        ("city", "city=440300"),
        ("district+factory", "district=440306&spaceType=factory"),
        ("industry any-of", "industry=生物医药&industry=集成电路"),
        ("text 生物", "q=生物"),
        ("text 科技产业园", "q=科技产业园"),
        ("text+city", "q=智造&city=510100"),
        ("area range", "spaceType=factory&minArea=1000&maxArea=5000"),
        ("rent range sort rent", "minRent=20&maxRent=40&sort=rent"),
        ("stars sort", "minStars=4&sort=stars"),
        ("radius sort distance", "lat=22.55&lng=114.05&radiusKm=30&sort=distance"),
        ("specs", "minCeilingHeightM=8&minFloorLoad=3&minPowerKva=1000"),
        ("tag", "tag=有产证&tag=可注册"),
        ("availableArea sort", "sort=availableArea"),
        ("vacancyRate sort", "sort=vacancyRate"),
        ("updated sort", "sort=updated"),
        ("combined city+type+rent+stars", "city=510100&spaceType=factory&spaceType=warehouse&maxRent=50&minStars=2&sort=rent"),
        ("combined geo+text+type", "q=产业园&lat=31.23&lng=121.47&radiusKm=50&spaceType=office"),
    ];

    public static ParkQuery Parse(string query)
    {
        var parameters = new SearchParameters(new QueryCollection(QueryHelpers.ParseQuery(query)));
        return parameters.Parse(out _) ?? throw new InvalidOperationException($"bad benchmark query '{query}': {string.Join(", ", parameters.Errors.Keys)}");
    }
}
