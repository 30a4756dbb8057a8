namespace FleetKeys.Domain.People;

/// <summary>
/// How a sealed personal field is told apart and shown. A fact keeps such a field in its sealed form
/// (<c>sealed/v1/{person}/{box}</c>): while the person's key exists the node opens it on reading, and once the person is
/// erased the sealed form stays as it was (so the audit rows made from it still match), shown as "erased person #{id}".
/// </summary>
public static class ErasedPerson
{
    public const string Prefix = "sealed/v1/";

    public static bool IsSealed(string? value) => value is not null && value.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>The person a sealed value belongs to; null for a clear one.</summary>
    public static string? PersonOf(string? value)
    {
        if (!IsSealed(value)) return null;
        var end = value!.IndexOf('/', Prefix.Length);
        return end > Prefix.Length ? value[Prefix.Length..end] : null;
    }

    /// <summary>What a view shows for a field: the value, or "erased person #{id}" for one whose person was erased.</summary>
    public static string? Shown(string? value) => PersonOf(value) is { } person ? Label(person) : value;

    public static string Label(string person) => $"erased person #{person}";
}
