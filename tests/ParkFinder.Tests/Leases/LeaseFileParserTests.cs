using System.Text;
using ParkFinder.Functions.Leases;
using ParkFinder.Functions.Parks;
using ParkFinder.Tests.Infrastructure;

namespace ParkFinder.Tests.Leases;

public sealed class LeaseFileParserTests
{
    static LeaseFileParserTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private const string ChineseHeaderCsv = """
        房号,物业类型,租赁面积,起租日,到期日,租金,租金单位,免租期(月),租户行业,签约日
        A-101,厂房,1200.5,2026/1/15,2027/1/14,32,元/㎡/月,1.5,生物医药,2025/12/20
        B-201,写字楼(办公),300,2026-03-01,2029-02-28,4.2,元/㎡/天,0,人工智能,
        L-1,工业用地,66667,2026-06-01,2046-05-31,30000,CNY/mu/year,,,
        """;

    [Fact]
    public void Utf8WithAndWithoutBomAndGbkAndXlsxParseIdentically()
    {
        var utf8 = Encoding.UTF8.GetBytes(ChineseHeaderCsv);
        var bom = Encoding.UTF8.GetPreamble().Concat(utf8).ToArray();
        var gbk = Encoding.GetEncoding("GBK").GetBytes(ChineseHeaderCsv);
        var xlsx = XlsxWriter.Write([
            ["房号", "物业类型", "租赁面积", "起租日", "到期日", "租金", "租金单位", "免租期(月)", "租户行业", "签约日"],
            ["A-101", "厂房", 1200.5, new DateOnly(2026, 1, 15), new DateOnly(2027, 1, 14), 32, "元/㎡/月", 1.5, "生物医药", new DateOnly(2025, 12, 20)],
            ["B-201", "写字楼(办公)", 300, new DateOnly(2026, 3, 1), new DateOnly(2029, 2, 28), 4.2, "元/㎡/天", 0, "人工智能", null],
            ["L-1", "工业用地", 66667, new DateOnly(2026, 6, 1), new DateOnly(2046, 5, 31), 30000, "CNY/mu/year", null, null, null],
        ]);
        Assert.True(LeaseFileParser.IsXlsx(xlsx));

        var expected = LeaseFileParser.Parse(utf8);
        Assert.Empty(expected.Errors);
        Assert.Equal(3, expected.Rows.Count);
        var a = expected.Rows.Single(r => r.UnitId == "A-101");
        Assert.Equal((SpaceType.Factory, 1200.5, new DateOnly(2026, 1, 15), new DateOnly(2025, 12, 20), 1.5, "CNY/m2/month"),
            (a.SpaceType, a.Area, a.Start, a.Signed, a.FreeMonths, a.RentUnit));
        var b = expected.Rows.Single(r => r.UnitId == "B-201");
        Assert.Equal((SpaceType.Office, "CNY/m2/day", new DateOnly(2026, 3, 1)), (b.SpaceType, b.RentUnit, b.Signed));
        foreach (var bytes in new[] { bom, gbk, xlsx })
        {
            var parsed = LeaseFileParser.Parse(bytes);
            Assert.Empty(parsed.Errors);
            Assert.Equal(expected.Rows.OrderBy(r => r.UnitId), parsed.Rows.OrderBy(r => r.UnitId));
        }
    }

    [Fact]
    public void EveryBadRowIsReportedWithRowAndColumnAndEveryGoodRowIsKept()
    {
        var longCell = new string('长', 10_000);
        var csv = string.Join("\n",
            "unit_id,space_type,area_m2,start_date,end_date,rent,rent_unit,free_months",
            "GOOD-1,factory,100,2026-01-01,2027-01-01,30,,0",                   // row 2
            "MISSING,factory,100,2026-01-01",                                   // row 3: end_date and rent missing
            "BAD-DATE,factory,100,2026-13-45,2027-01-01,30,,0",                 // row 4
            "BACKWARDS,factory,100,2027-01-01,2026-01-01,30,,0",                // row 5
            "NEG-AREA,factory,-5,2026-01-01,2027-01-01,30,,0",                  // row 6
            "UNKNOWN,castle,100,2026-01-01,2027-01-01,30,,0",                   // row 7
            "FREE,factory,100,2026-01-01,2026-04-01,30,,3",                     // row 8: free months >= term
            "TEXT-RENT,factory,100,2026-01-01,2027-01-01,thirty,,0",            // row 9
            $"LONG,factory,100,2026-01-01,2027-01-01,30,,0,{longCell}",         // row 10: extra long cell (no column: ignored)
            $"{longCell},factory,100,2026-01-01,2027-01-01,30,,0",              // row 11: 10,000-character unit id
            "BAD-UNIT,factory,100,2026-01-01,2027-01-01,30,dollars,0",          // row 12
            "HALF,factory,100,2026-01-01,2027-01-01,30,,0.3",                   // row 13: not a whole or half month
            "GOOD-2,仓库,2000,2026/2/1,2028/1/31,1.1,元/㎡/天,0.5");             // row 14
        var parsed = LeaseFileParser.Parse(Encoding.UTF8.GetBytes(csv));

        Assert.Equal(["GOOD-1", "GOOD-2", "LONG"], parsed.Rows.Select(r => r.UnitId).Order());
        var byRow = parsed.Errors.GroupBy(e => e.Row).ToDictionary(g => g.Key, g => g.Select(e => e.Column).ToHashSet());
        Assert.Equal([3, 4, 5, 6, 7, 8, 9, 11, 12, 13], byRow.Keys.Order());
        Assert.Superset(new HashSet<string> { "end_date", "rent" }, byRow[3]);
        Assert.Contains("start_date", byRow[4]);
        Assert.Contains("end_date", byRow[5]);
        Assert.Contains("area_m2", byRow[6]);
        Assert.Contains("space_type", byRow[7]);
        Assert.Contains("free_months", byRow[8]);
        Assert.Contains("rent", byRow[9]);
        Assert.Contains("unit_id", byRow[11]);
        Assert.Contains("rent_unit", byRow[12]);
        Assert.Contains("free_months", byRow[13]);
        Assert.All(parsed.Errors, e => Assert.True(e.Message.Length < 300, "messages stay short even for huge cells"));
        Assert.Equal(13, parsed.DataRows);
    }

    [Theory]
    [InlineData("")]
    [InlineData("just,some,columns\n1,2,3")]
    public void AFileWithoutTheRequiredColumnsFailsAsAWhole(string csv)
    {
        var ex = Assert.Throws<LeaseFileException>(() => LeaseFileParser.Parse(Encoding.UTF8.GetBytes(csv)));
        Assert.False(string.IsNullOrEmpty(ex.Message));
    }

    [Fact]
    public void ADamagedXlsxFailsAsAWhole()
    {
        var bytes = XlsxWriter.Write([["unit_id"]]);
        Assert.Throws<LeaseFileException>(() => LeaseFileParser.Parse(bytes[..(bytes.Length / 2)]));
    }
}
