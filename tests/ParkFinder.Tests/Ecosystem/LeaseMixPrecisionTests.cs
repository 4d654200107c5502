using ParkFinder.Functions.Ecosystem;
using ParkFinder.Functions.Leases;
using ParkFinder.Functions.Parks;

namespace ParkFinder.Tests.Ecosystem;

// METRICS.md scores the leased-area share of full-precision areas; rounding the areas first can move a score.
public sealed class LeaseMixPrecisionTests
{
    [Fact]
    public void AShareJustBelowAHalfPointRoundsDownAsTheDefinitionSays()
    {
        var today = new DateOnly(2026, 6, 15);
        LeaseFact Lease(string unit, double area, string industry) =>
            new("p", "440305", "440300", unit, SpaceType.Office, area, new(2026, 1, 1), new(2027, 1, 1), new(2026, 1, 1), 80, 0, industry);
        // 88.916 of 139.482 m2 in 未来健康: 40 x 0.637473... = 25.499 -> 25 (rounded areas, 88.92 / 139.48, would give 25.5004 -> 26).
        var mix = LeaseMixes.Of([Lease("a", 88.916, "生物医药"), Lease("b", 50.566, "现代物流")], today);
        Assert.Equal(139.482, mix.LeasedArea, 9);
        var profile = EcosystemProfile.For(new ParkEcosystemData { Leases = mix }, EcosystemDefinitions.Shipped);
        var health = profile.Tracks.Single(t => t.Track == "future-health");
        Assert.Equal(25, health.Score);
        Assert.Equal(0.6375, health.Trace.LeasedAreaShare);
        Assert.Equal(88.92, health.Trace.LeasedAreaInTrack);
    }
}
