using ParkFinder.Functions.Parks;

namespace ParkFinder.Tests.Infrastructure;

// Deterministic synthetic parks and units for tests and benchmarks: the same (parks, units, seed)
// always gives the same catalog. Cities and districts are real adcodes; everything else is invented.
public static class SyntheticCatalog
{
    private static readonly (string City, string CityName, (string Code, string Name)[] Districts, double Lat, double Lng)[] Cities =
    [
        ("440300", "深圳市", [("440305", "南山区"), ("440306", "宝安区"), ("440307", "龙岗区"), ("440304", "福田区")], 22.55, 114.05),
        ("440100", "广州市", [("440112", "黄埔区"), ("440106", "天河区"), ("440113", "番禺区")], 23.13, 113.27),
        ("110000", "北京市", [("110108", "海淀区"), ("110115", "大兴区"), ("110114", "昌平区"), ("110105", "朝阳区")], 39.90, 116.40),
        ("310000", "上海市", [("310115", "浦东新区"), ("310112", "闵行区"), ("310114", "嘉定区")], 31.23, 121.47),
        ("510100", "成都市", [("510107", "武侯区"), ("510115", "温江区"), ("510116", "双流区"), ("510113", "青白江区")], 30.66, 104.07),
        ("330100", "杭州市", [("330110", "余杭区"), ("330108", "滨江区"), ("330109", "萧山区")], 30.27, 120.16),
        ("320500", "苏州市", [("320576", "苏州工业园区"), ("320505", "虎丘区"), ("320506", "吴中区")], 31.30, 120.59),
        ("420100", "武汉市", [("420115", "江夏区"), ("420111", "洪山区"), ("420113", "汉南区")], 30.59, 114.31),
        ("320400", "常州市", [("320412", "武进区"), ("320402", "天宁区")], 31.81, 119.97),
        ("441900", "东莞市", [("441900", "东莞市")], 23.02, 113.75),
    ];
    private static readonly string[] Industries =
        ["生物医药", "医疗器械", "集成电路", "人工智能", "新能源汽车", "智能制造", "新材料", "软件和信息服务", "现代物流", "数字经济", "航空航天", "半导体", "机器人", "节能环保", "文化创意"];
    private static readonly string[] Themes = ["科技", "智造", "创新", "数字", "产业", "高新", "未来", "智谷", "生态", "湾区"];
    private static readonly string[] Suffixes = ["产业园", "科技园", "创新港", "工业园", "孵化基地", "智造园"];
    private static readonly string[] ParkTags = ["可注册", "人才公寓", "地铁沿线", "专业孵化器", "国家级园区", "政策扶持"];
    private static readonly string[] UnitTags = ["可环评", "有产证", "独栋", "双回路供电", "高标仓", "精装修", "可分租"];
    private static readonly (string Type, string Unit, double Lo, double Hi, double AreaLo, double AreaHi)[] Kinds =
    [
        ("office", "CNY/m2/day", 1.5, 9, 80, 3000),
        ("factory", "CNY/m2/month", 15, 70, 300, 15000),
        ("warehouse", "CNY/m2/month", 12, 45, 500, 20000),
        ("land", "CNY/mu/year", 10000, 60000, 3000, 100000),
    ];

    // ecosystem: every other park also gets invented enterprises and an active-lease mix (attached as the
    // index loads them), and every park 0-2 policy categories; drawn from their own sequence.
    public static List<Park> Generate(int parks, int units, int seed, bool ecosystem = false)
    {
        var random = new Random(seed);
        var result = new List<Park>(parks);
        var stamp = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < parks; i++)
        {
            var city = Cities[random.Next(Cities.Length)];
            var district = city.Districts[random.Next(city.Districts.Length)];
            var industries = Industries.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).ToArray();
            var park = new Park
            {
                Id = $"syn-{seed}-{i:D6}",
                Name = $"{district.Name.TrimEnd('区', '市')}{Themes[random.Next(Themes.Length)]}{industries[0][..2]}{Suffixes[random.Next(Suffixes.Length)]}{i}",
                City = new Region(city.City, city.CityName),
                District = new Region(district.Code, district.Name),
                Lat = Math.Round(city.Lat + (random.NextDouble() - 0.5) * 0.6, 5),
                Lng = Math.Round(city.Lng + (random.NextDouble() - 0.5) * 0.6, 5),
                Industries = industries,
                Stars = random.Next(1, 6),
                Address = $"{city.CityName}{district.Name}示例路{random.Next(1, 999)}号",
                Description = "合成测试数据",
                Tags = ParkTags.OrderBy(_ => random.Next()).Take(random.Next(0, 3)).ToArray(),
                UpdatedAt = stamp.AddMinutes(random.Next(0, 40000)),
                Units = [],
            };
            result.Add(park);
        }
        // Spread the units so the total is exact: every park gets units / parks, the first ones one more.
        for (var u = 0; u < units; u++)
        {
            var park = result[u % parks];
            var kind = Kinds[random.Next(Kinds.Length)];
            var area = Math.Round(kind.AreaLo + random.NextDouble() * (kind.AreaHi - kind.AreaLo), 0);
            var status = random.Next(10) switch { < 5 => "available", < 6 => "reserved", _ => "leased" };
            park.Units!.Add(new Unit
            {
                Id = $"u{park.Units.Count:D4}",
                SpaceType = kind.Type,
                Name = $"{kind.Type}-{park.Units.Count}",
                Floor = kind.Type == "land" ? null : random.Next(1, 10).ToString(),
                Area = area,
                Rent = random.Next(20) == 0 ? null : new Rent(Math.Round(kind.Lo + random.NextDouble() * (kind.Hi - kind.Lo), 1), kind.Unit),
                Status = status,
                CeilingHeightM = kind.Type is "factory" or "warehouse" ? Math.Round(4 + random.NextDouble() * 10, 1) : null,
                FloorLoadTPerM2 = kind.Type is "factory" or "warehouse" ? Math.Round(0.5 + random.NextDouble() * 5, 1) : null,
                PowerKva = kind.Type == "factory" ? random.Next(1, 30) * 100 : null,
                Tags = UnitTags.OrderBy(_ => random.Next()).Take(random.Next(0, 3)).ToArray(),
                UpdatedAt = park.UpdatedAt,
            });
        }
        if (ecosystem) AddEcosystem(result, new Random(seed * 31 + 1));
        return result;
    }

    private static readonly (string Name, string Industry)[] EnterpriseKinds =
    [
        ("整车", "新能源汽车"), ("电池包", "动力电池"), ("电芯", "动力电池"), ("电驱", "汽车零部件"), ("晶圆", "晶圆制造"), ("芯片设计", "集成电路设计"),
        ("封测", "封装测试"), ("细胞治疗", "细胞与基因治疗"), ("合成生物", "合成生物"), ("创新药", "生物医药"), ("大模型", "生成式人工智能"),
        ("工业机器人", "工业机器人"), ("卫星", "商业航天"), ("石墨烯", "石墨烯新材料"), ("物流", "现代物流"),
    ];

    private static void AddEcosystem(List<Park> parks, Random random)
    {
        string[] policies = ["funding", "talent", "tax", "rent", "registration"];
        string[] roles = ["anchor", "supporting", "other", "other"];
        foreach (var park in parks)
        {
            park.Policies = policies.OrderBy(_ => random.Next()).Take(random.Next(0, 3)).Select(c => new Policy(c, c, null)).ToArray();
            if (random.Next(2) == 0) continue;
            var enterprises = Enumerable.Range(0, random.Next(1, 6)).Select(k =>
            {
                var kind = EnterpriseKinds[random.Next(EnterpriseKinds.Length)];
                return new ParkFinder.Functions.Parks.Enterprise($"e{k}", $"{park.Id}{kind.Name}{k}", kind.Industry, null, null,
                    roles[random.Next(roles.Length)], 2020, park.UpdatedAt);
            }).ToList();
            var leased = Math.Round(1000 + random.NextDouble() * 9000, 0);
            var inTrack = EnterpriseKinds[random.Next(EnterpriseKinds.Length)].Industry;
            park.Ecosystem = new ParkFinder.Functions.Parks.ParkEcosystemData
            {
                Enterprises = enterprises,
                Leases = new ParkFinder.Functions.Parks.LeaseMix(new DateOnly(2026, 11, 1), leased, 5,
                    new() { [inTrack] = new ParkFinder.Functions.Parks.IndustryShare(Math.Round(leased * random.NextDouble(), 0), 3) }),
            };
        }
    }
}
