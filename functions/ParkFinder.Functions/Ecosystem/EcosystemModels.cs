using System.Text.Json.Serialization;

namespace ParkFinder.Functions.Ecosystem;

public static class EnterpriseRoles
{
    // anchor: 链主/龙头; supporting: 配套.
    public const string Anchor = "anchor", Supporting = "supporting", Other = "other";
    public static readonly string[] All = [Anchor, Supporting, Other];

    public static string? Parse(string? text) => text?.Trim() switch
    {
        null or "" => Other,
        "anchor" or "链主" or "龙头" or "链主/龙头" or "龙头企业" or "链主企业" => Anchor,
        "supporting" or "配套" or "配套企业" => Supporting,
        "other" or "其他" => Other,
        _ => null,
    };
}

