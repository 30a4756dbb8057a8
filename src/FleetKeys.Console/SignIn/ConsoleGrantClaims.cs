using System.Security.Claims;
using FleetKeys.Domain.Scopes;
using Microsoft.AspNetCore.Authentication;

namespace FleetKeys.Console.SignIn;

/// <summary>
/// On each request of a console session, from the grants as they are now: the roles the user holds over everything (its
/// configured role, or a runtime grant over everything to its key or one of its groups) become role claims, which open the
/// console's role policies and its actions; a user holding a narrower grant gets <see cref="ScopedClaim"/>, which opens only
/// the screens that show a part of the fleet (<see cref="ConsoleAuthentication.ScopedRead"/>). The session keeps no grant.
/// </summary>
public sealed class ConsoleGrantClaims(ConsoleAccess access) : IClaimsTransformation
{
    public const string ScopedClaim = "fleetkeys:scoped";

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
        if (held.Grants.Any(g => g.Scope.Kind != ScopeKind.Everything)) applied.AddClaim(new Claim(ScopedClaim, "true"));
        applied.AddClaim(new Claim(AppliedClaim, "true"));
        return new ClaimsPrincipal(applied);
    }
}
