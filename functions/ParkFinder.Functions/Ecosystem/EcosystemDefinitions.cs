using ParkFinder.Functions.Parks;
using System.Text.Json;

namespace ParkFinder.Functions.Ecosystem;

// A segment of an industry chain (产业链环节) and what places an enterprise in it: its industry
// named here, or a keyword in its industry or name.
public sealed record SegmentDefinition(string Id, string Name, string Stage, string[] Industries, string[] Keywords);

public sealed record ChainDefinition(string Id, string Name, SegmentDefinition[] Segments);

// A direction of a future-industry track (e.g. 未来健康 / 合成生物): the industries, chain segments
// ("chain/segment") and keywords that count toward it.
public sealed record DirectionDefinition(string Id, string Name, string[] Industries, string[] Segments, string[] Keywords);

public sealed record TrackDefinition(string Id, string Name, DirectionDefinition[] Directions);

// The industry chains and the six future-industry tracks (未来力), shipped as Ecosystem/ecosystem.json
// and replaceable by operators (PUT /api/admin/ecosystem). Every placement rule lives here.
public sealed class EcosystemDefinitions
{
    public const int MaxTracks = 8, MaxChains = 64;
    public static readonly string[] Stages = ["上游", "中游", "下游"];
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public ChainDefinition[] Chains { get; init; } = [];
    public TrackDefinition[] Tracks { get; init; } = [];

    public static EcosystemDefinitions Shipped { get; } = Load();

    private static EcosystemDefinitions Load()
    {
        using var stream = typeof(EcosystemDefinitions).Assembly.GetManifestResourceStream("ecosystem.json")
            ?? throw new InvalidOperationException("ecosystem.json is not embedded");
        return JsonSerializer.Deserialize<EcosystemDefinitions>(stream, Json)!;
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static EcosystemDefinitions? FromJson(string json) => JsonSerializer.Deserialize<EcosystemDefinitions>(json, Json);

    public ChainDefinition? Chain(string idOrName) => Chains.FirstOrDefault(c => c.Id == idOrName || c.Name == idOrName);

    public int TrackIndex(string idOrName) => Array.FindIndex(Tracks, t => t.Id == idOrName || t.Name == idOrName);

    // Every problem with a replacement document, keyed by JSON path; empty when it is usable.
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string path, string message) => errors[path] = errors.TryGetValue(path, out var e) ? [.. e, message] : [message];
        static bool IsId(string? id) => id is { Length: > 0 and <= 40 } && id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');
        static bool IsName(string? s) => s is { Length: > 0 and <= 40 };
        // A document from JSON may hold nulls wherever the types say it cannot.
        var chains = Chains ?? [];
        var tracks = Tracks ?? [];
        if (chains.Length is 0 or > MaxChains) Add("chains", $"1 to {MaxChains} chains");
        if (tracks.Length is 0 or > MaxTracks) Add("tracks", $"1 to {MaxTracks} tracks");
        if (errors.Count > 0) return errors;
        var segmentKeys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < chains.Length; i++)
        {
            var c = chains[i];
            if (c is null) { Add($"chains[{i}]", "is null"); continue; }
            if (!IsId(c.Id)) Add($"chains[{i}].id", "lowercase letters, digits and -, at most 40");
            else if (chains.Count(o => o?.Id == c.Id) > 1) Add($"chains[{i}].id", "is used twice");
            if (!IsName(c.Name)) Add($"chains[{i}].name", "1 to 40 characters");
            if (c.Segments is null || c.Segments.Length is 0 or > 30) { Add($"chains[{i}].segments", "1 to 30 segments"); continue; }
            for (var j = 0; j < c.Segments.Length; j++)
            {
                var s = c.Segments[j];
                var at = $"chains[{i}].segments[{j}]";
                if (s is null) { Add(at, "is null"); continue; }
                if (!IsId(s.Id) || !segmentKeys.Add(c.Id + "/" + s.Id)) Add(at + ".id", "a unique id within the chain: lowercase letters, digits and -");
                if (!IsName(s.Name)) Add(at + ".name", "1 to 40 characters");
                if (!Stages.Contains(s.Stage)) Add(at + ".stage", "must be 上游, 中游 or 下游");
                if (s.Industries is null || s.Keywords is null) Add(at, "industries and keywords are lists (may be empty)");
                else if (s.Keywords.Any(k => string.IsNullOrWhiteSpace(k))) Add(at + ".keywords", "no empty keyword");
            }
        }
        for (var i = 0; i < tracks.Length; i++)
        {
            var t = tracks[i];
            if (t is null) { Add($"tracks[{i}]", "is null"); continue; }
            if (!IsId(t.Id)) Add($"tracks[{i}].id", "lowercase letters, digits and -, at most 40");
            else if (tracks.Count(o => o?.Id == t.Id) > 1) Add($"tracks[{i}].id", "is used twice");
            if (!IsName(t.Name)) Add($"tracks[{i}].name", "1 to 40 characters");
            if (t.Directions is null || t.Directions.Length is 0 or > 20) { Add($"tracks[{i}].directions", "1 to 20 directions"); continue; }
            for (var j = 0; j < t.Directions.Length; j++)
            {
                var d = t.Directions[j];
                var at = $"tracks[{i}].directions[{j}]";
                if (d is null) { Add(at, "is null"); continue; }
                if (!IsId(d.Id)) Add(at + ".id", "lowercase letters, digits and -");
                if (!IsName(d.Name)) Add(at + ".name", "1 to 40 characters");
                if (d.Industries is null || d.Keywords is null || d.Segments is null) { Add(at, "industries, segments and keywords are lists (may be empty)"); continue; }
                if (d.Keywords.Any(k => string.IsNullOrWhiteSpace(k))) Add(at + ".keywords", "no empty keyword");
                foreach (var s in d.Segments.Where(s => !segmentKeys.Contains(s))) Add(at + ".segments", $"'{s}' is not a chain/segment defined above");
            }
        }
        return errors;
    }

    // The segment of each chain the enterprise belongs to: the one it names; else the first segment
    // with a keyword in its name (an enterprise called 电池包 makes packs, whatever its broad
    // industry); else the first segment listing its industry; else the first with a keyword in its industry.
    public List<(ChainDefinition Chain, SegmentDefinition Segment)> Place(Enterprise e)
    {
        var placed = new List<(ChainDefinition, SegmentDefinition)>();
        foreach (var chain in Chains)
        {
            SegmentDefinition? segment = null;
            if (e.Chain is not null && (e.Chain == chain.Id || e.Chain == chain.Name) && e.Segment is not null)
                segment = chain.Segments.FirstOrDefault(s => s.Id == e.Segment || s.Name == e.Segment);
            segment ??= chain.Segments.FirstOrDefault(s => s.Keywords.Any(k => e.Name.Contains(k, StringComparison.OrdinalIgnoreCase)))
                        ?? chain.Segments.FirstOrDefault(s => s.Industries.Contains(e.Industry, StringComparer.OrdinalIgnoreCase))
                        ?? chain.Segments.FirstOrDefault(s => s.Keywords.Any(k => e.Industry.Contains(k, StringComparison.OrdinalIgnoreCase)));
            if (segment is not null) placed.Add((chain, segment));
        }
        return placed;
    }

    // The directions of track t the enterprise counts toward (empty: not in the track).
    public List<DirectionDefinition> Directions(int track, Enterprise e, IReadOnlyList<(ChainDefinition Chain, SegmentDefinition Segment)> placed) =>
        Tracks[track].Directions.Where(d => d.Industries.Contains(e.Industry, StringComparer.OrdinalIgnoreCase)
            || placed.Any(p => d.Segments.Contains(p.Chain.Id + "/" + p.Segment.Id))
            || d.Keywords.Any(k => Mentions(e, k))).ToList();

    // Whether a tenant industry (lease files' tenant_industry) falls in track t.
    public bool IndustryInTrack(int track, string industry) =>
        Tracks[track].Directions.Any(d => d.Industries.Contains(industry, StringComparer.OrdinalIgnoreCase)
            || d.Keywords.Any(k => industry.Contains(k, StringComparison.OrdinalIgnoreCase)));

    private static bool Mentions(Enterprise e, string keyword) =>
        e.Industry.Contains(keyword, StringComparison.OrdinalIgnoreCase) || e.Name.Contains(keyword, StringComparison.OrdinalIgnoreCase);
}
