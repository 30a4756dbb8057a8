using System.Globalization;

namespace FleetKeys.Domain.Text;

/// <summary>
/// One rule for every text a person types for other people to read — names, reasons, notes, a host: it must show what it
/// says. No control characters (NUL and the rest of C0 and C1: they cut strings short in C, and break logs, CSV files and
/// terminals), no bidirectional formatting characters (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069: they make a
/// text display in another order than it reads, the "Trojan Source" trick), and no unpaired surrogates (not text at all).
/// </summary>
public static class PlainText
{
    /// <summary>Why <paramref name="value"/> is not plain text, or null when it is.</summary>
    public static string? Problem(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c)) return $"must be text: an unpaired surrogate at position {i + 1}";
            if (char.IsControl(c) || IsBidirectionalControl(c))
                return $"must not contain control or bidirectional formatting characters (U+{((int)c).ToString("X4", CultureInfo.InvariantCulture)} at position {i + 1})";
        }

        return null;
    }

    public static bool IsPlain(string value) => Problem(value) is null;

    private static bool IsBidirectionalControl(char c) =>
        c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
