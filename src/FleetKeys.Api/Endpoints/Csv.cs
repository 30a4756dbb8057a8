using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace FleetKeys.Api.Endpoints;

/// <summary>RFC 4180 CSV, written row by row as it is read, so an export of any length never sits in memory.</summary>
public static class Csv
{
    public static IResult Stream<T>(string fileName, IReadOnlyList<string> header, IAsyncEnumerable<T> rows, Func<T, IEnumerable<object?>> fields) =>
        Results.Stream(async body =>
        {
            await using var writer = new StreamWriter(body, new UTF8Encoding(false));
            await writer.WriteAsync(Line(header));
            await foreach (var row in rows) await writer.WriteAsync(Line(fields(row)));
        }, "text/csv; charset=utf-8", fileName);

    private static string Line(IEnumerable<object?> values) => string.Join(',', values.Select(Field)) + "\r\n";

    private static string Field(object? value)
    {
        var text = value switch
        {
            null => "",
            DateTimeOffset instant => instant.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture),
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        // A leading =, +, - or @ would be a formula to a spreadsheet: exports are opened in one more often than not.
        if (text.Length > 0 && "=+-@".Contains(text[0]) && value is string) text = "'" + text;
        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
    }
}
