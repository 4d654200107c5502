namespace ParkFinder.Functions.Parks;

public enum SpaceType : byte { Land, Factory, Warehouse, Office }

public enum UnitStatus : byte { Available, Reserved, Leased }

public static class SpaceTypes
{
    public static readonly SpaceType[] All = [SpaceType.Land, SpaceType.Factory, SpaceType.Warehouse, SpaceType.Office];

    public static string ToApi(this SpaceType type) => type switch
    {
        SpaceType.Land => "land",
        SpaceType.Factory => "factory",
        SpaceType.Warehouse => "warehouse",
        _ => "office",
    };

    // The name landlords and investors read (and files use: TryParse takes it back).
    public static string ToChinese(this SpaceType type) => type switch
    {
        SpaceType.Land => "工业用地",
        SpaceType.Factory => "厂房",
        SpaceType.Warehouse => "仓库",
        _ => "写字楼",
    };

    // English API names plus the Chinese names landlords use in files (METRICS.md).
    public static bool TryParse(string? value, out SpaceType type)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case "land" or "工业用地" or "用地" or "土地": type = SpaceType.Land; return true;
            case "factory" or "厂房": type = SpaceType.Factory; return true;
            case "warehouse" or "仓库" or "仓储": type = SpaceType.Warehouse; return true;
            case "office" or "写字楼" or "办公" or "写字楼(办公)" or "写字楼（办公）": type = SpaceType.Office; return true;
            default: type = default; return false;
        }
    }

    // Query parameters take the API names only ("factory"), not the Chinese names files may use.
    public static bool TryParseApi(string? value, out SpaceType type) => TryParse(value, out type) && value == type.ToApi();

    public static string ToApi(this UnitStatus status) => status switch
    {
        UnitStatus.Available => "available",
        UnitStatus.Reserved => "reserved",
        _ => "leased",
    };

    public static bool TryParseStatus(string? value, out UnitStatus status)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case "available": status = UnitStatus.Available; return true;
            case "reserved": status = UnitStatus.Reserved; return true;
            case "leased": status = UnitStatus.Leased; return true;
            default: status = default; return false;
        }
    }
}
