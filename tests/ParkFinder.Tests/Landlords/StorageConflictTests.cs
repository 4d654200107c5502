using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ParkFinder.Functions.Hosting;
using ParkFinder.Tests.Infrastructure;
using static ParkFinder.Tests.Infrastructure.Catalog;

namespace ParkFinder.Tests.Landlords;

// A storage answer no handler expected (the row vanished meanwhile) is a problem with its own
// status and code, never a 500.
public sealed class StorageConflictTests
{
    [Fact]
    public async Task ConfirmingAParkWhoseRowVanishedMeanwhileIsA404NotA500()
    {
        await using var world = await TestWorld.StartAsync(null, Park("p-gone", "消失园", city: "440300", units: [Unit("u1")]));
        var landlord = world.Client(await world.LandlordTokenAsync("openid-gone", "p-gone"));
        // The index still knows the park; its stored row is gone (an operator's cleanup, say).
        await world.Factory.Services.GetRequiredService<StorageAccount>().Table("Parks").DeleteEntityAsync("440300", "p-gone");

        var response = await landlord.PostAsync("/api/parks/p-gone/availability/confirm", null);
        await ProblemAssert.IsProblem(response, HttpStatusCode.NotFound, "not_found");
    }
}
