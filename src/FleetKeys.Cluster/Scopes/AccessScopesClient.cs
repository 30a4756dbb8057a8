using Akka.Actor;
using Akka.Hosting;
using FleetKeys.Cluster.Administration;
using FleetKeys.Cluster.Entities;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.Scopes;

namespace FleetKeys.Cluster.Scopes;

/// <summary>
/// Regions and grants as the management API changes and reads them. Every request's check reads them, so the node keeps
/// the last answer for <see cref="Freshness"/>: a change made through this node is seen at once (its answer replaces the
/// copy), one made through another node within that time.
/// </summary>
public sealed class AccessScopesClient(IActorRegistry registry, TimeProvider clock, EntitySettings settings, FleetAdmin admin)
{
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(2);

    private sealed record Copy(AccessScopesState State, DateTimeOffset At);

    private readonly Lock _gate = new();

    private volatile Copy? _copy;

    private Task<AccessScopesState>? _refresh;

    private DateTimeOffset Now => clock.GetUtcNow();

    private async Task<Outcome<AccessScopesState>> Ask(object message)
    {
        var outcome = Outcome<AccessScopesState>.From(
            await registry.Get<AccessScopesSingleton>().Ask<object>(message, settings.AskTimeout * 2));
        if (outcome.Value is { } state) _copy = new Copy(state, Now);
        return outcome;
    }

    /// <summary>
    /// The copy while it is fresh; else one read of the singleton, shared by every request that finds the copy stale meanwhile
    /// (each would otherwise ask for the same answer).
    /// </summary>
    public Task<AccessScopesState> Current()
    {
        if (_copy is { } copy && Now - copy.At < Freshness) return Task.FromResult(copy.State);
        lock (_gate)
        {
            if (_refresh is { IsCompleted: true }) _refresh = null;
            return _refresh ??= Refresh();
        }
    }

    private async Task<AccessScopesState> Refresh()
    {
        try
        {
            return (await Ask(new GetAccessScopes())).Value!;
        }
        finally
        {
            lock (_gate) _refresh = null;
        }
    }

    public Task<Outcome<AccessScopesState>> CreateRegion(RegionId region, string name, string by) =>
        Ask(new CreateRegion(region, name, by, Now));

    public async Task<Outcome<AccessScopesState>> AssignSite(SiteId site, RegionId? region, string by) =>
        await Ask(new AssignSiteToRegion(site, region, await SiteOnRecord(site), by, Now));

    /// <summary>
    /// A role preset or (<paramref name="role"/> null) a permission set over the scope. <paramref name="principalOnRecord"/>:
    /// whether the principal exists where it is defined (an API key in the configuration).
    /// </summary>
    public async Task<Outcome<AccessScopesState>> Grant(
        AccessGrantId grant, Principal principal, string? role, string? permissionSet, AccessScope scope, bool principalOnRecord, string by) =>
        await Ask(new GrantRole(grant, principal, role, scope, principalOnRecord, scope.Site is { } site && await SiteOnRecord(site), by, Now, permissionSet));

    /// <summary><paramref name="known"/>: the node's permissions, from its route table.</summary>
    public Task<Outcome<AccessScopesState>> DefineSet(string name, IReadOnlyList<string> permissions, IReadOnlyList<string> known, string by) =>
        Ask(new DefinePermissionSet(name, permissions, known, by, Now));

    public Task<Outcome<AccessScopesState>> RemoveSet(string name, string by) => Ask(new RemovePermissionSet(name, by, Now));

    public Task<Outcome<AccessScopesState>> Revoke(AccessGrantId grant, string by) => Ask(new RevokeRole(grant, by, Now));

    private async Task<bool> SiteOnRecord(SiteId site) => (await admin.GetSite(site)).Value is not null;
}
