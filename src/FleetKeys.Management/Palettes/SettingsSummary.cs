using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace FleetKeys.Management.Palettes;

public sealed record SettingRow(string Setting, string Value);

/// <summary>
/// The node's effective settings as configuration paths ("FleetKeys:Cluster:Port"), secrets masked by name, so a
/// setting added later is masked too if it is named like a secret (…Secret, …Key, …Token, …Password, Sha256).
/// </summary>
public static partial class SettingsSummary
{
    private const string Masked = "***";

    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    public static IReadOnlyList<SettingRow> Of(object settings, string prefix)
    {
        var rows = new List<SettingRow>();
        Flatten(JsonSerializer.SerializeToElement(settings, settings.GetType(), Json), prefix, rows);
        return rows;
    }

    private static void Flatten(JsonElement element, string path, List<SettingRow> rows)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject()) Flatten(property.Value, $"{path}:{property.Name}", rows);
                break;
            case JsonValueKind.Array when element.GetArrayLength() == 0:
                rows.Add(new SettingRow(path, "(none)"));
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray()) Flatten(item, $"{path}:{i++}", rows);
                break;
            case JsonValueKind.Null:
                rows.Add(new SettingRow(path, "(not set)"));
                break;
            default:
                rows.Add(new SettingRow(path, Mask(path, element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText())));
                break;
        }
    }

    private static string Mask(string path, string value)
    {
        var name = path[(path.LastIndexOf(':') + 1)..];
        if (SecretName().IsMatch(name)) return value.Length == 0 ? "" : Masked;
        return name.EndsWith("ConnectionString", StringComparison.OrdinalIgnoreCase) ? MaskPassword(value) : value;
    }

    /// <summary>Keeps a connection string readable (host, database, user) with its password hidden.</summary>
    private static string MaskPassword(string connectionString)
    {
        try
        {
            var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
            foreach (var key in builder.Keys.Cast<string>().Where(k => PasswordKey().IsMatch(k)).ToList()) builder[key] = Masked;
            return builder.ConnectionString;
        }
        catch (ArgumentException)
        {
            return Masked;
        }
    }

    [GeneratedRegex("(secret|key|token|password|sha256)$", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    [GeneratedRegex("^(password|pwd)$", RegexOptions.IgnoreCase)]
    private static partial Regex PasswordKey();
}
