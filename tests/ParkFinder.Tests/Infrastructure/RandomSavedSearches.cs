using System.Globalization;
using ParkFinder.Functions.Alerts;
using ParkFinder.Functions.Parks;
using ParkFinder.Functions.Search;

namespace ParkFinder.Tests.Infrastructure;

// Saved searches as investors make them: a few filters drawn around a random park of the catalog.
public static class RandomSavedSearches
{
    public static ParkQuery Next(Random random, IReadOnlyList<Park> catalog)
    {
        var park = catalog[random.Next(catalog.Count)];
        var parts = new List<string>();
        if (random.Next(3) == 0) parts.Add("city=" + park.City.Code);
        if (random.Next(4) == 0) parts.Add("district=" + park.District.Code);
        if (random.Next(3) == 0) parts.Add("spaceType=" + new[] { "land", "factory", "warehouse", "office" }[random.Next(4)]);
        if (random.Next(3) == 0) parts.Add("minArea=" + random.Next(100, 3000));
        if (random.Next(3) == 0) parts.Add("maxRent=" + random.Next(10, 80));
        if (random.Next(5) == 0 && park.Industries.Length > 0) parts.Add("industry=" + Uri.EscapeDataString(park.Industries[0]));
        if (random.Next(5) == 0) parts.Add("q=" + Uri.EscapeDataString(park.Name[..Math.Min(2, park.Name.Length)]));
        if (random.Next(6) == 0) parts.Add("minStars=" + random.Next(1, 6));
        if (random.Next(6) == 0)
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"lat={park.Lat:0.###}&lng={park.Lng:0.###}&radiusKm={random.Next(5, 200)}"));
        if (parts.Count == 0) parts.Add("city=" + park.City.Code);
        var (_, query, errors) = SavedSearch.Parse(string.Join("&", parts));
        return query ?? throw new InvalidOperationException("generated an invalid saved search: " + string.Join("; ", errors.Keys));
    }
}
