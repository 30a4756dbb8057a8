using System.Globalization;

namespace FleetKeys.Cluster.Projections.Queries;

/// <summary>
/// RFC 4180 CSV lines. Every export (the API's downloads, the mailed reports) writes through here, so every cell passes
/// the one formula guard.
/// </summary>
public static class CsvText
{
    /// <summary>
    /// What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection"): =, +, -, @, and a tab or carriage
    /// return, which some spreadsheets skip before looking for one.
    /// </summary>
    private const string FormulaStarts = "=+-@\t\r";

    public static string Line(IEnumerable<object?> values) => string.Join(',', values.Select(Field)) + "\r\n";

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
