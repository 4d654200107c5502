using ParkFinder.Functions.Search;
using Microsoft.AspNetCore.Http.HttpResults;
using ParkFinder.Functions.Hosting;
using ParkFinder.Functions.Parks;
using ParkFinder.Functions.Trends;
using Microsoft.Azure.Functions.Worker;

namespace ParkFinder.Functions.Market;

public sealed record RentDistribution(int Count, double? Min, double? P25, double? Median, double? P75, double? Max);

public sealed record LatestTrendRent(string Month, double? AvgContractRent, double? AvgEffectiveRent, int? LeaseCount);

public sealed record MarketRentResponse(string Scope, string? SpaceType, string? Industry, string Unit, RentDistribution Asking, LatestTrendRent? LatestTrend);

// What GET /api/rents reads (bound to the handler's parameters; described here for OpenAPI).
public static class MarketRentQuery
{
    public static readonly QueryParameterSpec[] Specs =
    [
        new("city", "string", "City adcode (this or district is required)."),
        new("district", "string", "District adcode (this or city is required)."),
        new("spaceType", "string", "Space type.", Values: ["land", "factory", "warehouse", "office"]),
        new("industry", "string", "Only parks with this leading industry."),
    ];
}

public static partial class RentsApi
{
    // What the market rent is read from, bound as one parameter ([AsParameters]).
    public sealed record RentServices(ParkIndexHolder Holder, TrendStore Trends, TimeProvider Time);

    [HttpEndpoint("GetMarketRent", "get", "rents"), RequireIndex]
    [EndpointSummary("Asking-rent distribution and latest trend rents of an area")]
    [Tags("Rents"), QueryParameters(typeof(MarketRentQuery))]
    public static async Task<Results<Ok<MarketRentResponse>, ProblemHttpResult>> GetMarketRent(string? city, string? district, string? spaceType, string? industry, [AsParameters] RentServices services, CancellationToken cancellationToken)
    {
        var (holder, trends, time) = services;
        var errors = new Dictionary<string, string[]>();
        if (city is null && district is null) errors["city"] = ["city or district is required"];
        var regions = new Places.RegionCodes(errors);
        city = regions.Check("city", city, Places.PlaceLevel.City);
        district = regions.Check("district", district, Places.PlaceLevel.District);
        SpaceType? type = null;
        if (spaceType is not null)
        {
            if (SpaceTypes.TryParseApi(spaceType, out var t)) type = t;
            else errors["spaceType"] = ["must be land, factory, warehouse or office"];
        }
        if (errors.Count > 0) return Problems.Invalid(errors, regions.ProblemCode);

        var rents = holder.Current.AskingRents(city is null ? null : int.Parse(city), district is null ? null : int.Parse(district), type, industry);
        rents.Sort();
        var scope = district is not null ? $"district:{district}" : $"city:{city}";
        // The trend part: the latest month with signed leases in the last two years of the trend job's output.
        var now = Months.Current(time.GetUtcNow());
        var withLeases = (await trends.ReadAsync(scope, spaceType ?? TrendCalculator.AllTypes, now - 23, now, cancellationToken))
            .Where(p => p.LeaseCount > 0).ToList();
        var trend = withLeases.Count == 0 ? null
            : withLeases.MaxBy(p => p.Month, StringComparer.Ordinal) is var latest ? new LatestTrendRent(latest.Month, Shown.Rent(latest.AvgContractRent), Shown.Rent(latest.AvgEffectiveRent), latest.LeaseCount) : null;
        return TypedResults.Ok(new MarketRentResponse(scope, spaceType, industry, "CNY/m2/month", Distribution(rents), trend));
    }

    // Percentiles by linear interpolation between closest ranks.
    public static RentDistribution Distribution(List<double> sorted)
    {
        if (sorted.Count == 0) return new RentDistribution(0, null, null, null, null, null);
        double At(double q)
        {
            var pos = q * (sorted.Count - 1);
            var lo = (int)Math.Floor(pos);
            var hi = Math.Min(lo + 1, sorted.Count - 1);
            return Shown.Rent(sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo));
        }
        return new RentDistribution(sorted.Count, At(0), At(0.25), At(0.5), At(0.75), At(1));
    }
}
