using System.Text;

namespace ParkFinder.Functions.Csv;

// RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks; CRLF or LF line ends.
// Row numbers count records from 1 (the header), as landlords see them in Excel.
public static class CsvParser
{
    public static IEnumerable<(int Row, string[] Fields)> Parse(TextReader reader)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var row = 1;
        var inQuotes = false;
        var any = false;
        int c;
        while ((c = reader.Read()) != -1)
        {
            var ch = (char)c;
            any = true;
            if (inQuotes)
            {
                if (ch != '"') { field.Append(ch); continue; }
                if (reader.Peek() == '"') { reader.Read(); field.Append('"'); }
                else inQuotes = false;
                continue;
            }
            switch (ch)
            {
                case '"' when field.Length == 0: inQuotes = true; break;
                case ',': fields.Add(field.ToString()); field.Clear(); break;
                case '\r': break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    if (!(fields.Count == 1 && fields[0].Length == 0)) yield return (row, fields.ToArray());
                    row++;
                    fields.Clear();
                    any = false;
                    break;
                default: field.Append(ch); break;
            }
        }
        if (any)
        {
            fields.Add(field.ToString());
            if (!(fields.Count == 1 && fields[0].Length == 0)) yield return (row, fields.ToArray());
        }
    }
}
