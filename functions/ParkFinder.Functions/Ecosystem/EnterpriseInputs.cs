using ParkFinder.Functions.Parks;
using System.Globalization;
using System.Text;
using ParkFinder.Functions.Csv;
using ParkFinder.Functions.Hosting;
using ParkFinder.Functions.Leases;

namespace ParkFinder.Functions.Ecosystem;

// Validation of what landlords and operators send for an enterprise, and the CSV form of a list.
public static class EnterpriseInputs
{
    public const int MaxPerPark = 2000;

    // Problems by field name; empty when the input is usable. Chain and segment, when given, must be
    // defined (by id or name) so that the landlord's own placement is never silently dropped.
    public static List<(string Field, string Message)> Validate(EnterpriseInput input, EcosystemDefinitions definitions, int currentYear)
    {
        var errors = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Trim().Length > 100) errors.Add(("name", "is required, at most 100 characters"));
        else if (input.Name.Any(char.IsControl)) errors.Add(("name", "has control characters"));
        if (string.IsNullOrWhiteSpace(input.Industry) || input.Industry.Trim().Length > 40) errors.Add(("industry", "is required, at most 40 characters"));
        else if (input.Industry.Any(char.IsControl)) errors.Add(("industry", "has control characters"));
        if (EnterpriseRoles.Parse(input.Role) is null) errors.Add(("role", "must be anchor (链主/龙头), supporting (配套) or other (其他)"));
        if (input.Since is { } y && (y < 1949 || y > currentYear)) errors.Add(("since", $"must be a year from 1949 to {currentYear}"));
        var chain = string.IsNullOrWhiteSpace(input.Chain) ? null : definitions.Chain(input.Chain.Trim());
        if (!string.IsNullOrWhiteSpace(input.Chain) && chain is null)
            errors.Add(("chain", $"'{Problems.Short(input.Chain)}' is not a chain: one of {string.Join(", ", definitions.Chains.Select(c => c.Id))}"));
        if (!string.IsNullOrWhiteSpace(input.Segment))
        {
            if (string.IsNullOrWhiteSpace(input.Chain)) errors.Add(("segment", "needs chain"));
            else if (chain is not null && !chain.Segments.Any(s => s.Id == input.Segment.Trim() || s.Name == input.Segment.Trim()))
                errors.Add(("segment", $"'{Problems.Short(input.Segment)}' is not a segment of {chain.Name}: one of {string.Join(", ", chain.Segments.Select(s => s.Id))}"));
        }
        else if (chain is not null && errors.Count == 0
                 && !definitions.Place(new Enterprise("", input.Name!.Trim(), input.Industry!.Trim(), null, null, EnterpriseRoles.Other, null, default)).Any(p => p.Chain == chain))
            // The chain it names must hold it: no segment of it matches by name or industry, so one must be named.
            errors.Add(("segment", $"needed: no segment of {chain.Name} matches this enterprise's name or industry; one of {string.Join(", ", chain.Segments.Select(s => s.Id))}"));
        return errors;
    }

    // A valid input as stored: trimmed, chain and segment as ids, role as its id.
    public static Enterprise ToEnterprise(string id, EnterpriseInput input, EcosystemDefinitions definitions, DateTimeOffset now)
    {
        var chain = string.IsNullOrWhiteSpace(input.Chain) ? null : definitions.Chain(input.Chain.Trim());
        var segment = chain is null || string.IsNullOrWhiteSpace(input.Segment) ? null
            : chain.Segments.FirstOrDefault(s => s.Id == input.Segment.Trim() || s.Name == input.Segment.Trim())?.Id; // validated; definitions may have moved since
        return new Enterprise(id, input.Name!.Trim(), input.Industry!.Trim(), chain?.Id, segment, EnterpriseRoles.Parse(input.Role)!, input.Since, now);
    }

    private static readonly (string Column, bool Required, string[] Aliases)[] Columns =
    [
        ("name", true, ["企业名称", "名称", "企业"]),
        ("industry", true, ["行业", "所属行业"]),
        ("chain", false, ["产业链"]),
        ("segment", false, ["环节", "产业链环节"]),
        ("role", false, ["角色", "企业角色"]),
        ("since", false, ["入驻年份", "入驻时间"]),
    ];

    // A whole file: every row valid, or the errors of every bad row by number (header = 1).
    public static (List<EnterpriseInput> Rows, List<RowError> Errors) ParseCsv(byte[] content, EcosystemDefinitions definitions, int currentYear)
    {
        var rows = new List<EnterpriseInput>();
        var errors = new List<RowError>();
        var records = CsvParser.Parse(new StringReader(CsvText.Decode(content))).ToList();
        if (records.Count == 0) { errors.Add(new RowError(1, "name", "the file is empty")); return (rows, errors); }
        static string Key(string s) => new(s.Normalize(NormalizationForm.FormKC).ToLowerInvariant().Where(c => !char.IsWhiteSpace(c)).ToArray());
        var header = new Dictionary<string, int>();
        var cells = records[0].Fields;
        for (var i = 0; i < cells.Length; i++)
        {
            var name = Key(cells[i]);
            var column = Columns.FirstOrDefault(c => c.Column == name || c.Aliases.Any(a => Key(a) == name)).Column;
            if (column is not null) header.TryAdd(column, i);
        }
        foreach (var missing in Columns.Where(c => c.Required && !header.ContainsKey(c.Column)))
            errors.Add(new RowError(1, missing.Column, $"the header has no {missing.Column} column ({string.Join(" / ", missing.Aliases)})"));
        if (errors.Count > 0) return (rows, errors);
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (row, fields) in records.Skip(1))
        {
            if (fields.All(string.IsNullOrWhiteSpace)) continue;
            string? Cell(string column) => header.TryGetValue(column, out var i) && i < fields.Length && !string.IsNullOrWhiteSpace(fields[i]) ? fields[i].Trim() : null;
            int? since = null;
            if (Cell("since") is { } sinceText)
            {
                if (int.TryParse(sinceText.TrimEnd('年'), NumberStyles.Integer, CultureInfo.InvariantCulture, out var y)) since = y;
                else { errors.Add(new RowError(row, "since", $"'{Problems.Short(sinceText)}' is not a year")); continue; }
            }
            var input = new EnterpriseInput(Cell("name"), Cell("industry"), Cell("chain"), Cell("segment"), Cell("role"), since);
            var rowErrors = Validate(input, definitions, currentYear);
            errors.AddRange(rowErrors.Select(e => new RowError(row, e.Field, e.Message)));
            if (rowErrors.Count > 0) continue;
            if (names.TryGetValue(input.Name!.Trim(), out var first)) { errors.Add(new RowError(row, "name", $"the same enterprise as row {first}")); continue; }
            names[input.Name!.Trim()] = row;
            rows.Add(input);
        }
        if (rows.Count > MaxPerPark) errors.Add(new RowError(records[^1].Row, "name", $"at most {MaxPerPark} enterprises per park"));
        return (rows, errors);
    }
}
