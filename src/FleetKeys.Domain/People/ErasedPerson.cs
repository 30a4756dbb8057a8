using System.Globalization;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.Retention;

namespace FleetKeys.Domain.People;

/// <summary>
/// How a sealed personal field is told apart and shown. A fact keeps such a field in its sealed form: under the person's
/// own key (<c>sealed/v1/{person}/{box}</c>) or under their key of one part of their custody history, a period at a site
/// (<c>sealed/v2/{person}/{period}/{site}/{box}</c>; <c>sealed/v2/{person}/{period}/{box}</c> for a fact that names no
/// site, see <see cref="HistoryPart"/>). While the key exists the node
/// opens it on reading; once it is destroyed (the person erased, or the period past the retention) the sealed form stays
/// as it was (so the audit rows made from it still match), shown as "erased person #{id}".
/// </summary>
public static class ErasedPerson
{
    public const string Prefix = "sealed/v1/";

    public const string PeriodPrefix = "sealed/v2/";

    public static bool IsSealed(string? value) =>
        value is not null && (value.StartsWith(Prefix, StringComparison.Ordinal) || value.StartsWith(PeriodPrefix, StringComparison.Ordinal));

    /// <summary>The person a sealed value belongs to; null for a clear one.</summary>
    public static string? PersonOf(string? value) => Parse(value)?.Person;

    /// <summary>
    /// A sealed value's parts: its person, the part of their history it belongs to (null under the person's own key) and the
    /// sealed box; null for a clear one.
    /// </summary>
    public static (string Person, HistoryPart? Part, string Box)? Parse(string? value)
    {
        if (!IsSealed(value)) return null;
        var own = value!.StartsWith(Prefix, StringComparison.Ordinal);
        // Ids hold no '/' and the box is base64url, so the parts are told apart by their number.
        var parts = value.Split('/');
        if (parts.Length < 4 || parts[2].Length == 0) return null;
        if (own) return parts.Length == 4 ? (parts[2], null, parts[3]) : null;
        if (parts.Length is not (5 or 6) || !int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var period)) return null;
        if (parts.Length == 5) return (parts[2], new HistoryPart(period, null), parts[4]);
        return SiteId.TryParse(parts[4], null, out var site) ? (parts[2], new HistoryPart(period, site), parts[5]) : null;
    }

    /// <summary>What a view shows for a field: the value, or "erased person #{id}" for one whose key is gone.</summary>
    public static string? Shown(string? value) => PersonOf(value) is { } person ? Label(person) : value;

    public const string LabelPrefix = "erased person #";

    public static string Label(string person) => LabelPrefix + person;
}
