namespace ParkFinder.Functions.Search;

public sealed partial class ParkSearchIndex
{
    internal IReadOnlyList<string> ParkIds => _records.Ids;

    // Everything a build computes from the parks, as it is (IndexImage); what follows from it alone
    // (lookups, bitmaps, orders) is derived again on reading, which costs a fraction of a build.
    internal void WriteImage(IndexImageWriter image)
    {
        if (_overlay is not null) throw new InvalidOperationException("An index with landlords' changes has no image: fold it first.");
        _records.Write(image);
        _places.Write(image);
        _locations.Write(image);
        _figures.Write(image);
        image.Section(_text.Write);
        _tags.Write(image);
        _available.Write(image);
    }

    internal static ParkSearchIndex FromImage(IndexImageReader image, StoredParks stored, string version, DateTimeOffset builtAt,
        Ecosystem.EcosystemDefinitions definitions, DateTimeOffset staleBefore) => new(image, stored, version, builtAt, definitions, staleBefore);

    private ParkSearchIndex(IndexImageReader image, StoredParks stored, string version, DateTimeOffset builtAt,
        Ecosystem.EcosystemDefinitions definitions, DateTimeOffset staleBefore) : this(version, builtAt, definitions, staleBefore)
    {
        // The records are made from the cutoff and definitions alone: a delegate holding this index would keep
        // it (its units, orders, cached responses) alive in every base folded from it.
        _records = ParkRecords.Read(image, stored, (park, units) => Record(park, units, staleBefore, definitions));
        _places = PlacesAndIndustries.Read(image);
        _locations = ParkLocations.Read(image);
        _figures = ParkFigures.Read(image);
        // The text index is the largest part to read: read beside the rest, on the other core.
        var textSection = image.Section();
        var text = Task.Run(() => TextIndex.Read(textSection));
        _tags = TagBits.Read(image);
        _available = AvailableUnits.Read(image);
        Parallel.Invoke(Locate, Derive);
        _text = text.GetAwaiter().GetResult();
        _lexicon = LexiconOf(_text, _places, _tags, _records.AllFacets, _definitions);
    }
}
