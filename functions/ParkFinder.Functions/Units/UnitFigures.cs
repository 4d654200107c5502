using ParkFinder.Functions.Parks;

namespace ParkFinder.Functions.Units;

// The one definition of a set of units' space figures (API.md): inventory is every unit; vacant is
// every unit not leased (available and reserved); available is what is on offer now; asking rents
// are those of available units.
public readonly record struct UnitFigures(double InventoryArea, double VacantArea, double AvailableArea, int AvailableUnits, double? VacancyRate,
    RentRange AskingRent)
{
    // includeStale: stale units on offer count as available (a search's includeStale=true).
    public static UnitFigures Of(IEnumerable<Unit> units, bool includeStale = false)
    {
        double inventory = 0, vacant = 0, available = 0;
        var count = 0;
        var rents = new List<RentView>();
        foreach (var u in units)
        {
            inventory += u.Area;
            if (u.IsVacant) vacant += u.Area;
            if (!(u.IsAvailable || (includeStale && u.Stale))) continue;
            available += u.Area;
            count++;
            if (u.Rent is { } rent) rents.Add(RentView.Of(rent, u.Area));
        }
        return new UnitFigures(inventory, vacant, available, count, inventory > 0 ? Math.Clamp(vacant / inventory, 0, 1) : null, Rents.Range(rents));
    }
}
