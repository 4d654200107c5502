namespace ParkFinder.Functions.Leads;

// The Chinese names landlords read for a request's category and status: in WeChat messages and in
// the Excel export alike.
public static class LeadLabels
{
    private static readonly Dictionary<string, string> Categories = new()
    {
        ["policy"] = "企业政策", ["talent"] = "人才政策", ["factory-warehouse"] = "厂房仓库", ["office"] = "写字楼租售", ["land"] = "土地",
        ["registration"] = "注册", ["other"] = "其他",
    };

    private static readonly Dictionary<string, string> Statuses = new()
    {
        [LeadStatus.New] = "待联系", [LeadStatus.Contacted] = "已联系", [LeadStatus.Visited] = "已看房", [LeadStatus.Won] = "已签约", [LeadStatus.Lost] = "已结束",
    };

    public static string Category(string category) => Categories.GetValueOrDefault(category, category);

    public static string Status(string status) => Statuses.GetValueOrDefault(status, status);
}
