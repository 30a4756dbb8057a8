using System.Text;

namespace FleetKeys.Api.Import;

/// <summary>One data row of a CSV file, with the line it starts on so errors can point at it.</summary>
public sealed record CsvRow(int Line, IReadOnlyDictionary<string, string> Fields)
{
    public string? this[string column] => Fields.TryGetValue(column, out var value) && value.Length > 0 ? value : null;
}

/// <summary>A file that is not well-formed CSV, at the line where that shows.</summary>
public sealed class CsvFormatException(string message) : Exception(message);

/// <summary>
/// RFC 4180 CSV read one record at a time from a stream, so a large file is never held whole: a header row,
/// comma-separated fields, double quotes around fields that hold commas, quotes or line breaks. Blank lines are skipped.
/// </summary>
public sealed class CsvTable(TextReader text)
{
    private readonly char[] _buffer = new char[8192];
    private int _position;
    private int _length;
    private int _line = 1;

    /// <summary>The column names of the first record; an empty file has none and is refused.</summary>
    public async Task<IReadOnlyList<string>> ReadHeader(CancellationToken cancellationToken)
    {
        var header = await NextRecord(cancellationToken) ?? throw new CsvFormatException("the file is empty: a header row is required");
        return [.. header.Fields.Select(h => h.Trim())];
    }

    /// <summary>The data rows after the header, each keyed by column name (without case).</summary>
    public async IAsyncEnumerable<CsvRow> Rows(IReadOnlyList<string> header, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await NextRecord(cancellationToken) is { } record)
        {
            if (record.Fields.Count != header.Count)
                throw new CsvFormatException($"line {record.Line}: {record.Fields.Count} fields where the header has {header.Count}");
            yield return new CsvRow(record.Line,
                header.Zip(record.Fields).ToDictionary(p => p.Item1, p => p.Item2.Trim(), StringComparer.OrdinalIgnoreCase));
        }
    }

    private async Task<(int Line, List<string> Fields)?> NextRecord(CancellationToken cancellationToken)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var (start, quoted) = (_line, false);
        while (await Next(cancellationToken) is var c and >= 0)
        {
            if (quoted)
            {
                if (c == '"' && await Peek(cancellationToken) == '"') field.Append((char)await Next(cancellationToken));
                else if (c == '"') quoted = false;
                else
                {
                    if (c == '\n') _line++;
                    field.Append((char)c);
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
                    _line++;
                    if (fields.Any(f => f.Length > 0)) return (start, fields);
                    fields = [];
                    start = _line;
                    break;
                default:
                    field.Append((char)c);
                    break;
            }
        }

        if (quoted) throw new CsvFormatException($"line {start}: a quoted field is not closed");
        fields.Add(field.ToString());
        return fields.Any(f => f.Length > 0) ? (start, fields) : null;
    }

    private async ValueTask<int> Next(CancellationToken cancellationToken)
    {
        var c = await Peek(cancellationToken);
        if (c >= 0) _position++;
        return c;
    }

    private async ValueTask<int> Peek(CancellationToken cancellationToken)
    {
        if (_position == _length)
        {
            _length = await text.ReadAsync(_buffer, cancellationToken);
            _position = 0;
        }

        return _length == 0 ? -1 : _buffer[_position];
    }
}
