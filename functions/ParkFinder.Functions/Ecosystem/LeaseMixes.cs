using ParkFinder.Functions.Parks;
using ParkFinder.Functions.Leases;

namespace ParkFinder.Functions.Ecosystem;

public static class LeaseMixes
{
    // The park's leases active on `today` (start <= today < end, as METRICS.md's occupied area), their area by tenant industry.
    // Leases without an industry count in the total only. Full precision: scores round once, from these (METRICS.md).
    public static LeaseMix Of(IEnumerable<LeaseFact> leases, DateOnly today)
    {
        var active = leases.Where(l => l.Start <= today && today < l.End && l.Area > 0).ToList();
        var byIndustry = active.Where(l => !string.IsNullOrWhiteSpace(l.TenantIndustry)).GroupBy(l => l.TenantIndustry!.Trim())
            .ToDictionary(g => g.Key, g => new IndustryShare(g.Sum(l => l.Area), g.Count()));
        return new LeaseMix(today, active.Sum(l => l.Area), active.Count, byIndustry);
    }
}
