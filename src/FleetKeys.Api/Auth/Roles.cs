using Microsoft.AspNetCore.Authorization;

namespace FleetKeys.Api.Auth;

/// <summary>
/// Auditors read everything and change nothing; operators also run commands; admins also configure. The one place the
/// order is written: the API's, the console's and the management port's checks all read it here.
/// </summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string Operator = "operator";
    public const string Auditor = "auditor";

    /// <summary>From the most to the least: each role may do what those after it may.</summary>
    public static readonly string[] All = [Admin, Operator, Auditor];

    public static bool Satisfies(string? held, string needed) =>
        Array.IndexOf(All, held) is >= 0 and var rank && rank <= Array.IndexOf(All, needed);

    /// <summary>The roles that may do what <paramref name="needed"/> may.</summary>
    public static string[] AtLeast(string needed) => All[..(Array.IndexOf(All, needed) + 1)];
}

public static class Policies
{
    public const string Read = "read";
    public const string Operate = "operate";
    public const string Configure = "configure";

    /// <summary>
    /// Read, operate and configure for one authentication scheme, each open to its least role and those above it;
    /// <paramref name="name"/> names each policy (the console's are kept apart from the API's).
    /// </summary>
    public static AuthorizationBuilder AddRolePolicies(this AuthorizationBuilder builder, string scheme, Func<string, string> name)
    {
        foreach (var (policy, least) in new[] { (Read, Roles.Auditor), (Operate, Roles.Operator), (Configure, Roles.Admin) })
            builder.AddPolicy(name(policy), p => p.AddAuthenticationSchemes(scheme).RequireRole(Roles.AtLeast(least)));
        return builder;
    }
}
