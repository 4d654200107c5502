using System.IO.Compression;
using System.Text.Json;
using ParkFinder.Functions.Parks;

namespace ParkFinder.Functions.Search;

// Each park with its units and ecosystem data as compressed JSON, end to end: what an index image
// keeps of the catalog. A park's record (IndexedPark) is made from it when the park is first shown,
// and the whole catalog is read back from it when the image's day or definitions no longer fit.
internal sealed class StoredParks(int[] starts, byte[] bytes)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // Brotli at a middle quality: its built-in dictionary wins back part of what compressing each small
    // park alone loses (at 50,000 parks: 60 MB deflated, 42 MB so; the whole catalog gzip'd was 30 MB).
    private const int Quality = 5, Window = 22;

    public int Count => starts.Length - 1;

    // The park, and its units apart (as the tables give them).
    public (Park Park, List<Unit> Units) Read(int p)
    {
        using var inflate = new BrotliStream(new MemoryStream(bytes, starts[p], starts[p + 1] - starts[p], writable: false), CompressionMode.Decompress);
        var park = JsonSerializer.Deserialize<Park>(inflate, Json)!;
        var units = park.Units ?? [];
        park.Units = null;
        return (park, units);
    }

    public static byte[] Pack(Park park, IReadOnlyList<Unit> units)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(park.Copy(units: [.. units]), Json);
        var packed = new byte[BrotliEncoder.GetMaxCompressedLength(json.Length)];
        if (!BrotliEncoder.TryCompress(json, packed, out var written, Quality, Window))
            throw new InvalidOperationException($"Park {park.Id} could not be compressed");
        return packed[..written];
    }
}
