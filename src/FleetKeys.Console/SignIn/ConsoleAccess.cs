using System.Security.Claims;
using Akka.Actor;
using FleetKeys.Api.Auth;
using FleetKeys.Cluster.Projections.Queries;
using FleetKeys.Cluster.Scopes;
using FleetKeys.Domain.Scopes;

namespace FleetKeys.Console.SignIn;

/// <summary>
/// What a console user holds where, asked of the node's grants as the API's callers are: a user signed in with an API key
/// holds that key's grants; one signed in through the identity provider holds the role its groups map to in the configuration
/// (over everything) and every runtime grant given to one of its groups.
/// </summary>
public sealed class ConsoleAccess(ApiKeys keys, CallerAccesses accesses, AccessScopesClient scopes, ResourceScopes resources)
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

    /// <summary>What the user may read on the console's filtered screens: everything with the auditor role over everything, else its part.</summary>
    public async Task<Visibility> Visible(ClaimsPrincipal user)
    {
        var access = await Of(user);
        var reading = new AccessNeed(Roles.Auditor, null);
        return access.Covers(reading, null) ? Visibility.Everything : await resources.Visible(access, reading);
    }
}
