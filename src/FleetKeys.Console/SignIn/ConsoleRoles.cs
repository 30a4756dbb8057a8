using System.Security.Claims;
using FleetKeys.Api.Auth;

namespace FleetKeys.Console.SignIn;

/// <summary>What a signed-in user's FleetKeys role lets them do in the console; the server checks the same on every action.</summary>
public static class ConsoleRoles
{
    public static bool CanOperate(this ClaimsPrincipal user) => user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Operator);

    public static bool CanConfigure(this ClaimsPrincipal user) => user.IsInRole(Roles.Admin);

    public static string RoleOf(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Role) ?? "";

    /// <summary>The highest of the roles that the user's groups map to; null when none does.</summary>
    public static string? Highest(IEnumerable<string> groups, IReadOnlyDictionary<string, string> map)
    {
        var roles = groups.Select(g => map.GetValueOrDefault(g)).Where(r => r is not null).ToHashSet();
        return Roles.All.FirstOrDefault(roles.Contains);
    }
}
