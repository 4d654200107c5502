using ParkFinder.Functions.Parks;

namespace ParkFinder.Functions.Leases;

// One signed lease as uploaded (METRICS.md), identified by (park, unit, start date); Row is its row in the file (header = 1).
public sealed record LeaseRow(string UnitId, SpaceType SpaceType, double Area, DateOnly Start, DateOnly End, double Rent, string RentUnit,
    double FreeMonths, string? TenantIndustry, DateOnly Signed, string? TenantName = null, int Row = 0)
{
    public double MonthlyPerM2 => Rents.MonthlyPerM2(Rent, RentUnit, Area);

    // Fractional months between start and end: days / (365 / 12).
    public double TermMonths => (End.DayNumber - Start.DayNumber) / (365.0 / 12.0);
}

public sealed record RowError(int Row, string Column, string Message);

public sealed record ParsedLeaseFile(IReadOnlyList<LeaseRow> Rows, IReadOnlyList<RowError> Errors, int DataRows);

// The whole file is unusable (not CSV or xlsx, no header, a required column missing).
public sealed class LeaseFileException(string reason) : Exception(reason);
