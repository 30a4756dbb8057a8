using System.Text.RegularExpressions;

namespace FleetKeys.Domain.Ids;

/// <summary>
/// One rule for every human-chosen id: it becomes part of persistence ids, URLs and slot ids
/// ("{cabinet}/{slot}"), so it must not contain '/' or whitespace.
/// </summary>
public static partial class IdRules
{
    public const int MaxLength = 64;

    // \z, not $: in .NET "$" also matches before a final newline.
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._:-]*\z")]
    private static partial Regex Pattern();

    public static bool IsValid(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= MaxLength && Pattern().IsMatch(value);

    public static string Require(string? value, string what) =>
        IsValid(value)
            ? value!
            : throw new FormatException(
                $"{what} must be 1-{MaxLength} characters of letters, digits, '.', '_', ':' or '-', starting with a letter or digit");
}
