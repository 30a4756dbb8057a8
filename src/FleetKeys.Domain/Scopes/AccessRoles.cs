namespace FleetKeys.Domain.Scopes;

/// <summary>
/// The three role presets, from the most to the least: each may do what those after it may. Auditors read, operators also
/// run commands, admins also configure. The one place the order is written; the API's and the console's checks read it.
/// </summary>
public static class AccessRoles
{
    public const string Admin = "admin";
    public const string Operator = "operator";
    public const string Auditor = "auditor";

    public static readonly string[] All = [Admin, Operator, Auditor];

    public static bool IsKnown(string? role) => Array.IndexOf(All, role) >= 0;

    public static bool Satisfies(string? held, string needed) =>
        Array.IndexOf(All, held) is >= 0 and var rank && rank <= Array.IndexOf(All, needed);

    /// <summary>The roles that may do what <paramref name="needed"/> may.</summary>
    public static string[] AtLeast(string needed) => All[..(Array.IndexOf(All, needed) + 1)];
}
