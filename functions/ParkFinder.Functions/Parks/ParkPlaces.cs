using ParkFinder.Functions.Places;

namespace ParkFinder.Functions.Parks;

// A park's city and district as the region table has them: a municipality's city-level code (110100)
// becomes its one city code (110000), and the names are the table's. Codes the table does not know
// are kept as given.
public static class ParkPlaces
{
    public static Region CanonicalCity(Region city) => RegionTable.City(city.Code) is { } c ? new Region(c.Code, c.Name) : city;

    public static Region CanonicalDistrict(Region district) => RegionTable.District(district.Code) is { } d ? new Region(d.Code, d.Name) : district;

    // The code as stored (it is the row's partition key: a row keyed 110100 must be found there), the table's name.
    public static Region Named(Region city) => RegionTable.City(city.Code) is { } c ? city with { Name = c.Name } : city;
}
