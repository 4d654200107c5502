using System.Security.Cryptography;
using System.Text;
using ParkFinder.Functions.Parks;

namespace ParkFinder.Functions.Search;

// A built index as a new instance reads it at cold start, in one blob (IndexSnapshots): a header
// saying which catalog version it holds, from when the change log must be replayed, and for which
// staleness cutoff and ecosystem definitions it was built; then every park's record (StoredParks);
// then the index's arrays (ParkSearchIndex.Image). Read with no JSON and no build: parks become
// records only when shown. When the day or the definitions moved on, the catalog is read back from
// the stored parks and built as from the tables.
public sealed class IndexImage
{
    // Moved on whenever the layout changes; a part that owns its sections names its own layout, so a
    // change to what it stores is that part's change alone (an image of another layout is rebuilt).
    private const string Format = "ParkFinder index image 2; " + ParkRecords.Layout + "; " + PlacesAndIndustries.Layout + "; " + ParkLocations.Layout + "; " + ParkFigures.Layout + "; " + TagBits.Layout + "; " + AvailableUnits.Layout;
    private readonly IndexImageReader _reader;
    private readonly StoredParks _parks;

    public string Version { get; }
    public long ChangesFrom { get; }
    public DateTimeOffset StaleBefore { get; }
    private readonly string _build, _definitions;

    // The code that wrote an image: another build may index differently (text normalisation, profiles,
    // tag bits), so its arrays are used only by the same build; its parks' records serve any.
    private static readonly string Build = typeof(IndexImage).Assembly.ManifestModule.ModuleVersionId.ToString("N");

    private IndexImage(IndexImageReader reader)
    {
        _reader = reader;
        _build = reader.Text();
        Version = reader.Text();
        ChangesFrom = reader.Long();
        StaleBefore = new DateTimeOffset(reader.Long(), TimeSpan.Zero);
        _definitions = reader.Text();
        var (starts, bytes) = reader.Packed<byte>();
        _parks = new StoredParks(starts, bytes);
    }

    // null: not an image of this format (an older one, or another blob).
    public static IndexImage? Read(byte[] image) => IndexImageReader.Open(image, Format) is { } reader ? new IndexImage(reader) : null;

    // What an image blob is named by (its metadata): an instance that would write the same one leaves it.
    public static string KeyOf(CatalogSnapshot snapshot) =>
        $"{Format}|{Build}|{snapshot.Version}|{(snapshot.StaleBefore ?? DateTimeOffset.MinValue).UtcTicks}|{DefinitionsKey(snapshot.Definitions)}";

    // Whether the index can be read as it is: built by this code, for this cutoff and these definitions.
    public bool Fits(DateTimeOffset staleBefore, Ecosystem.EcosystemDefinitions definitions) =>
        _build == Build && StaleBefore == staleBefore && _definitions == DefinitionsKey(definitions);

    // The index as it was built, for searches from now on. Once per image: the reader moves on.
    public ParkSearchIndex Index(Ecosystem.EcosystemDefinitions definitions, DateTimeOffset builtAt) =>
        ParkSearchIndex.FromImage(_reader, _parks, Version, builtAt, definitions, StaleBefore);

    // The catalog it was built from, to build again for another day or other definitions.
    public CatalogSnapshot Catalog()
    {
        var parks = new (Park Park, List<Unit> Units)[_parks.Count];
        Parallel.For(0, parks.Length, p => parks[p] = _parks.Read(p));
        return new CatalogSnapshot(parks.Select(x => x.Park).ToList(), parks.ToDictionary(x => x.Park.Id, x => x.Units, StringComparer.Ordinal), Version, ChangesFrom);
    }

    public static void Write(Stream output, CatalogSnapshot snapshot, ParkSearchIndex index)
    {
        var image = new IndexImageWriter(output);
        image.Text(Format);
        image.Text(Build);
        image.Text(snapshot.Version);
        image.Long(snapshot.ChangesFrom);
        image.Long((snapshot.StaleBefore ?? DateTimeOffset.MinValue).UtcTicks);
        image.Text(DefinitionsKey(snapshot.Definitions));
        var parks = snapshot.Parks.ToDictionary(p => p.Id, StringComparer.Ordinal);
        image.Jagged(index.ParkIds.Select(id => StoredParks.Pack(parks[id], snapshot.UnitsByPark.GetValueOrDefault(id) ?? [])).ToArray());
        index.WriteImage(image);
        image.Finish();
    }

    private static string DefinitionsKey(Ecosystem.EcosystemDefinitions definitions) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(definitions.ToJson())))[..16];
}
