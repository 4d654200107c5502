namespace ParkFinder.Functions.Search;

// The base's park facets as flat arrays (industries, track scores, policy bits, chains), made on the first facet
// count: counting walks them in park order instead of one object per park. Changed parks (the overlay) are read
// from their own facets.
internal sealed class FacetColumns
{
    public readonly int[] IndustryStart, Industries; // park p's industry ids: Industries[IndustryStart[p]..IndustryStart[p + 1]]
    public readonly int[] ChainStart, Chains;        // park p's chains with an enterprise, by definition index
    public readonly byte[] Scores;                    // park p's score in track t at p * TrackCount + t
    public readonly byte[] PolicyBits;               // bit i: the park offers policy category i
    public readonly int TrackCount;

    public FacetColumns(int[][] parkIndustries, ParkFacets[] facets, Ecosystem.EcosystemDefinitions definitions, string[] policyOrder)
    {
        var n = facets.Length;
        (IndustryStart, Industries) = Flatten(parkIndustries);
        var chainIndex = definitions.Chains.Select((c, i) => (c.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        (ChainStart, Chains) = Flatten(facets.Select(f => f.ChainIds.Select(id => chainIndex.GetValueOrDefault(id, -1)).Where(i => i >= 0).ToArray()).ToArray());
        TrackCount = definitions.Tracks.Length;
        Scores = new byte[n * TrackCount];
        PolicyBits = new byte[n];
        for (var p = 0; p < n; p++)
        {
            for (var t = 0; t < TrackCount && t < facets[p].Scores.Length; t++) Scores[p * TrackCount + t] = facets[p].Scores[t];
            foreach (var category in facets[p].Policies)
                if (Array.IndexOf(policyOrder, category) is >= 0 and var i) PolicyBits[p] |= (byte)(1 << i);
        }
    }

    private static (int[] Start, int[] Values) Flatten(int[][] lists)
    {
        var start = new int[lists.Length + 1];
        for (var p = 0; p < lists.Length; p++) start[p + 1] = start[p] + lists[p].Length;
        var values = new int[start[^1]];
        for (var p = 0; p < lists.Length; p++) lists[p].CopyTo(values, start[p]);
        return (start, values);
    }
}
