using System.Globalization;
using ParkFinder.Functions.Csv;

namespace ParkFinder.Functions.Parks;

// The CSV form of an import: one row per unit, the park's columns repeated on each of its rows
// (a park without units is one row with an empty unitId). Lists are separated by ';'.
public static class ParkCsv
{
    public static readonly string[] Columns =
    [
        "parkId", "parkName", "cityCode", "cityName", "districtCode", "districtName", "lat", "lng", "industries", "stars",
        "address", "description", "parkTags", "hotline", "totalArea",
        "unitId", "spaceType", "unitName", "floor", "area", "rentAmount", "rentUnit", "status", "availableFrom",
        "ceilingHeightM", "floorLoadTPerM2", "powerKva", "unitTags",
    ];
    private static readonly string[] Required = ["parkId", "parkName", "cityCode", "cityName", "districtCode", "districtName", "lat", "lng"];

    public static async Task<(List<Park?>? Parks, Dictionary<string, string[]> Errors)> ReadAsync(Stream body, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        using var buffered = new MemoryStream();
        await body.CopyToAsync(buffered, cancellationToken);
        buffered.Position = 0;
        using var reader = new StreamReader(buffered, detectEncodingFromByteOrderMarks: true);
        using var rows = CsvParser.Parse(reader).GetEnumerator();
        if (!rows.MoveNext())
            return (null, new Dictionary<string, string[]> { ["$"] = ["the CSV is empty"] });
        var columns = rows.Current.Fields.Select((h, i) => (Name: h.Trim(), i)).GroupBy(x => x.Name).ToDictionary(g => g.Key, g => g.First().i, StringComparer.Ordinal);
        var missing = Required.Where(c => !columns.ContainsKey(c)).ToList();
        if (missing.Count > 0) return (null, new Dictionary<string, string[]> { ["$"] = [$"missing columns: {string.Join(", ", missing)}"] });

        var parks = new Dictionary<string, Park>(StringComparer.Ordinal);
        var order = new List<Park?>();
        while (rows.MoveNext())
        {
            var (row, values) = rows.Current;
            string? Field(string name) => columns.TryGetValue(name, out var i) && i < values.Length && !string.IsNullOrWhiteSpace(values[i]) ? values[i].Trim() : null;
            double? Number(string name)
            {
                var text = Field(name);
                if (text is null) return null;
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n)) return n;
                errors[$"row {row}.{name}"] = ["must be a number"];
                return null;
            }
            string[] List(string name) => Field(name)?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

            var parkId = Field("parkId") ?? "";
            if (!parks.TryGetValue(parkId, out var park))
            {
                var stars = Number("stars");
                park = new Park
                {
                    Id = parkId, Name = Field("parkName") ?? "",
                    City = new Region(Field("cityCode") ?? "", Field("cityName") ?? ""),
                    District = new Region(Field("districtCode") ?? "", Field("districtName") ?? ""),
                    Lat = Number("lat") ?? double.NaN, Lng = Number("lng") ?? double.NaN,
                    Industries = List("industries"), Stars = stars is null ? null : (int)stars, Address = Field("address"),
                    Description = Field("description"), Tags = List("parkTags"), TotalArea = Number("totalArea"),
                    Contact = Field("hotline") is { } hotline ? new Contact(hotline, null) : null,
                    Units = [],
                };
                parks[parkId] = park;
                order.Add(park);
            }
            if (Field("unitId") is not { } unitId) continue;
            var availableFrom = Field("availableFrom");
            DateOnly? from = null;
            if (availableFrom is not null)
            {
                if (DateOnly.TryParseExact(availableFrom, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) from = d;
                else errors[$"row {row}.availableFrom"] = ["must be a date like 2026-12-01"];
            }
            var rentAmount = Number("rentAmount");
            park.Units!.Add(new Unit
            {
                Id = unitId, SpaceType = Field("spaceType") ?? "", Name = Field("unitName"), Floor = Field("floor"),
                Area = Number("area") ?? 0,
                Rent = rentAmount is null ? null : new Rent(rentAmount.Value, Field("rentUnit") ?? "CNY/m2/month"),
                Status = Field("status") ?? "available", AvailableFrom = from,
                CeilingHeightM = Number("ceilingHeightM"), FloorLoadTPerM2 = Number("floorLoadTPerM2"), PowerKva = Number("powerKva"),
                Tags = List("unitTags"),
            });
        }
        return errors.Count > 0 ? (null, errors) : (order, errors);
    }
}
