using ParkFinder.Functions.Parks;
using ParkFinder.Functions.Search;

namespace ParkFinder.Tests.Search;

// The unit bitmaps against UnitFilter.Passes read unit by unit, at a size where ranges cross several
// 4,096-position checkpoints, with parks that have no units and ranges ending exactly on and next to
// checkpoints: every unit bit and every park bit must be the same.
public sealed class UnitBitmapsTests
{
    private static readonly Dictionary<string, int> TagBits = new() { ["有产证"] = 0, ["可注册"] = 1, ["独栋"] = 2 };

    [Fact]
    public void EveryUnitAndParkBitEqualsTheUnitByUnitReading()
    {
        var random = new Random(5);
        var units = new List<Unit>();
        var starts = new List<int> { 0 };
        while (units.Count < 30_000)
        {
            var count = random.Next(0, 4) == 0 ? 0 : random.Next(1, 13); // a quarter of the parks have no unit on offer
            for (var k = 0; k < count; k++)
                units.Add(new Unit
                {
                    SpaceType = SpaceTypes.All[random.Next(SpaceTypes.All.Length)].ToApi(),
                    Area = random.Next(1, 2000) * 10, // repeated values: ties across range ends
                    Rent = random.Next(5) == 0 ? null : new Rent(random.Next(5, 120), "CNY/m2/month"),
                    CeilingHeightM = random.Next(3) == 0 ? null : random.Next(30, 140) / 10.0,
                    FloorLoadTPerM2 = random.Next(3) == 0 ? null : random.Next(5, 55) / 10.0,
                    PowerKva = random.Next(2) == 0 ? null : random.Next(1, 30) * 100,
                    Stale = random.Next(10) == 0,
                });
            starts.Add(units.Count);
        }
        var columns = new UnitColumns(units.Count);
        var present = 0;
        for (var u = 0; u < units.Count; u++)
        {
            columns.Set(u, units[u], (ulong)random.Next(8));
            present |= columns.TypeBit[u];
        }
        var unitStart = starts.ToArray();
        var bitmaps = new UnitBitmaps(columns, unitStart);

        var areas = columns.Area.Order().ToArray();
        var queries = new List<ParkQuery>
        {
            new() { MinArea = areas[4096], MaxArea = areas[3 * 4096] }, // on checkpoints
            new() { MinArea = areas[4095], MaxArea = areas[4 * 4096 + 1] }, // next to them
            new() { MinArea = areas[100], MaxArea = areas[26_000], SpaceTypes = [SpaceType.Factory, SpaceType.Warehouse] },
            new() { MinArea = areas[5000], MaxArea = areas[5003] }, // narrow: unit by unit
            new() { MinRent = 20, MaxRent = 90, IncludeStale = true },
            new() { MinRent = 20, MaxRent = 90 },
            new() { MinCeilingHeightM = 8, MinFloorLoad = 3, MinPowerKva = 1000 },
            new() { Tags = ["有产证", "可注册"] },
            new() { Tags = ["独栋"], SpaceTypes = [SpaceType.Office], MaxRent = 60 },
            new() { SpaceTypes = [SpaceType.Land], IncludeStale = true },
        };
        var parkCount = unitStart.Length - 1;
        var (words, parkWords) = (bitmaps.Words, (parkCount + 63) >> 6);
        foreach (var q in queries)
        {
            var filter = new UnitFilter(q, TagBits);
            var bits = new ulong[words + 1];
            var spare = new ulong[Math.Max(words, parkWords + 1)];
            bitmaps.Mark(filter, bits, present, spare);
            // The message is built only on a mismatch: formatting it for each of the 30,000 units cost more than the test.
            for (var u = 0; u < units.Count; u++)
                if (filter.Passes(columns, u) != ((bits[u >> 6] >> (u & 63) & 1) != 0)) Assert.Fail($"unit {u} for {q}");

            var parks = new ulong[parkWords];
            for (var p = 0; p < parkCount; p++) parks[p >> 6] |= 1UL << (p & 63);
            bitmaps.KeepParksWithAny(bits, parks, parkWords, spare);
            var matched = 0;
            for (var p = 0; p < parkCount; p++)
            {
                var expected = Enumerable.Range(unitStart[p], unitStart[p + 1] - unitStart[p]).Any(u => filter.Passes(columns, u));
                if (expected != ((parks[p >> 6] >> (p & 63) & 1) != 0)) Assert.Fail($"park {p} for {q}");
                if (expected) matched++;
            }
            Assert.True(matched > 0 && matched < parkCount, $"{q} should match some parks and not others");
        }
    }
}
