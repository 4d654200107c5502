namespace ParkFinder.Functions.Search;

public sealed partial class ParkSearchIndex
{
    // The park-level filters still to check on each park of the starting set (stars are applied as bits).
    private struct ParkCheck
    {
        public int Province, City, District; // -1: not checked (Province: its two leading digits)
        public int[]? Industries;
        private readonly int _track, _minTrackScore;
        private readonly string? _chain;
        private readonly string[] _segments;
        private readonly bool _anchor;
        private readonly string[] _policies;
        private readonly bool _ecosystem;
        public readonly bool Geo, Box;
        public readonly double MinLat, MaxLat, MinLng, MaxLng;
        private readonly double _boxSwLat, _boxSwLng, _boxNeLat, _boxNeLng;
        // The latitudes a park must lie between (the circle's box, the map's box, or both): the starting band.
        public readonly double BandMinLat => Geo && Box ? Math.Max(MinLat, _boxSwLat) : Geo ? MinLat : _boxSwLat;
        public readonly double BandMaxLat => Geo && Box ? Math.Min(MaxLat, _boxNeLat) : Geo ? MaxLat : _boxNeLat;
        private readonly double _x, _y, _z, _maxSquaredChord;

        public ParkCheck(ParkQuery q, ParkSearchIndex ix)
        {
            Province = q.Province is null ? -1 : ParseCode(q.Province) / 10000;
            City = q.City is null ? -1 : ParseCode(q.City);
            District = q.District is null ? -1 : ParseCode(q.District);
            Industries = q.Industries.Length == 0 ? null : q.Industries.Select(i => ix._places.IndustryIds.GetValueOrDefault(i, -1)).ToArray();
            _ecosystem = q.HasEcosystemFilter;
            _track = q.Track is null ? -1 : ix._definitions.TrackIndex(q.Track);
            _minTrackScore = q.MinTrackScore ?? 0;
            _chain = q.Chain;
            _segments = q.Chain is null ? [] : q.Segments.Select(s => q.Chain + "/" + s).ToArray();
            _anchor = q.Anchor;
            _policies = q.Policies;
            // A box holding the whole catalog (a map of the country) narrows nothing: no park is checked against it.
            Box = q.Box is { } b && ix._locations.Extent is var all && !(b.SwLat <= all.SwLat && b.SwLng <= all.SwLng && b.NeLat >= all.NeLat && b.NeLng >= all.NeLng);
            if (q.Box is { } box) (_boxSwLat, _boxSwLng, _boxNeLat, _boxNeLng) = (box.SwLat, box.SwLng, box.NeLat, box.NeLng);
            Geo = q.RadiusKm is not null && q.Lat is not null && q.Lng is not null;
            if (!Geo) return;
            var (lat, lng, radiusKm) = (q.Lat!.Value, q.Lng!.Value, q.RadiusKm!.Value);
            (_x, _y, _z) = ParkLocations.PointOnSphere(lat, lng);
            _maxSquaredChord = Math.Pow(2 * Math.Sin(Math.Min(Math.PI / 2, radiusKm / (2 * EarthRadiusKm))), 2);
            // A box around the circle rules most parks out before the exact distance.
            var dLat = radiusKm / 111.0;
            var dLng = radiusKm / (111.0 * Math.Max(0.1, Math.Cos(lat * Math.PI / 180)));
            (MinLat, MaxLat, MinLng, MaxLng) = (lat - dLat, lat + dLat, lng - dLng, lng + dLng);
        }

        public readonly bool Any => Box || Province >= 0 || City >= 0 || District >= 0 || Industries is not null || Geo || _ecosystem;

        public readonly bool Passes(ParkSearchIndex ix, int p)
        {
            var places = ix._places;
            if (Province >= 0 && places.City(p) / 10000 != Province) return false;
            if (City >= 0 && places.City(p) != City) return false;
            if (District >= 0 && places.District(p) != District) return false;
            if (Industries is not null && !AnyOf(Industries, places.Industries(p))) return false;
            if (_ecosystem && !PassesEcosystem(ix.FacetsOf(p))) return false;
            var lat = ix._locations.Lat(p);
            var lng = ix._locations.Lng(p);
            if (Box && !(lat >= _boxSwLat && lat <= _boxNeLat && lng >= _boxSwLng && lng <= _boxNeLng)) return false;
            if (!Geo) return true;
            return lat >= MinLat && lat <= MaxLat && lng >= MinLng && lng <= MaxLng && ix._locations.SquaredChord(p, _x, _y, _z) <= _maxSquaredChord;
        }

        // A track score at least the minimum; an enterprise in the chain (an anchor, with anchor) and
        // in every segment asked for; every policy category asked for.
        private readonly bool PassesEcosystem(ParkFacets park)
        {
            if (_minTrackScore > 0 && (_track < 0 || park.Scores[_track] < _minTrackScore)) return false;
            if (_chain is not null)
            {
                if (!park.HasChain(_chain, _anchor)) return false;
                foreach (var s in _segments)
                    if (!park.HasSegment(s)) return false;
            }
            foreach (var policy in _policies)
                if (!park.HasPolicy(policy)) return false;
            return true;
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
