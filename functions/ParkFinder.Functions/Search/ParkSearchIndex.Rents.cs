using ParkFinder.Functions.Parks;

namespace ParkFinder.Functions.Search;

public sealed partial class ParkSearchIndex
{
    // Asking rents (CNY/m2/month) of available (not stale) units in a city or district, optionally of one space
    // type and in parks leading in one industry.
    public List<double> AskingRents(int? city, int? district, SpaceType? type, string? industry)
    {
        var parks = district is { } d ? _places.InDistrict(d) : city is { } c ? _places.InCity(c) : null;
        var industryId = industry is null ? -1 : _places.IndustryIds.GetValueOrDefault(industry, -2);
        var rents = new List<double>();
        if (parks is null || industryId == -2) return rents;
        foreach (var p in parks)
        {
            if (industryId >= 0 && !_places.Industries(p).Contains(industryId)) continue;
            var (columns, start, end, _) = UnitsOf(p, null);
            for (var u = start; u < end; u++)
                if ((columns.TypeBit[u] & (type is null ? 0xF : 1 << (int)type)) != 0 && !float.IsNaN(columns.Rent[u])) // 0xF: stale units left out
                    rents.Add(columns.Rent[u]);
        }
        return rents;
    }
}
