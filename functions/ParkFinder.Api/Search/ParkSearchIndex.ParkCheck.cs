namespace ParkFinder.Api.Search;

public sealed partial class ParkSearchIndex
{
    // The park-level filters still to check on each park of the starting set (stars are applied as bits).
    private struct ParkCheck
    {
        public int City, District; // -1: not checked
        public int[]? Industries;
        public readonly bool Geo;
        public readonly double MinLat, MaxLat, MinLng, MaxLng;
        private readonly double _lat, _lng, _radiusKm;

        public ParkCheck(ParkQuery q, ParkSearchIndex ix)
        {
            City = q.City is null ? -1 : ParseCode(q.City);
            District = q.District is null ? -1 : ParseCode(q.District);
            Industries = q.Industries.Length == 0 ? null : q.Industries.Select(i => ix._industryIds.GetValueOrDefault(i, -1)).ToArray();
            Geo = q.RadiusKm is not null && q.Lat is not null && q.Lng is not null;
            if (!Geo) return;
            (_lat, _lng, _radiusKm) = (q.Lat!.Value, q.Lng!.Value, q.RadiusKm!.Value);
            // A box around the circle rules most parks out before the exact distance.
            var dLat = _radiusKm / 111.0;
            var dLng = _radiusKm / (111.0 * Math.Max(0.1, Math.Cos(_lat * Math.PI / 180)));
            (MinLat, MaxLat, MinLng, MaxLng) = (_lat - dLat, _lat + dLat, _lng - dLng, _lng + dLng);
        }

        public readonly bool Any => City >= 0 || District >= 0 || Industries is not null || Geo;

        public readonly bool Passes(ParkSearchIndex ix, int p)
        {
            if (City >= 0 && ix._city[p] != City) return false;
            if (District >= 0 && ix._district[p] != District) return false;
            if (Industries is not null && !AnyOf(Industries, ix._parkIndustries[p])) return false;
            if (!Geo) return true;
            var lat = ix._lat[p];
            var lng = ix._lng[p];
            return lat >= MinLat && lat <= MaxLat && lng >= MinLng && lng <= MaxLng && DistanceKm(_lat, _lng, lat, lng) <= _radiusKm;
        }

        private static bool AnyOf(int[] wanted, int[] has)
        {
            foreach (var w in wanted)
                foreach (var h in has)
                    if (h == w) return true;
            return false;
        }
    }
}
