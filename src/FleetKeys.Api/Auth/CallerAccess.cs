using System.Security.Claims;
using Akka.Actor;
using FleetKeys.Cluster.Scopes;
using FleetKeys.Domain.Scopes;

namespace FleetKeys.Api.Auth;

/// <summary>One role over one scope that a caller holds: from the configuration (no id) or given at runtime.</summary>
public sealed record CallerGrant(AccessGrantId? Id, string Role, AccessScope Scope);

/// <summary>Who the caller is and what it may do where; the node's one answer to it, which the console and fleetctl ask for.</summary>
public sealed record CallerAccess(Principal Principal, IReadOnlyList<CallerGrant> Grants)
{
    /// <summary>Whether a grant of at least <paramref name="role"/> reaches <paramref name="resource"/> (null: everything).</summary>
    public bool Covers(string role, ResourceScope? resource) =>
        Grants.Any(g => Roles.Satisfies(g.Role, role) && (g.Scope.Kind == ScopeKind.Everything || resource is not null && g.Scope.Covers(resource)));

    /// <summary>The roles the caller holds anywhere: what opens the role policies, before the scope is checked.</summary>
    public IEnumerable<string> HeldRoles => Grants.Select(g => g.Role).Distinct();
}

/// <summary>
/// A caller's grants: an API key's configured role over everything (unless it is grants-only), then its runtime grants. Grants
/// only ever add to the configured role, so while they cannot be read (the singleton that keeps them is moving) a key keeps
/// its configured role and nothing more.
/// </summary>
public sealed class CallerAccesses(ApiKeys keys, AccessScopesClient scopes)
{
    public CallerAccess Configured(ApiKeyEntry key) =>
        new(Principal.ApiKey(key.Name), Roles.All.Contains(key.Role) ? [new CallerGrant(null, key.Role, AccessScope.Everything)] : []);

    public async Task<CallerAccess> Of(ApiKeyEntry key)
    {
        var configured = Configured(key);
        try
        {
            var granted = (await scopes.Current()).GrantsOf(configured.Principal).Select(g => new CallerGrant(g.Id, g.Role, g.Scope));
            return configured with { Grants = [.. configured.Grants, .. granted] };
        }
        catch (AskTimeoutException)
        {
            return configured;
        }
    }

    public ApiKeyEntry KeyOf(ClaimsPrincipal user) => keys.Named(user.Identity!.Name!)!;

    public Task<CallerAccess> Of(ClaimsPrincipal user) => Of(KeyOf(user));
}
