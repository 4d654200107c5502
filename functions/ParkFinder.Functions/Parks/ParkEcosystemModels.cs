using System.Text.Json.Serialization;

namespace ParkFinder.Functions.Parks;

// A park's ecosystem data as the catalog keeps and carries it (its enterprises, the industries of its
// leases, published scores). Ecosystem owns the rules and the stores; it computes chains and tracks from these.

// An enterprise in a park (入驻企业), as its landlords or the operators keep it. Chain and segment are
// what the landlord says (ids or names); where they are missing, the chain definitions place it.
public sealed record Enterprise(string Id, string Name, string Industry, string? Chain, string? Segment, string Role, int? Since,
    DateTimeOffset UpdatedAt, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Etag = null);

// What a landlord sends to create or replace one.
public sealed record EnterpriseInput(string? Name, string? Industry, string? Chain, string? Segment, string? Role, int? Since);

// A park's leases active on AsOf, by tenant industry (from the lease files; no tenant is named).
public sealed record LeaseMix(DateOnly AsOf, double LeasedArea, int Leases, Dictionary<string, IndustryShare> ByIndustry);

public sealed record IndustryShare(double Area, int Leases);

// A published index's scores for a park (e.g. 2024 产业园区"未来力"), shown beside ours, never mixed in.
public sealed record ExternalScore(string Source, DateOnly Date, Dictionary<string, double> Tracks, double? Total, string? Url);

// What a park's ecosystem figures are computed from; travels with the park in the index and its snapshot.
public sealed class ParkEcosystemData
{
    public List<Enterprise> Enterprises { get; set; } = [];
    public LeaseMix? Leases { get; set; }
    public List<ExternalScore> External { get; set; } = [];
}
