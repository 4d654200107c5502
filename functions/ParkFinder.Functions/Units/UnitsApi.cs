using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using ParkFinder.Functions.Hosting;
using ParkFinder.Functions.Parks;
using ParkFinder.Functions.Search;
using Microsoft.Azure.Functions.Worker;

namespace ParkFinder.Functions.Units;

// The filters GET /api/parks/{parkId}/units reads.
public static class UnitQuery
{
    public static readonly QueryParameterSpec[] Specs =
    [
        new("spaceType", "string", "Space type; any of several.", Values: ["land", "factory", "warehouse", "office"], Repeated: true),
        new("status", "string", "Unit status (default available).", Values: ["available", "reserved", "leased", "all"]),
        new("minArea", "number", "Area at least (m2).", 0, 1e8),
        new("maxArea", "number", "Area at most (m2).", 0, 1e8),
        new("minRent", "number", "Rent at least (CNY/m2/month).", 0, 1e6),
        new("maxRent", "number", "Rent at most (CNY/m2/month).", 0, 1e6),
        new("includeStale", "boolean", "With status available: also units nobody confirmed within Search:StaleAfterDays (marked stale)."),
    ];
}

public sealed record UnitsResponse(string ParkId, IReadOnlyList<UnitView> Items, int Total);

public sealed record VacancyFigures(string? SpaceType, double InventoryArea, double VacantArea, double? VacancyRate, int AvailableUnits, RentRange AskingRent,
    int StaleUnits);

public sealed record VacancyResponse(string ParkId, DateTimeOffset AsOf, IReadOnlyList<VacancyFigures> ByType, VacancyFigures Overall);

// Units and vacancy are read from the Units table, not the index: landlords and investors see the
// current state and ETags the moment a write lands.
public static partial class UnitsApi
{
    // What reading a park's units works with, bound as one parameter ([AsParameters]).
    public sealed record ReadServices(IParkIndex Index, UnitStore Store, Microsoft.Extensions.Options.IOptions<FreshnessOptions> Options, TimeProvider Time);

    [HttpEndpoint("GetParkUnits", "get", "parks/{parkId}/units"), RequireIndex]
    [EndpointSummary("A park's units, filtered")]
    [Tags("Units"), QueryParameters(typeof(UnitQuery))]
    public static async Task<Results<Ok<UnitsResponse>, ProblemHttpResult>> GetUnits(string parkId, HttpContext context, [AsParameters] ReadServices services, CancellationToken cancellationToken)
    {
        var (index, store, options, time) = services;
        var q = context.Request.Query;
        var errors = new Dictionary<string, string[]>();
        var types = new HashSet<string>();
        foreach (var value in q["spaceType"])
            if (SpaceTypes.TryParseApi(value, out _)) types.Add(value!);
            else errors["spaceType"] = [$"'{Problems.Short(value)}' is not one of land, factory, warehouse, office"];
        var status = q["status"].FirstOrDefault() ?? "available";
        if (status != "all" && !(SpaceTypes.TryParseStatus(status, out var s) && s.ToApi() == status))
            errors["status"] = ["must be available, reserved, leased or all"];
        var minArea = Number(q, "minArea", errors);
        var maxArea = Number(q, "maxArea", errors);
        var minRent = Number(q, "minRent", errors);
        var maxRent = Number(q, "maxRent", errors);
        if (minArea > maxArea) errors["maxArea"] = ["must be >= minArea"];
        if (minRent > maxRent) errors["maxRent"] = ["must be >= minRent"];
        var includeStale = q["includeStale"].FirstOrDefault() switch { null or "false" or "0" => false, "true" or "1" => true, _ => (bool?)null };
        if (includeStale is null) errors["includeStale"] = ["must be true or false"];
        if (errors.Count > 0) return Problems.Invalid(errors);
        if (FindPark(parkId, index, context) is { } missing) return missing;

        var units = await MarkedUnitsAsync(parkId, index, store, options, time, cancellationToken);
        var items = units
            .Where(u => types.Count == 0 || types.Contains(u.SpaceType))
            .Where(u => status == "all" || (u.Status == status && (status != "available" || !u.Stale || includeStale == true)))
            .Where(u => u.Area >= (minArea ?? 0) && u.Area <= (maxArea ?? double.MaxValue))
            .Select(UnitView.Of)
            .Where(u => (minRent is null && maxRent is null) || (u.Rent is { } r && r.MonthlyPerM2 >= (minRent ?? 0) && r.MonthlyPerM2 <= (maxRent ?? double.MaxValue)))
            .OrderBy(u => u.SpaceType, StringComparer.Ordinal).ThenBy(u => u.Id, StringComparer.Ordinal)
            .ToList();
        return TypedResults.Ok(new UnitsResponse(parkId, items, items.Count));
    }

    [HttpEndpoint("GetParkVacancy", "get", "parks/{parkId}/vacancy"), RequireIndex]
    [EndpointSummary("A park's vacancy and asking rents per space type")]
    [Tags("Units")]
    public static async Task<Results<Ok<VacancyResponse>, ProblemHttpResult>> GetVacancy(string parkId, HttpContext context, [AsParameters] ReadServices services, CancellationToken cancellationToken)
    {
        var (index, store, options, time) = services;
        if (FindPark(parkId, index, context) is { } missing) return missing;
        var units = await MarkedUnitsAsync(parkId, index, store, options, time, cancellationToken);
        var byType = units.GroupBy(u => u.SpaceType).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Figures(g.Key, g.ToList())).ToList();
        return TypedResults.Ok(new VacancyResponse(parkId, time.GetUtcNow(), byType, Figures(null, units)));
    }

    internal static VacancyFigures Figures(string? spaceType, List<Unit> units)
    {
        var f = UnitFigures.Of(units);
        return new VacancyFigures(spaceType, Shown.Area(f.InventoryArea), Shown.Area(f.VacantArea), Shown.Rate(f.VacancyRate), f.AvailableUnits, f.AskingRent,
            units.Count(u => u.Stale));
    }

    // Which parks exist is the index's answer (within its staleness bound); a scan of storage per
    // unknown id would let anyone make us read whole tables.
    // The park's units as stored, each marked stale or not by the freshness rule as of now.
    private static async Task<List<Unit>> MarkedUnitsAsync(string parkId, IParkIndex index, UnitStore store,
        Microsoft.Extensions.Options.IOptions<FreshnessOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var units = await store.ListAsync(parkId, cancellationToken);
        // The park's confirmation as the index holds it (a confirmation reaches the index at once).
        Freshness.Mark(index.Find(parkId)!, units, Freshness.StaleBefore(time.GetUtcNow(), options.Value.StaleAfterDays));
        return units;
    }

    private static ProblemHttpResult? FindPark(string parkId, IParkIndex index, HttpContext context) =>
        index.Contains(parkId) ? null
        : Problems.ParkNotFound(parkId);

    private static double? Number(IQueryCollection q, string name, Dictionary<string, string[]> errors)
    {
        var value = q[name].FirstOrDefault();
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n) && n >= 0) return n;
        errors[name] = ["must be a number >= 0"];
        return null;
    }
}
