using System.Security.Claims;
using Akka.Actor;
using FleetKeys.Api.Auth;
using FleetKeys.Cluster.Projections.Queries;
using FleetKeys.Cluster.Scopes;
using FleetKeys.Domain.Scopes;
using Microsoft.AspNetCore.Routing;

namespace FleetKeys.Console.SignIn;

/// <summary>
/// What a console user holds where, asked of the node's grants as the API's callers are: a user signed in with an API key
/// holds that key's grants; one signed in through the identity provider holds the role its groups map to in the configuration
/// (over everything) and every runtime grant given to one of its groups.
/// </summary>
public sealed class ConsoleAccess(ApiKeys keys, CallerAccesses accesses, AccessScopesClient scopes, ResourceScopes resources, ApiTwins twins)
{
    /// <summary>An identity-provider group of the user, kept in the session so runtime grants to it apply on every page.</summary>
    public const string GroupClaim = "fleetkeys:group";

    public async Task<CallerAccess> Of(ClaimsPrincipal user)
    {
        var name = user.Identity?.Name ?? "";
        if (user.FindFirstValue(ConsoleAuthentication.MethodClaim) == "apiKey")
            return keys.Named(name) is { } key ? await accesses.Of(key) : new CallerAccess(Principal.ApiKey(name), []);
        var configured = user.FindAll(ConsoleAuthentication.ConfiguredRoleClaim).Select(c => new CallerGrant(null, c.Value, AccessScope.Everything));
        // A signed-in person is no principal of their own: what they hold is their groups'.
        return new CallerAccess(Principal.Group(name), [.. configured, .. await GrantsOf(user.FindAll(GroupClaim).Select(c => c.Value))]);
    }

    /// <summary>The runtime grants held by any of these identity-provider groups.</summary>
    public async Task<IReadOnlyList<CallerGrant>> GrantsOf(IEnumerable<string> groups)
    {
        try
        {
            var state = await scopes.Current();
            return [.. groups.Distinct().SelectMany(g => state.GrantsOf(Principal.Group(g))).Select(g => CallerGrant.Of(g, state))];
        }
        catch (AskTimeoutException)
        {
            // As for API keys: while the grants cannot be read, only the configured role counts.
            return [];
        }
    }

    /// <summary>
    /// What the user may read on a screen that lists a part of the fleet: everything with the screen's permission (its API
    /// twin's, held by a role or a set) over everything, else the sites and key groups its grants holding it reach.
    /// </summary>
    public async Task<Visibility> Visible(ClaimsPrincipal user, ApiTwin twin)
    {
        var access = await Of(user);
        var need = twins.Of(twin).Need;
        return access.Covers(need, null) ? Visibility.Everything : await resources.Visible(access, need);
    }

    /// <summary>
    /// Why the user may not do what the API twin does to the resource the route values name (null: it may), as the API's
    /// scope check decides it: the permission over the resource's scope; a person is read where the grants reach any of their
    /// entitlements and changed only where they reach all of them (one with none only over everything).
    /// </summary>
    public async Task<string?> Refusal(ClaimsPrincipal user, ApiTwin twin, RouteValueDictionary values)
    {
        var (need, rule) = twins.Of(twin);
        var verdict = await ScopeVerdict.Of(await Of(user), need, rule, values, twin.Method == "GET", resources);
        return verdict switch
        {
            { Missing: { } missing } => missing.Message,
            { Kind: ScopeVerdictKind.Refused } => ScopeRefusal.Detail(need, verdict.Resource),
            _ => null,
        };
    }
}
