using System.IO.Compression;
using System.Text.Json;
using ParkFinder.Functions.Parks;

namespace ParkFinder.Functions.Search;

// Each park with its units and ecosystem data as deflated JSON, end to end: what an index image
// keeps of the catalog. A park's record (IndexedPark) is made from it when the park is first shown,
// and the whole catalog is read back from it when the image's day or definitions no longer fit.
internal sealed class StoredParks(int[] starts, byte[] bytes)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public int Count => starts.Length - 1;

    public (int[] Starts, byte[] Bytes) Packed => (starts, bytes);

    // The park with its units in Units.
    public Park Read(int p)
    {
        using var inflate = new DeflateStream(new MemoryStream(bytes, starts[p], starts[p + 1] - starts[p], writable: false), CompressionMode.Decompress);
        return JsonSerializer.Deserialize<Park>(inflate, Json)!;
    }

    public static byte[] Pack(Park park, IReadOnlyList<Unit> units)
    {
        using var packed = new MemoryStream();
        using (var deflate = new DeflateStream(packed, CompressionLevel.Fastest, leaveOpen: true))
            JsonSerializer.Serialize(deflate, park.Copy(units: [.. units]), Json);
        return packed.ToArray();
    }
}
