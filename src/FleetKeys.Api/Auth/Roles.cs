using FleetKeys.Domain.Scopes;
using Microsoft.AspNetCore.Authorization;

namespace FleetKeys.Api.Auth;

/// <summary>The role presets' names and order, as the API's, the console's and the management port's checks read them.</summary>
public static class Roles
{
    public const string Admin = AccessRoles.Admin;
    public const string Operator = AccessRoles.Operator;
    public const string Auditor = AccessRoles.Auditor;

    /// <summary>
    /// An API key configured with this role holds no role over everything: only the grants an administrator gives it
    /// (<c>POST /api/v1/grants</c>).
    /// </summary>
    public const string GrantsOnly = "grants-only";

    /// <summary>From the most to the least: each role may do what those after it may.</summary>
    public static readonly string[] All = AccessRoles.All;

    public static bool Satisfies(string? held, string needed) => AccessRoles.Satisfies(held, needed);

    /// <summary>The roles that may do what <paramref name="needed"/> may.</summary>
    public static string[] AtLeast(string needed) => AccessRoles.AtLeast(needed);
}

public static class Policies
{
    public const string Read = "read";
    public const string Operate = "operate";
    public const string Configure = "configure";

    /// <summary>Any caller the scheme knows, whatever it holds: what a caller may ask about itself.</summary>
    public const string Authenticated = "authenticated";

    /// <summary>Read, operate and configure for one authentication scheme, each open to its least role and those above it.</summary>
    public static AuthorizationBuilder AddRolePolicies(this AuthorizationBuilder builder, string scheme)
    {
        foreach (var (policy, least) in LeastRoles)
            builder.AddPolicy(policy, p => p.AddAuthenticationSchemes(scheme).RequireRole(Roles.AtLeast(least)));
        return builder;
    }

    private static readonly (string Policy, string Least)[] LeastRoles = [(Read, Roles.Auditor), (Operate, Roles.Operator), (Configure, Roles.Admin)];

    /// <summary>The least role the named policies together ask for (the API's names); auditor when they name none.</summary>
    public static string LeastRole(IEnumerable<string?> policies) =>
        LeastRoles.Where(p => policies.Contains(p.Policy)).Select(p => p.Least).DefaultIfEmpty(Roles.Auditor)
            .MinBy(r => Array.IndexOf(Roles.All, r))!;
}
