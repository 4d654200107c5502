namespace ParkFinder.Benchmarks;

// The query set as a wrk script: the same 18 searches in rotation, from a client light enough that
// the app, not the load generator, takes most of the two cores (the .NET client takes about a fifth).
public static class WrkScript
{
    public static void Write(string path)
    {
        var urls = QuerySet.All.Select(q => new Uri("http://localhost/api/parks?" + q.Query).PathAndQuery); // non-ASCII percent-encoded
        File.WriteAllText(path, $$"""
            local urls = { {{string.Join(", ", urls.Select(u => $"\"{u}\""))}} }
            local i = 0
            request = function()
              i = i + 1
              return wrk.format("GET", urls[(i % #urls) + 1])
            end
            """);
    }
}
