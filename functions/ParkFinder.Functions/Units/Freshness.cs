using ParkFinder.Functions.Parks;

namespace ParkFinder.Functions.Units;

// Search:StaleAfterDays: a unit on offer that neither its landlord nor its park's confirmation touched
// for this many days is stale (API.md): out of unit filters and available figures unless includeStale=true.
public sealed class FreshnessOptions
{
    [System.ComponentModel.DataAnnotations.Range(1, 3650)]
    public int StaleAfterDays { get; set; } = 60;
}

// The availability freshness rule (API.md): a unit on offer is stale when neither its own last
// update nor its park's last confirmation is newer than Search:StaleAfterDays days before the
// start of today, China time. Whole days, so an index built once a day applies the rule exactly.
public static class Freshness
{
    private static readonly TimeSpan ChinaTime = TimeSpan.FromHours(8);

    // Units confirmed before this are stale: midnight China time today, less the allowed days.
    public static DateTimeOffset StaleBefore(DateTimeOffset now, int staleAfterDays)
    {
        var china = now.ToOffset(ChinaTime);
        return new DateTimeOffset(china.Year, china.Month, china.Day, 0, 0, 0, ChinaTime).AddDays(-staleAfterDays);
    }

    // The China date of `now`: the index is rebuilt when it changes, so staleness moves on by itself.
    public static DateOnly Day(DateTimeOffset now) => DateOnly.FromDateTime(now.ToOffset(ChinaTime).DateTime);

    public static void Mark(Park park, IEnumerable<Unit> units, DateTimeOffset staleBefore)
    {
        foreach (var u in units)
        {
            var confirmed = park.LastConfirmedAt is { } c && c > u.UpdatedAt ? c : u.UpdatedAt;
            u.LastConfirmedAt = confirmed;
            u.Stale = u.Status == "available" && confirmed < staleBefore;
        }
    }
}
