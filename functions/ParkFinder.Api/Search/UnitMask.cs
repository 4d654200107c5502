using System.Runtime.Intrinsics;

namespace ParkFinder.Api.Search;

// One bit per unit of the flat columns: set when the unit passes the query's numeric filters (area,
// rent, specs). Built with 8-wide vector compares before the park loop, so the loop reads bits
// instead of five float columns. NaN (not given) fails every comparison, as the filters require.
internal static class UnitMask
{
    public static ulong[] Build(UnitColumns c, float minArea, float maxArea, bool rent, float minRent, float maxRent,
        bool ceiling, float minCeiling, bool load, float minLoad, bool power, float minPower)
    {
        var n = c.Count;
        var bits = new ulong[(n + 63) / 64];
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var (vMinA, vMaxA, vMinR, vMaxR) = (Vector256.Create(minArea), Vector256.Create(maxArea), Vector256.Create(minRent), Vector256.Create(maxRent));
            var (vC, vL, vP) = (Vector256.Create(minCeiling), Vector256.Create(minLoad), Vector256.Create(minPower));
            for (; i + 8 <= n; i += 8)
            {
                var area = Vector256.Create(c.Area, i);
                var m = Vector256.GreaterThanOrEqual(area, vMinA) & Vector256.LessThanOrEqual(area, vMaxA);
                if (rent)
                {
                    var r = Vector256.Create(c.Rent, i);
                    m &= Vector256.GreaterThanOrEqual(r, vMinR) & Vector256.LessThanOrEqual(r, vMaxR);
                }
                if (ceiling) m &= Vector256.GreaterThanOrEqual(Vector256.Create(c.Ceiling, i), vC);
                if (load) m &= Vector256.GreaterThanOrEqual(Vector256.Create(c.Load, i), vL);
                if (power) m &= Vector256.GreaterThanOrEqual(Vector256.Create(c.Power, i), vP);
                bits[i >> 6] |= (ulong)m.ExtractMostSignificantBits() << (i & 63);
            }
        }
        for (; i < n; i++)
        {
            var a = c.Area[i];
            var ok = a >= minArea && a <= maxArea && (!rent || (c.Rent[i] >= minRent && c.Rent[i] <= maxRent))
                && (!ceiling || c.Ceiling[i] >= minCeiling) && (!load || c.Load[i] >= minLoad) && (!power || c.Power[i] >= minPower);
            if (ok) bits[i >> 6] |= 1UL << (i & 63);
        }
        return bits;
    }
}
