namespace FleetKeys.Domain.People;

/// <summary>
/// How a sealed personal field is told apart and shown. A fact keeps such a field in its sealed form: under the person's
/// own key (<c>sealed/v1/{person}/{box}</c>) or under their key of one period of custody history
/// (<c>sealed/v2/{person}/{period}/{box}</c>, see <see cref="Retention.HistoryPeriod"/>). While the key exists the node
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

    /// <summary>A sealed value's parts: its person, its period (null under the person's own key) and the sealed box; null for a clear one.</summary>
    public static (string Person, int? Period, string Box)? Parse(string? value)
    {
        if (!IsSealed(value)) return null;
        var start = Prefix.Length;
        var end = value!.IndexOf('/', start);
        if (end <= start) return null;
        var person = value[start..end];
        if (value.StartsWith(Prefix, StringComparison.Ordinal)) return (person, null, value[(end + 1)..]);
        var periodEnd = value.IndexOf('/', end + 1);
        return periodEnd > end + 1 && int.TryParse(value.AsSpan(end + 1, periodEnd - end - 1), System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out var period)
            ? (person, period, value[(periodEnd + 1)..])
            : null;
    }

    /// <summary>What a view shows for a field: the value, or "erased person #{id}" for one whose key is gone.</summary>
    public static string? Shown(string? value) => PersonOf(value) is { } person ? Label(person) : value;

    public const string LabelPrefix = "erased person #";

    public static string Label(string person) => LabelPrefix + person;
}
