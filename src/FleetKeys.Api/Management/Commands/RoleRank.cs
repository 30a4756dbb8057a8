using FleetKeys.Api.Auth;

namespace FleetKeys.Api.Management.Commands;

/// <summary>Each role may do what the roles below it may: admin ⊃ operator ⊃ auditor.</summary>
public static class RoleRank
{
    public static bool Satisfies(string? held, string needed) => Rank(held) >= Rank(needed);

    private static int Rank(string? role) => role switch
    {
        Roles.Admin => 3,
        Roles.Operator => 2,
        Roles.Auditor => 1,
        _ => 0,
    };
}
