using ParkFinder.Functions.Ecosystem;
using ParkFinder.Functions.Hosting;

namespace ParkFinder.Functions.Search;

// The search's track, chain and segments named by id or name, resolved against the index's
// definitions (operators may replace them, so the parser alone cannot tell a known one).
public static class EcosystemFilters
{
    public static ParkQuery Resolve(ParkQuery q, EcosystemDefinitions definitions, Dictionary<string, string[]> errors)
    {
        string? track = null, chain = null;
        var segments = new List<string>();
        if (q.Track is { } t)
        {
            var i = definitions.TrackIndex(t);
            if (i < 0) errors["track"] = [$"'{Problems.Short(t)}' is not a track: one of {string.Join(", ", definitions.Tracks.Select(x => x.Id))}"];
            else track = definitions.Tracks[i].Id;
        }
        if (q.Chain is { } c)
        {
            if (definitions.Chain(c) is not { } found) errors["chain"] = [$"'{Problems.Short(c)}' is not a chain: one of {string.Join(", ", definitions.Chains.Select(x => x.Id))}"];
            else
            {
                chain = found.Id;
                foreach (var s in q.Segments)
                    if (found.Segments.FirstOrDefault(x => x.Id == s || x.Name == s) is { } segment) segments.Add(segment.Id);
                    else errors["segment"] = [$"'{Problems.Short(s)}' is not a segment of {found.Name}: one of {string.Join(", ", found.Segments.Select(x => x.Id))}"];
            }
        }
        return q with { Track = track, Chain = chain, Segments = segments.Distinct().ToArray() };
    }
}
