using System.Text.Json;
using ParkFinder.Functions.Search;
using ParkFinder.Tests.Infrastructure;

namespace ParkFinder.Tests.Search;

// The cold-start snapshot's compile-time serialiser must write and read the catalog exactly as the
// runtime one does: a snapshot written by either build is read by the other, and nothing is dropped.
public sealed class SnapshotFormatTests
{
    [Fact]
    public void TheGeneratedSerialiserWritesTheSameDocumentAndReadsItBack()
    {
        var parks = SyntheticCatalog.Generate(60, 600, seed: 11, ecosystem: true);
        var document = new SnapshotDocument("v7", parks, 42);
        var runtime = JsonSerializer.Serialize(document, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        var generated = JsonSerializer.Serialize(document, SnapshotJson.Default.SnapshotDocument);
        Assert.Equal(runtime, generated);
        Assert.Contains("\"units\":[{", generated);

        var read = JsonSerializer.Deserialize(runtime, SnapshotJson.Default.SnapshotDocument)!;
        Assert.Equal(generated, JsonSerializer.Serialize(read, SnapshotJson.Default.SnapshotDocument));
    }
}
