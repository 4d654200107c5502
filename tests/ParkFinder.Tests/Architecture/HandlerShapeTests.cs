using ParkFinder.Functions.Hosting;

namespace ParkFinder.Tests.Architecture;

// Cross-cutting work is the guard's (the caller, access, the index being ready, If-Match, limits), so a
// handler takes what its operation reads and what it works with; more than six parameters is bundled
// as one [AsParameters] record.
public sealed class HandlerShapeTests
{
    [Fact]
    public void EveryHandlerTakesAtMostSixParameters()
    {
        var wide = FunctionCatalog.Http.Select(f => (f.Name, Count: f.Handler.GetParameters().Length)).Where(x => x.Count > 6)
            .Select(x => $"{x.Name}: {x.Count}").ToList();
        Assert.True(wide.Count == 0, "Bundle these handlers' services with [AsParameters]:\n" + string.Join("\n", wide));
    }
}
