using System.Security.Claims;
using FleetKeys.Api.Auth;

namespace FleetKeys.Console.SignIn;

/// <summary>What a signed-in user's FleetKeys roles and permissions open in the console; the server checks each action again.</summary>
public static class ConsoleRoles
{
    /// <summary>Whether a role or a set of the user holds the permission anywhere (<see cref="ConsoleGrantClaims"/>).</summary>
    public static bool Holds(this ClaimsPrincipal user, string permission) => user.HasClaim(ConsoleGrantClaims.PermissionClaim, permission);

    public static string RoleOf(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Role) ?? "";

    /// <summary>What the user is shown as: the highest role held over everything, else "scoped" for one holding only narrower grants.</summary>
    public static string ShownRole(this ClaimsPrincipal user) =>
        Roles.All.FirstOrDefault(user.IsInRole) ?? (user.HasClaim(ConsoleGrantClaims.ScopedClaim, "true") ? "scoped" : user.RoleOf());

    /// <summary>The highest of the roles that the user's groups map to; null when none does.</summary>
    public static string? Highest(IEnumerable<string> groups, IReadOnlyDictionary<string, string> map)
    {
        var roles = groups.Select(g => map.GetValueOrDefault(g)).Where(r => r is not null).ToHashSet();
        return Roles.All.FirstOrDefault(roles.Contains);
    }
}
