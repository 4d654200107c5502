using System.Globalization;
using System.Text;
using ExcelDataReader;
using ParkFinder.Functions.Csv;
using ParkFinder.Functions.Hosting;
using ParkFinder.Functions.Parks;

namespace ParkFinder.Functions.Leases;

// Reads a landlord's lease file (METRICS.md): CSV in UTF-8 (with or without BOM) or GB18030/GBK,
// or the first sheet of an .xlsx. Every bad row is reported with its row number (header = 1),
// column and reason; the good rows are kept.
public static class LeaseFileParser
{
    public const int MaxCellLength = 500;

    private static readonly (string Column, bool Required, string[] Aliases)[] Columns =
    [
        ("unit_id", true, ["单元编号", "房号"]),
        ("space_type", true, ["类型", "物业类型"]),
        ("area_m2", true, ["面积", "租赁面积"]),
        ("start_date", true, ["起租日", "开始日期"]),
        ("end_date", true, ["到期日", "结束日期"]),
        ("rent", true, ["租金"]),
        ("rent_unit", false, ["租金单位"]),
        ("free_months", false, ["免租期", "免租期(月)"]),
        ("tenant_industry", false, ["行业", "租户行业"]),
        ("signed_date", false, ["签约日"]),
        ("tenant_name", false, ["租户名称", "承租方"]),
    ];

    public static bool IsXlsx(ReadOnlySpan<byte> content) => content.Length > 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4;

    public static ParsedLeaseFile Parse(byte[] content)
    {
        var records = IsXlsx(content) ? ReadXlsx(content) : ReadCsv(content);
        using var rows = records.GetEnumerator();
        if (!rows.MoveNext()) throw new LeaseFileException("The file is empty.");
        var header = MapHeader(rows.Current.Cells);

        var result = new Dictionary<(string, DateOnly), LeaseRow>();
        var errors = new List<RowError>();
        var dataRows = 0;
        while (rows.MoveNext())
        {
            var (row, cells) = rows.Current;
            if (cells.All(c => c is null || (c is string s && string.IsNullOrWhiteSpace(s)))) continue;
            dataRows++;
            var lease = ParseRow(row, cells, header, errors);
            // The same lease twice in one file: the later row wins, as a re-upload would.
            if (lease is not null) result[(lease.UnitId, lease.Start)] = lease;
        }
        return new ParsedLeaseFile(result.Values.ToList(), errors, dataRows);
    }

    private static Dictionary<string, int> MapHeader(object?[] cells)
    {
        static string Key(string s) => new(s.Normalize(NormalizationForm.FormKC).ToLowerInvariant().Where(c => !char.IsWhiteSpace(c)).ToArray());
        var byName = new Dictionary<string, int>();
        for (var i = 0; i < cells.Length; i++)
        {
            var name = Key(Convert.ToString(cells[i], CultureInfo.InvariantCulture) ?? "");
            var column = Columns.FirstOrDefault(c => c.Column == name || c.Aliases.Any(a => Key(a) == name)).Column;
            if (column is not null) byName.TryAdd(column, i);
        }
        var missing = Columns.Where(c => c.Required && !byName.ContainsKey(c.Column)).Select(c => c.Column).ToList();
        if (missing.Count > 0) throw new LeaseFileException("Missing required columns: " + string.Join(", ", missing) + ".");
        return byName;
    }

    private static LeaseRow? ParseRow(int row, object?[] cells, Dictionary<string, int> header, List<RowError> errors)
    {
        var before = errors.Count;
        void Error(string column, string message) => errors.Add(new RowError(row, column, message));
        object? Cell(string column) => header.TryGetValue(column, out var i) && i < cells.Length ? cells[i] : null;
        string? Text(string column)
        {
            var text = Convert.ToString(Cell(column), CultureInfo.InvariantCulture)?.Trim();
            if (text is { Length: > MaxCellLength }) { Error(column, $"longer than {MaxCellLength} characters"); return null; }
            return string.IsNullOrEmpty(text) ? null : text;
        }
        double? Number(string column, bool required)
        {
            var cell = Cell(column);
            if (cell is double d) return d;
            var text = Text(column);
            if (text is null) { if (required) Error(column, "is required"); return null; }
            if (double.TryParse(text.Replace(",", ""), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n)) return n;
            Error(column, $"'{Problems.Short(text)}' is not a number");
            return null;
        }
        DateOnly? Date(string column, bool required)
        {
            var cell = Cell(column);
            if (cell is DateTime dt) return DateOnly.FromDateTime(dt);
            if (cell is double serial) return ExcelSerial(serial, column, Error);
            var text = Text(column);
            if (text is null) { if (required) Error(column, "is required"); return null; }
            if (DateOnly.TryParseExact(text, ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d", "yyyy.M.d", "yyyy/MM/dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                return date;
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var s)) return ExcelSerial(s, column, Error);
            Error(column, $"'{Problems.Short(text)}' is not a date like 2026-01-15 or 2026/1/15");
            return null;
        }

        var unitId = Text("unit_id");
        if (unitId is null) Error("unit_id", "is required");
        else if (unitId.Length > 64 || unitId.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c)))
            Error("unit_id", "at most 64 characters, without / \\ # ?");
        var typeText = Text("space_type");
        SpaceType type = default;
        if (typeText is null) Error("space_type", "is required");
        else if (!SpaceTypes.TryParse(typeText, out type)) Error("space_type", $"'{Problems.Short(typeText)}' is not land/factory/warehouse/office or 工业用地/厂房/仓库/写字楼");
        var area = Number("area_m2", true);
        if (area is <= 0) Error("area_m2", "must be > 0");
        var start = Date("start_date", true);
        var end = Date("end_date", true);
        if (start is not null && end is not null && end <= start) Error("end_date", "must be after start_date");
        var rent = Number("rent", true);
        if (rent is < 0) Error("rent", "must be >= 0");
        var unitText = Text("rent_unit");
        var rentUnit = unitText is null ? "CNY/m2/month" : Rents.NormalizeUnit(unitText);
        if (rentUnit is null) Error("rent_unit", $"'{Problems.Short(unitText!)}' is not one of {string.Join(", ", Rents.Units)}, 元/㎡/天, 元/㎡/月, 元/月");
        var free = Number("free_months", false) ?? 0;
        if (free < 0 || Math.Abs(free * 2 - Math.Round(free * 2)) > 1e-9) Error("free_months", "must be whole or half months >= 0");
        else if (start is not null && end is not null && end > start && free >= (end.Value.DayNumber - start.Value.DayNumber) / (365.0 / 12.0))
            Error("free_months", "must be less than the lease term");
        var industry = Text("tenant_industry");
        var signed = Date("signed_date", false) ?? start;
        var tenant = Text("tenant_name");

        if (errors.Count > before) return null;
        return new LeaseRow(unitId!, type, area!.Value, start!.Value, end!.Value, rent!.Value, rentUnit!, free, industry, signed!.Value, tenant, row);
    }

    // Excel stores dates as days since 1899-12-30.
    private static DateOnly? ExcelSerial(double serial, string column, Action<string, string> error)
    {
        if (serial is >= 1 and < 2958466) return DateOnly.FromDateTime(DateTime.FromOADate(Math.Floor(serial)));
        error(column, $"{serial} is not a date");
        return null;
    }

    private static IEnumerable<(int Row, object?[] Cells)> ReadCsv(byte[] content)
    {
        var text = CsvText.Decode(content);
        foreach (var (row, fields) in CsvParser.Parse(new StringReader(text)))
            yield return (row, fields.Cast<object?>().ToArray());
    }

    private static IEnumerable<(int Row, object?[] Cells)> ReadXlsx(byte[] content)
    {
        using var stream = new MemoryStream(content);
        IExcelDataReader reader;
        try
        {
            reader = ExcelReaderFactory.CreateOpenXmlReader(stream);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new LeaseFileException("The file is not a readable .xlsx workbook.");
        }
        using (reader)
        {
            var row = 0;
            while (true)
            {
                bool more;
                try { more = reader.Read(); }
                catch (Exception ex) when (ex is not OutOfMemoryException) { throw new LeaseFileException("The .xlsx workbook is damaged."); }
                if (!more) yield break;
                row++;
                var cells = new object?[reader.FieldCount];
                for (var i = 0; i < cells.Length; i++) cells[i] = reader.GetValue(i);
                yield return (row, cells);
            }
        }
    }
}
