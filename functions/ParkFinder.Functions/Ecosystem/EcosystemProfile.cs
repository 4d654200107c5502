using ParkFinder.Functions.Parks;
using ParkFinder.Functions.Hosting;
namespace ParkFinder.Functions.Ecosystem;

public sealed record EnterpriseRef(string Id, string Name, string Role, string Industry, int? Since);

// A chain segment in a park: its enterprises, anchors first; a segment without any is a gap (招商 target).
public sealed record SegmentInPark(string Id, string Name, string Stage, bool Gap, IReadOnlyList<EnterpriseRef> Enterprises);

public sealed record ChainInPark(string Chain, string Name, int Segments, int Covered, int Anchors, IReadOnlyList<SegmentInPark> SegmentList);

// The park page's line per chain: coverage, anchors and the gaps by name.
public sealed record ChainSummary(string Chain, string Name, int Segments, int Covered, int Anchors, string[] Gaps);

public sealed record TrackEnterprise(string Id, string Name, string Role, double Weight, string[] Directions);

// Everything a track score was computed from (METRICS.md, "Future-industry tracks").
public sealed record TrackTrace(double EnterprisePoints, IReadOnlyList<TrackEnterprise> Enterprises, double LeasedAreaShare, double LeasedAreaInTrack,
    double LeasedArea, int LeasesInTrack, int Leases, DateOnly? LeasesAsOf);

public sealed record TrackScore(string Track, string Name, int Score, TrackTrace Trace);

public sealed record TrackPoint(string Track, string Name, int Score);

// A park's ecosystem as computed from its enterprises and lease mix under one set of definitions:
// its chains with gaps, and a 0-100 score per future-industry track with what produced it.
public sealed class EcosystemProfile
{
    // METRICS.md: score = round(60 * min(1, points / 10) + 40 * leased-area share), points = 3 per
    // anchor, 2 per supporting, 1 per other enterprise in the track.
    public const double AnchorWeight = 3, SupportingWeight = 2, OtherWeight = 1, SaturatingPoints = 10, EnterprisePart = 60, LeasePart = 40;

    public IReadOnlyList<ChainInPark> Chains { get; }
    public IReadOnlyList<TrackScore> Tracks { get; }
    public IReadOnlyList<ExternalScore> External { get; }
    public byte[] Scores { get; }                 // by track index, for search
    public HashSet<string> ChainIds { get; }      // chains with an enterprise
    public HashSet<string> AnchorChains { get; }  // chains with an anchor
    public HashSet<string> SegmentKeys { get; }   // "chain/segment" with an enterprise

    // Most parks have no ecosystem data: they share one profile per set of definitions.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<EcosystemDefinitions, EcosystemProfile> Empty = new();

    public static EcosystemProfile For(ParkEcosystemData? data, EcosystemDefinitions definitions) =>
        data is null || (data.Enterprises.Count == 0 && data.Leases is null && data.External.Count == 0)
            ? Empty.GetValue(definitions, d => new EcosystemProfile(null, d))
            : new EcosystemProfile(data, definitions);

    public static double Weight(string role) => role switch { EnterpriseRoles.Anchor => AnchorWeight, EnterpriseRoles.Supporting => SupportingWeight, _ => OtherWeight };

    public EcosystemProfile(ParkEcosystemData? data, EcosystemDefinitions definitions)
    {
        var enterprises = data?.Enterprises ?? [];
        External = data?.External ?? [];
        var placed = enterprises.Select(e => (Enterprise: e, Places: definitions.Place(e))).ToList();

        var chains = new List<ChainInPark>();
        foreach (var chain in definitions.Chains)
        {
            var members = placed.SelectMany(x => x.Places.Where(p => p.Chain == chain).Select(p => (x.Enterprise, p.Segment))).ToList();
            if (members.Count == 0) continue;
            var segments = chain.Segments.Select(s =>
            {
                var list = members.Where(m => m.Segment == s).Select(m => m.Enterprise)
                    .OrderBy(e => e.Role == EnterpriseRoles.Anchor ? 0 : e.Role == EnterpriseRoles.Supporting ? 1 : 2).ThenBy(e => e.Name, StringComparer.Ordinal)
                    .Select(e => new EnterpriseRef(e.Id, e.Name, e.Role, e.Industry, e.Since)).ToList();
                return new SegmentInPark(s.Id, s.Name, s.Stage, list.Count == 0, list);
            }).ToList();
            chains.Add(new ChainInPark(chain.Id, chain.Name, segments.Count, segments.Count(s => !s.Gap),
                members.Count(m => m.Enterprise.Role == EnterpriseRoles.Anchor), segments));
        }
        Chains = chains;
        ChainIds = chains.Select(c => c.Chain).ToHashSet(StringComparer.Ordinal);
        AnchorChains = chains.Where(c => c.Anchors > 0).Select(c => c.Chain).ToHashSet(StringComparer.Ordinal);
        SegmentKeys = chains.SelectMany(c => c.SegmentList.Where(s => !s.Gap).Select(s => c.Chain + "/" + s.Id)).ToHashSet(StringComparer.Ordinal);

        var leases = data?.Leases;
        var tracks = new TrackScore[definitions.Tracks.Length];
        Scores = new byte[definitions.Tracks.Length];
        for (var t = 0; t < tracks.Length; t++)
        {
            var inTrack = placed.Select(x => (x.Enterprise, Directions: definitions.Directions(t, x.Enterprise, x.Places)))
                .Where(x => x.Directions.Count > 0)
                .Select(x => new TrackEnterprise(x.Enterprise.Id, x.Enterprise.Name, x.Enterprise.Role, Weight(x.Enterprise.Role), x.Directions.Select(d => d.Name).ToArray()))
                .OrderByDescending(x => x.Weight).ThenBy(x => x.Name, StringComparer.Ordinal).ToList();
            var points = inTrack.Sum(x => x.Weight);
            double areaInTrack = 0;
            var leasesInTrack = 0;
            foreach (var (industry, share) in leases?.ByIndustry ?? [])
                if (definitions.IndustryInTrack(t, industry)) { areaInTrack += share.Area; leasesInTrack += share.Leases; }
            var leasedArea = leases?.LeasedArea ?? 0;
            var areaShare = leasedArea > 0 ? Math.Clamp(areaInTrack / leasedArea, 0, 1) : 0;
            var score = (int)Math.Round(EnterprisePart * Math.Min(1, points / SaturatingPoints) + LeasePart * areaShare, MidpointRounding.AwayFromZero);
            Scores[t] = (byte)score;
            tracks[t] = new TrackScore(definitions.Tracks[t].Id, definitions.Tracks[t].Name, score,
                new TrackTrace(points, inTrack, Shown.Rate(areaShare), Shown.Area(areaInTrack), Shown.Area(leasedArea), leasesInTrack, leases?.Leases ?? 0, leases?.AsOf));
        }
        Tracks = tracks;
    }

    public IReadOnlyList<TrackPoint> Hexagon => Tracks.Select(t => new TrackPoint(t.Track, t.Name, t.Score)).ToList();

    public IReadOnlyList<ChainSummary> ChainSummaries => Chains.Select(c => new ChainSummary(c.Chain, c.Name, c.Segments, c.Covered, c.Anchors,
        c.SegmentList.Where(s => s.Gap).Select(s => s.Name).ToArray())).ToList();
}
