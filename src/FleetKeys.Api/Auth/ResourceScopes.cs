using FleetKeys.Api.Endpoints;
using FleetKeys.Cluster.Administration;
using FleetKeys.Cluster.Projections.Queries;
using FleetKeys.Cluster.Scopes;
using FleetKeys.Domain;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.Scopes;
using Microsoft.AspNetCore.Routing;

namespace FleetKeys.Api.Auth;

/// <summary>
/// Finds where the resource a route names lies (cabinet → site → region; a slot's key group), from the entities rather than
/// the read side, so a cabinet created a moment ago is already in its site. Asked only for callers whose grants are scoped.
/// </summary>
public sealed class ResourceScopes(FleetAdmin admin, AccessScopesClient scopes)
{
    /// <summary>The resource's scope, or the rejection saying it does not exist.</summary>
    public async Task<(ResourceScope? Scope, Rejection? Missing)> Of(ScopeRule rule, RouteValueDictionary route)
    {
        var value = route.GetValueOrDefault(rule.RouteValue) as string;
        switch (rule.Kind)
        {
            case ScopeRuleKind.Site:
                if (!SiteId.TryParse(value, null, out var site)) return Missing("site", value);
                var found = await admin.GetSite(site);
                return found.Value is null ? (null, found.Rejection) : (await InSite(site, null), null);
            case ScopeRuleKind.KeyGroup:
                return KeyGroup.TryParse(value, null, out var group) ? (new ResourceScope(null, null, group), null) : Missing("key group", value);
            case ScopeRuleKind.Cabinet or ScopeRuleKind.Slot:
                if (!CabinetId.TryParse(value, null, out var cabinetId)) return Missing("cabinet", value);
                var cabinet = await admin.GetCabinet(cabinetId);
                if (cabinet.Value is not { } details) return (null, cabinet.Rejection);
                if (rule.Kind == ScopeRuleKind.Cabinet) return (await InSite(details.Site, null), null);
                if (!SlotNumber.TryParse(route.GetValueOrDefault(ScopeRule.SlotValue) as string, null, out var slot)) return Missing("slot", value);
                var custody = await admin.GetCustody(slot.In(cabinetId));
                return (await InSite(details.Site, custody.Value?.Key?.Group), null);
            default:
                return (null, null);
        }
    }

    /// <summary>The sites (a region's listed) and key groups that the caller's grants of at least <paramref name="role"/> reach.</summary>
    public async Task<Visibility> Visible(CallerAccess access, string role)
    {
        var state = await scopes.Current();
        var held = access.Grants.Where(g => Roles.Satisfies(g.Role, role)).Select(g => g.Scope).ToList();
        var sites = held.Where(s => s.Site is not null).Select(s => s.Site!.Value.Value)
            .Concat(held.Where(s => s.Region is not null).SelectMany(s => state.FindRegion(s.Region!.Value)?.Sites ?? []).Select(s => s.Value));
        return new Visibility([.. sites.Distinct()], [.. held.SelectMany(s => s.KeyGroups ?? []).Select(g => g.Value).Distinct()]);
    }

    private async Task<ResourceScope> InSite(SiteId site, KeyGroup? group) => new(site, (await scopes.Current()).RegionOf(site), group);

    private static (ResourceScope?, Rejection?) Missing(string noun, string? value) =>
        (null, Rejection.Of(RejectionCode.NotFound, $"{noun} '{value}' does not exist"));
}
