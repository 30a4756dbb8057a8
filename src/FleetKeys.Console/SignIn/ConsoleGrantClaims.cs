using System.Security.Claims;
using FleetKeys.Api.Auth;
using FleetKeys.Domain.Scopes;
using Microsoft.AspNetCore.Authentication;

namespace FleetKeys.Console.SignIn;

/// <summary>
/// On each request of a console session, from the grants as they are now: the roles the user holds over everything (its
/// configured role, or a runtime grant over everything to its key or one of its groups) become role claims (the role the
/// user is shown as); a user holding a narrower grant or a permission set gets <see cref="ScopedClaim"/>; either opens the
/// console (<see cref="ConsoleAuthentication.ScopedRead"/>);
/// each permission held anywhere, by a role or a set, becomes a <see cref="PermissionClaim"/>, which decides the menu and which
/// buttons a list shows (the server checks each action over its resource's scope). The session keeps no grant.
/// </summary>
public sealed class ConsoleGrantClaims(ConsoleAccess access, PermissionVocabulary vocabulary) : IClaimsTransformation
{
    public const string ScopedClaim = "fleetkeys:scoped";

    public const string PermissionClaim = "fleetkeys:permission";

    private const string AppliedClaim = "fleetkeys:grants-applied";

    public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        if (principal.Identity is not ClaimsIdentity { IsAuthenticated: true, AuthenticationType: ConsoleAuthentication.CookieScheme } identity
            || principal.HasClaim(c => c.Type == AppliedClaim))
            return principal;
        var held = await access.Of(principal);
        var applied = identity.Clone();
        foreach (var role in held.Grants.Where(g => g.Scope.Kind == ScopeKind.Everything).Select(g => g.Role).OfType<string>().Distinct())
            if (!applied.HasClaim(ClaimTypes.Role, role)) applied.AddClaim(new Claim(ClaimTypes.Role, role));
        if (held.Grants.Any(g => g.Role is null || g.Scope.Kind != ScopeKind.Everything)) applied.AddClaim(new Claim(ScopedClaim, "true"));
        foreach (var permission in held.Grants.SelectMany(g => g.Role is { } role ? vocabulary.HeldBy(role) : g.Permissions).Distinct())
            applied.AddClaim(new Claim(PermissionClaim, permission));
        applied.AddClaim(new Claim(AppliedClaim, "true"));
        return new ClaimsPrincipal(applied);
    }
}
