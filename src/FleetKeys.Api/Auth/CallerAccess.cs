using System.Security.Claims;
using Akka.Actor;
using FleetKeys.Cluster.Scopes;
using FleetKeys.Domain.Scopes;

namespace FleetKeys.Api.Auth;

/// <summary>
/// One role preset, or (<see cref="Role"/> null) one permission set's <see cref="Permissions"/>, over one scope that a caller
/// holds: from the configuration (no id) or given at runtime.
/// </summary>
public sealed record CallerGrant(AccessGrantId? Id, string? Role, AccessScope Scope, string? PermissionSet = null, IReadOnlyList<string>? Permissions = null)
{
    public IReadOnlyList<string> Permissions { get; init; } = Permissions ?? [];

    /// <summary>The grant as the caller holds it, its set's permissions read from <paramref name="state"/> (a set just removed: none).</summary>
    public static CallerGrant Of(AccessGrant grant, AccessScopesState state) =>
        new(grant.Id, grant.Role, grant.Scope, grant.PermissionSet,
            grant.PermissionSet is { } set ? state.FindSet(set)?.Permissions ?? [] : null);
}

/// <summary>Who the caller is and what it may do where; the node's one answer to it, which the console and fleetctl ask for.</summary>
public sealed record CallerAccess(Principal Principal, IReadOnlyList<CallerGrant> Grants)
{
    /// <summary>Whether a grant meeting <paramref name="need"/> reaches <paramref name="resource"/> (null: everything).</summary>
    public bool Covers(AccessNeed need, ResourceScope? resource) =>
        Grants.Any(g => need.MetBy(g) && (g.Scope.Kind == ScopeKind.Everything || resource is not null && g.Scope.Covers(resource)));

    /// <summary>
    /// The roles the caller holds anywhere, a permission set's being those its permissions ask for: what opens the role
    /// policies, before the permission and the scope are checked.
    /// </summary>
    public IEnumerable<string> HeldRoles(PermissionVocabulary vocabulary) =>
        Grants.SelectMany(g => g.Role is { } role ? [role] : vocabulary.RolesOf(g.Permissions)).Distinct();
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
            var state = await scopes.Current();
            var granted = state.GrantsOf(configured.Principal).Select(g => CallerGrant.Of(g, state));
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
