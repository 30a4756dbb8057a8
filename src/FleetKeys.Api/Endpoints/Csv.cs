using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace FleetKeys.Api.Endpoints;

/// <summary>
/// RFC 4180 CSV, written row by row as it is read, so an export of any length never sits in memory. Every export goes
/// through here, so every cell passes the one formula guard.
/// </summary>
public static class Csv
{
    /// <summary>
    /// What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection"): =, +, -, @, and a tab or carriage
    /// return, which some spreadsheets skip before looking for one.
    /// </summary>
    private const string FormulaStarts = "=+-@\t\r";

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
        // Exports are opened in a spreadsheet more often than not: text that would start a formula is made plain text.
        if (text.Length > 0 && FormulaStarts.Contains(text[0]) && value is string) text = "'" + text;
        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
    }
}
