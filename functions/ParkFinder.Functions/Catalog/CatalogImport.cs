using ParkFinder.Functions.Ecosystem;
using ParkFinder.Functions.Parks;
using ParkFinder.Functions.Search;
using ParkFinder.Functions.Units;

namespace ParkFinder.Functions.Catalog;

// An operators' import (and the demo data's): parks with their units and, where given, their
// enterprises, validated whole before anything is written.
public sealed class CatalogImport(ParkStore parks, UnitStore units, EnterpriseStore enterprises, Scorecards.ScorecardStore scorecards, ParkIndexHolder holder, TimeProvider time)
{
    public Dictionary<string, string[]> Validate(List<Park?> list)
    {
        var errors = ParkValidation.Validate(list);
        var definitions = holder.Current.Definitions;
        var year = time.GetUtcNow().Year;
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i]?.Enterprises is not { } given) continue;
            if (given.Count > EnterpriseInputs.MaxPerPark) errors[$"[{i}].enterprises"] = [$"at most {EnterpriseInputs.MaxPerPark}"];
            var names = new HashSet<string>(StringComparer.Ordinal);
            for (var j = 0; j < given.Count; j++)
            {
                if (given[j] is not { } e) { errors[$"[{i}].enterprises[{j}]"] = ["must be an enterprise object"]; continue; }
                foreach (var g in EnterpriseInputs.Validate(e, definitions, year).GroupBy(x => x.Field))
                    errors[$"[{i}].enterprises[{j}].{g.Key}"] = g.Select(x => x.Message).ToArray();
                if (e.Name is { } name && !names.Add(name.Trim())) errors[$"[{i}].enterprises[{j}].name"] = ["the park lists this name twice"];
            }
        }
        return errors;
    }

    // Operators' data is the platform's own: their enterprises are not sent through WeChat content
    // security (landlords' are). A park imported without "enterprises" keeps the ones it has.
    public async Task ImportAsync(IReadOnlyList<Park> valid, CancellationToken cancellationToken)
    {
        var definitions = holder.Current.Definitions;
        var now = time.GetUtcNow();
        foreach (var park in valid.Where(p => p.Enterprises is not null))
            await enterprises.ReplaceAllAsync(park.Id, park.Enterprises!.Select(e => EnterpriseInputs.ToEnterprise(EnterpriseStore.IdFor(e.Name!), e, definitions, now)).ToList(),
                cancellationToken);
        // An assessed park keeps its assessment's star level whatever stars the import carries.
        var assessed = await scorecards.AssessedStarsAsync(cancellationToken);
        foreach (var park in valid)
        {
            if (assessed.TryGetValue(park.Id, out var stars)) park.Stars = stars;
            (park.City, park.District) = (ParkPlaces.CanonicalCity(park.City), ParkPlaces.CanonicalDistrict(park.District));
        }
        // Last: the import moves the catalog version, and the rebuild it causes must find the enterprises.
        await WriteParksAndUnitsAsync(valid, cancellationToken);
    }

    // Writes parks and replaces each one's units. Not atomic across parks (Table Storage has no
    // cross-partition transactions), but idempotent: repeating a failed import converges.
    private async Task WriteParksAndUnitsAsync(IReadOnlyList<Park> valid, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var cities = await parks.CitiesAsync(cancellationToken);
        // The park row is written after its units, so a park that exists always had its units replaced once.
        await Parallel.ForEachAsync(valid, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (park, ct) =>
        {
            park.UpdatedAt = now;
            foreach (var u in park.Units ?? []) u.UpdatedAt = now;
            var storedCity = cities.GetValueOrDefault(park.Id);
            await units.ReplaceParkUnitsAsync(park.Id, park.Units ?? [], storedCity is not null, now, ct);
            await parks.WriteParkAsync(park, storedCity, ct);
        });
        await parks.BumpVersionAsync(cancellationToken);
    }
}
