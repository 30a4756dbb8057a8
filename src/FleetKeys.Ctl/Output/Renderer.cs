using System.Globalization;
using System.Text;
using System.Text.Json;

namespace FleetKeys.Ctl.Output;

/// <summary>
/// Prints any command's JSON for people, without knowing the command: a list of objects is a table; an object is its
/// "message", then its plain values as aligned "name: value" lines, then each list of objects as a titled table.
/// This is what lets a newer node add commands that an older fleetctl still prints well.
/// </summary>
public static class Renderer
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void Json(TextWriter output, JsonElement data) => output.WriteLine(JsonSerializer.Serialize(data, Indented));

    public static void Text(TextWriter output, JsonElement data)
    {
        switch (data.ValueKind)
        {
            case JsonValueKind.Array when IsTable(data):
                WriteTable(output, data);
                break;
            case JsonValueKind.Object:
                WriteObject(output, data);
                break;
            case JsonValueKind.Undefined:
                break;
            default:
                output.WriteLine(Cell(data));
                break;
        }
    }

    private static void WriteObject(TextWriter output, JsonElement data)
    {
        var written = data.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String;
        if (written) output.WriteLine(message.GetString());
        var pairs = new List<(string Name, string Value)>();
        var tables = new List<(string Name, JsonElement Rows)>();
        Collect(data, "", pairs, tables);
        var width = pairs.Count == 0 ? 0 : pairs.Max(p => p.Name.Length) + 1;
        foreach (var (name, value) in pairs) output.WriteLine($"{(name + ":").PadRight(width)} {value}".TrimEnd());
        written |= pairs.Count > 0;
        foreach (var (name, rows) in tables)
        {
            if (written) output.WriteLine();
            written = true;
            output.WriteLine($"{name} ({rows.GetArrayLength()})");
            WriteTable(output, rows);
        }
    }

    private static void Collect(JsonElement data, string prefix, List<(string, string)> pairs, List<(string, JsonElement)> tables)
    {
        foreach (var property in data.EnumerateObject().Where(p => !(prefix == "" && p.Name == "message")))
        {
            var name = prefix + Humanize(property.Name);
            if (property.Value.ValueKind == JsonValueKind.Object) Collect(property.Value, name + " ", pairs, tables);
            else if (property.Value.ValueKind == JsonValueKind.Array && property.Value.GetArrayLength() > 0 && IsTable(property.Value))
                tables.Add((name, property.Value));
            else pairs.Add((name, Cell(property.Value)));
        }
    }

    private static bool IsTable(JsonElement array) => array.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Object);

    private static void WriteTable(TextWriter output, JsonElement rows)
    {
        var columns = rows.EnumerateArray().SelectMany(r => r.EnumerateObject().Select(p => p.Name)).Distinct().ToList();
        if (columns.Count == 0)
        {
            output.WriteLine("(none)");
            return;
        }

        Table.Write(output, [.. columns.Select(c => Humanize(c).ToUpperInvariant())],
            [.. rows.EnumerateArray().Select(r => (IReadOnlyList<string>)[.. columns.Select(c => r.TryGetProperty(c, out var v) ? Cell(v) : "-")])]);
    }

    private static string Cell(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => "-",
        JsonValueKind.True => "yes",
        JsonValueKind.False => "no",
        JsonValueKind.String => Clean(value.GetString()!),
        JsonValueKind.Array when value.GetArrayLength() == 0 => "(none)",
        JsonValueKind.Array when value.EnumerateArray().All(e => e.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array)) =>
            string.Join(", ", value.EnumerateArray().Select(Cell)),
        _ => value.GetRawText(),
    };

    /// <summary>Times in UTC to the second (the JSON keeps full precision); control characters never reach the terminal.</summary>
    private static string Clean(string text)
    {
        if (text.Length >= 19 && text[4] == '-' && text[10] == 'T'
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time))
            return time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return string.Concat(text.Select(c => char.IsControl(c) ? ' ' : c));
    }

    /// <summary>"lastRoundTripMs" → "last round trip ms".</summary>
    public static string Humanize(string name)
    {
        var words = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]) && !char.IsUpper(name[i - 1])) words.Append(' ');
            words.Append(char.ToLowerInvariant(name[i]));
        }

        return words.ToString();
    }
}
