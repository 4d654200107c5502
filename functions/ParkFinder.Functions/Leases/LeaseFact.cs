using ParkFinder.Functions.Parks;

namespace ParkFinder.Functions.Leases;

// A stored lease as the trend job and the checks read it (METRICS.md); active on day D when Start <= D < End.
// UploadId and Row: the file and row it came from.
public sealed record LeaseFact(string ParkId, string DistrictCode, string CityCode, string UnitId, SpaceType Type, double Area,
    DateOnly Start, DateOnly End, DateOnly Signed, double MonthlyPerM2, double FreeMonths, string? TenantIndustry = null, string? UploadId = null, int Row = 0)
{
    public double EffectiveMonthlyPerM2
    {
        get
        {
            var term = (End.DayNumber - Start.DayNumber) / (365.0 / 12.0);
            return MonthlyPerM2 * (term - FreeMonths) / term;
        }
    }
}
