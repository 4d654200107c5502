using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using ParkFinder.Functions.Hosting;

namespace ParkFinder.Functions.Parks;

// Parks: PartitionKey = city adcode, RowKey = park id. Units: PartitionKey = park id, RowKey = unit id.
// Lists and nested objects are stored as JSON strings (they are read whole, never filtered on).
public static class ParkEntities
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static TableEntity ToEntity(Park p) => new(p.City.Code, p.Id)
    {
        ["Name"] = p.Name,
        ["CityName"] = p.City.Name,
        ["DistrictCode"] = p.District.Code,
        ["DistrictName"] = p.District.Name,
        ["Lat"] = p.Lat,
        ["Lng"] = p.Lng,
        ["Industries"] = JsonSerializer.Serialize(p.Industries, Json),
        ["Stars"] = p.Stars,
        ["Address"] = p.Address,
        ["Description"] = p.Description,
        ["Tags"] = JsonSerializer.Serialize(p.Tags, Json),
        ["Policies"] = JsonSerializer.Serialize(p.Policies, Json),
        ["Facilities"] = JsonSerializer.Serialize(p.Facilities, Json),
        ["Contact"] = p.Contact is null ? null : JsonSerializer.Serialize(p.Contact, Json),
        ["Rating"] = p.Rating is null ? null : JsonSerializer.Serialize(p.Rating, Json),
        ["TotalArea"] = p.TotalArea,
        ["LastConfirmedAt"] = p.LastConfirmedAt,
        ["UpdatedAt"] = p.UpdatedAt,
    };

    public static Park ToPark(TableEntity e) => new()
    {
        Id = e.RowKey,
        Name = e.ReadString("Name") ?? "",
        City = ParkPlaces.Named(new Region(e.PartitionKey, e.ReadString("CityName") ?? "")),
        District = ParkPlaces.CanonicalDistrict(new Region(e.ReadString("DistrictCode") ?? "", e.ReadString("DistrictName") ?? "")),
        Lat = e.ReadDouble("Lat") ?? 0,
        Lng = e.ReadDouble("Lng") ?? 0,
        Industries = FromJson<string[]>(e, "Industries") ?? [],
        Stars = e.ReadInt32("Stars"),
        Address = e.ReadString("Address"),
        Description = e.ReadString("Description"),
        Tags = FromJson<string[]>(e, "Tags") ?? [],
        Policies = FromJson<Policy[]>(e, "Policies") ?? [],
        Facilities = FromJson<string[]>(e, "Facilities") ?? [],
        Contact = FromJson<Contact>(e, "Contact"),
        Rating = FromJson<Rating>(e, "Rating"),
        TotalArea = e.ReadDouble("TotalArea"),
        LastConfirmedAt = e.ReadTime("LastConfirmedAt"),
        UpdatedAt = e.ReadTime("UpdatedAt") ?? e.Timestamp ?? default,
    };

    public static TableEntity ToEntity(string parkId, Unit u) => new(parkId, u.Id)
    {
        ["SpaceType"] = u.SpaceType,
        ["Name"] = u.Name,
        ["Floor"] = u.Floor,
        ["Area"] = u.Area,
        ["RentAmount"] = u.Rent?.Amount,
        ["RentUnit"] = u.Rent?.Unit,
        ["Status"] = u.Status,
        ["AvailableFrom"] = u.AvailableFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["CeilingHeightM"] = u.CeilingHeightM,
        ["FloorLoadTPerM2"] = u.FloorLoadTPerM2,
        ["PowerKva"] = u.PowerKva,
        ["Tags"] = u.Tags.Length == 0 ? null : JsonSerializer.Serialize(u.Tags, Json),
        ["UpdatedAt"] = u.UpdatedAt,
    };

    public static Unit ToUnit(TableEntity e) => new()
    {
        Id = e.RowKey,
        SpaceType = e.ReadString("SpaceType") ?? "",
        Name = e.ReadString("Name"),
        Floor = e.ReadString("Floor"),
        Area = e.ReadDouble("Area") ?? 0,
        Rent = e.ReadDouble("RentAmount") is { } amount && e.ReadString("RentUnit") is { } unit ? new Rent(amount, unit) : null,
        Status = e.ReadString("Status") ?? "available",
        AvailableFrom = DateOnly.TryParseExact(e.ReadString("AvailableFrom"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null,
        CeilingHeightM = e.ReadDouble("CeilingHeightM"),
        FloorLoadTPerM2 = e.ReadDouble("FloorLoadTPerM2"),
        PowerKva = e.ReadDouble("PowerKva"),
        Tags = FromJson<string[]>(e, "Tags") ?? [],
        UpdatedAt = e.ReadTime("UpdatedAt") ?? e.Timestamp ?? default,
        ETag = e.ETag.ToString(),
    };

    private static T? FromJson<T>(TableEntity e, string name) where T : class =>
        e.GetString(name) is { Length: > 0 } s ? JsonSerializer.Deserialize<T>(s, Json) : null;
}
