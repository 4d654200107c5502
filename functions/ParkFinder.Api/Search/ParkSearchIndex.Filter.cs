using ParkFinder.Api.Parks;

namespace ParkFinder.Api.Search;

public sealed partial class ParkSearchIndex
{
    // The query's checks, prepared once: park-level filters, then "one available unit fits all unit filters".
    private readonly struct Filter
    {
        private readonly ParkSearchIndex _ix;
        private readonly ParkQuery _q;
        private readonly int _city, _district;
        private readonly int[]? _industries;
        private readonly byte _minStars;
        private readonly bool _geo;
        private readonly double _minLat, _maxLat, _minLng, _maxLng;
        private readonly bool _units;
        private readonly int _typeMask;
        private readonly float _minArea, _maxArea, _minRent, _maxRent, _minCeiling, _minLoad, _minPower;
        private readonly bool _rentFilter, _ceilingFilter, _loadFilter, _powerFilter;
        private readonly ulong _tagMask;
        private readonly string[] _slowTags;
        private readonly string[]? _terms;
        private readonly ulong[]? _unitBits; // numeric unit filters, precomputed over the flat columns
        public ulong[]? UnitBits => _unitBits;

        public Filter(ParkSearchIndex ix, ParkQuery q, string[]? terms, int scanned)
        {
            _ix = ix;
            _q = q;
            _terms = terms;
            _city = q.City is null ? -1 : ParseCode(q.City);
            _district = q.District is null ? -1 : ParseCode(q.District);
            _industries = q.Industries.Length == 0 ? null : q.Industries.Select(i => ix._industryIds.GetValueOrDefault(i, -1)).ToArray();
            _minStars = (byte)(q.MinStars ?? 0);
            _geo = q.RadiusKm is not null && q.Lat is not null && q.Lng is not null;
            if (_geo)
            {
                // A box around the circle rules most parks out before the exact distance.
                var dLat = q.RadiusKm!.Value / 111.0;
                var dLng = q.RadiusKm.Value / (111.0 * Math.Max(0.1, Math.Cos(q.Lat!.Value * Math.PI / 180)));
                (_minLat, _maxLat, _minLng, _maxLng) = (q.Lat.Value - dLat, q.Lat.Value + dLat, q.Lng!.Value - dLng, q.Lng.Value + dLng);
            }
            _units = q.HasUnitFilter || q.Sort == SearchSort.Rent;
            _typeMask = q.SpaceTypes.Length == 0 ? 0xF : q.SpaceTypes.Aggregate(0, (m, t) => m | (1 << (int)t));
            _minArea = (float)(q.MinArea ?? 0);
            _maxArea = q.MaxArea is { } maxA ? (float)maxA : float.PositiveInfinity;
            _rentFilter = q.MinRent is not null || q.MaxRent is not null;
            _minRent = (float)(q.MinRent ?? 0);
            _maxRent = q.MaxRent is { } maxR ? (float)maxR : float.PositiveInfinity;
            (_ceilingFilter, _minCeiling) = (q.MinCeilingHeightM is not null, (float)(q.MinCeilingHeightM ?? 0));
            (_loadFilter, _minLoad) = (q.MinFloorLoad is not null, (float)(q.MinFloorLoad ?? 0));
            (_powerFilter, _minPower) = (q.MinPowerKva is not null, (float)(q.MinPowerKva ?? 0));
            _tagMask = 0;
            var slow = new List<string>();
            foreach (var tag in q.Tags)
                if (ix._tagBits.TryGetValue(tag, out var bit)) _tagMask |= 1UL << bit;
                else slow.Add(tag);
            _slowTags = slow.ToArray();
            // Worth it only when the scan covers a good part of the catalog.
            _unitBits = q.HasUnitFilter && scanned * 8L >= ix._parks.Length
                ? UnitMask.Build(ix._flat, _minArea, _maxArea, _rentFilter, _minRent, _maxRent, _ceilingFilter, _minCeiling, _loadFilter, _minLoad, _powerFilter, _minPower)
                : null;
        }

        // score: text relevance; matchedMinRent: the lowest rent among units that fit (for the rent sort), NaN if none has a rent.
        public bool Matches(int p, out float score, out float matchedMinRent)
        {
            matchedMinRent = float.NaN;
            score = 0;
            var ix = _ix;
            if (_city >= 0 && ix._city[p] != _city) return false;
            if (_district >= 0 && ix._district[p] != _district) return false;
            if (ix._stars[p] < _minStars) return false;
            if (_industries is not null && !AnyIndustry(ix._parkIndustries[p])) return false;
            if (_geo)
            {
                var lat = ix._lat[p];
                var lng = ix._lng[p];
                if (lat < _minLat || lat > _maxLat || lng < _minLng || lng > _maxLng) return false;
                if (DistanceKm(_q.Lat!.Value, _q.Lng!.Value, lat, lng) > _q.RadiusKm!.Value) return false;
            }
            if (_terms is not null && (score = ix._text.Score(p, _terms)) == 0) return false;
            if (!_units) return true;
            var parkTags = ix._parkTags[p];
            if (_q.HasUnitFilter)
            {
                ref readonly var b = ref ix._bounds[p];
                if ((b.TypeMask & _typeMask) == 0 || b.MaxArea < _minArea || b.MinArea > _maxArea
                    || (_rentFilter && !(b.MinRent <= _maxRent && b.MaxRent >= _minRent))
                    || (_ceilingFilter && !(b.MaxCeiling >= _minCeiling)) || (_loadFilter && !(b.MaxLoad >= _minLoad))
                    || (_powerFilter && !(b.MaxPower >= _minPower)) || ((b.Tags | parkTags) & _tagMask) != _tagMask)
                    return false;
            }

            var found = false;
            var (cols, start, end) = ix.UnitsOfPark(p);
            var types = cols.Type;
            var areas = cols.Area;
            var rents = cols.Rent;
            var bits = ReferenceEquals(cols, ix._flat) ? _unitBits : null;
            for (var u = start; u < end; u++)
            {
                if ((_typeMask & (1 << types[u])) == 0) continue;
                var rent = rents[u];
                if (bits is not null)
                {
                    if ((bits[u >> 6] & (1UL << (u & 63))) == 0) continue;
                }
                else
                {
                    var area = areas[u];
                    if (area < _minArea || area > _maxArea) continue;
                    if (_rentFilter && !(rent >= _minRent && rent <= _maxRent)) continue;
                    if (_ceilingFilter && !(cols.Ceiling[u] >= _minCeiling)) continue;
                    if (_loadFilter && !(cols.Load[u] >= _minLoad)) continue;
                    if (_powerFilter && !(cols.Power[u] >= _minPower)) continue;
                }
                if (((cols.Tags[u] | parkTags) & _tagMask) != _tagMask) continue;
                if (_slowTags.Length > 0 && !HasSlowTags(ix, p, cols.TagNames[u])) continue;
                found = true;
                if (!float.IsNaN(rent) && (float.IsNaN(matchedMinRent) || rent < matchedMinRent)) matchedMinRent = rent;
            }
            // Without unit filters, the rent sort only orders parks; it does not drop those without units.
            return found || !_q.HasUnitFilter;
        }

        private bool AnyIndustry(int[] parkIndustries)
        {
            foreach (var wanted in _industries!)
                foreach (var has in parkIndustries)
                    if (has == wanted) return true;
            return false;
        }

        private bool HasSlowTags(ParkSearchIndex ix, int p, string[] unitTags)
        {
            foreach (var tag in _slowTags)
                if (!unitTags.Contains(tag) && !ix._parks[p].Park.Tags.Contains(tag)) return false;
            return true;
        }
    }
}
