using System.Text;

namespace FleetKeys.Api.Import;

/// <summary>One data row of a CSV file, with the line it starts on so errors can point at it.</summary>
public sealed record CsvRow(int Line, IReadOnlyDictionary<string, string> Fields)
{
    public string? this[string column] => Fields.TryGetValue(column, out var value) && value.Length > 0 ? value : null;
}

/// <summary>RFC 4180 CSV: a header row, comma-separated fields, double quotes around fields that hold commas, quotes or line breaks.</summary>
public static class CsvTable
{
    public static (IReadOnlyList<string> Header, IReadOnlyList<CsvRow> Rows, string? Error) Parse(string text)
    {
        var records = new List<(int Line, List<string> Fields)>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var (line, recordLine, quoted) = (1, 1, false);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') field.Append(text[++i]);
                else if (c == '"') quoted = false;
                else
                {
                    if (c == '\n') line++;
                    field.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    if (fields.Any(f => f.Length > 0)) records.Add((recordLine, fields));
                    fields = [];
                    recordLine = ++line;
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }

        if (quoted) return ([], [], $"line {recordLine}: a quoted field is not closed");
        fields.Add(field.ToString());
        if (fields.Any(f => f.Length > 0)) records.Add((recordLine, fields));
        if (records.Count == 0) return ([], [], "the file is empty: a header row is required");

        var header = records[0].Fields.Select(h => h.Trim()).ToList();
        var rows = new List<CsvRow>();
        foreach (var (at, values) in records.Skip(1))
        {
            if (values.Count != header.Count)
                return (header, rows, $"line {at}: {values.Count} fields where the header has {header.Count}");
            rows.Add(new CsvRow(at, header.Zip(values).ToDictionary(p => p.Item1, p => p.Item2.Trim(), StringComparer.OrdinalIgnoreCase)));
        }

        return (header, rows, null);
    }
}
