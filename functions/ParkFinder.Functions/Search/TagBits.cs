using ParkFinder.Functions.Parks;

namespace ParkFinder.Functions.Search;

// The index's part that owns the tag bits: the 64 tags parks and available units carry most get a bit
// each (rarer ones are matched by name), and each park its own tags' bits, which every unit of the park
// carries too (a tag filter is met by the unit or its park). Made at a full build from every park and
// available unit; a splice or an overlay keeps them (a park's tags come with imports, which build anew;
// a changed unit's new tags are matched by these bits or by name).
internal sealed class TagBits
{
    public const int Count = 64; // one ulong per unit

    private readonly Dictionary<string, int> _bits;
    private readonly ulong[] _parkMasks;

    private TagBits(Dictionary<string, int> bits, ulong[] parkMasks) => (_bits, _parkMasks) = (bits, parkMasks);

    public static TagBits Empty { get; } = new(new Dictionary<string, int>(StringComparer.Ordinal), []);

    // The most used tags first (then by name, so a build is the same every time), parks in index order.
    public static TagBits Build(IReadOnlyList<Park> parks, Func<Park, IEnumerable<Unit>> availableUnits)
    {
        var bits = parks.SelectMany(p => p.Tags.Concat(availableUnits(p).SelectMany(u => u.Tags)))
            .GroupBy(t => t).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(Count)
            .Select((g, bit) => (g.Key, bit)).ToDictionary(x => x.Key, x => x.bit, StringComparer.Ordinal);
        var tags = new TagBits(bits, new ulong[parks.Count]);
        for (var p = 0; p < parks.Count; p++) tags._parkMasks[p] = tags.Mask(parks[p].Tags);
        return tags;
    }

    // Tag -> bit, for the tags that have one.
    public IReadOnlyDictionary<string, int> Bits => _bits;

    // Fewer bits given than there are: no tag in use was left without one, so a count by bits alone is
    // complete (all 64 given may mean more tags, the rest bitless).
    public bool HoldsEveryTag => _bits.Count < Count;

    public ulong Mask(IEnumerable<string> tags)
    {
        ulong mask = 0;
        foreach (var t in tags)
            if (_bits.TryGetValue(t, out var bit)) mask |= 1UL << bit;
        return mask;
    }

    // A unit's mask: its own tags' bits with its park's.
    public ulong UnitMask(int park, Unit unit) => Mask(unit.Tags) | _parkMasks[park];

    // What Write stores, named in the image's format: move it on with any change to Write and Read.
    public const string Layout = "tags 1: bits, parkMasks";

    public void Write(IndexImageWriter image)
    {
        image.Numbered(_bits);
        image.Values(_parkMasks);
    }

    public static TagBits Read(IndexImageReader image) => new(image.Numbered(), image.Values<ulong>());
}
