using FleetKeys.Api.Endpoints;
using FleetKeys.Cluster.Administration;
using FleetKeys.Cluster.Projections.Queries;
using FleetKeys.Cluster.Scopes;
using FleetKeys.Domain;
using FleetKeys.Domain.Alarms;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.People;
using FleetKeys.Domain.Scopes;
using Microsoft.AspNetCore.Routing;

namespace FleetKeys.Api.Auth;

/// <summary>
/// Finds where the resource a route names lies (cabinet → site → region; a slot's key group), from the entities rather than
/// the read side, so a cabinet created a moment ago is already in its site. Asked only for callers whose grants are scoped.
/// </summary>
public sealed class ResourceScopes(FleetAdmin admin, AccessScopesClient scopes, AlarmQueries alarms)
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
            case ScopeRuleKind.Cabinet:
                return CabinetId.TryParse(value, null, out var cabinet) ? await AtCabinet(cabinet, null) : Missing("cabinet", value);
            case ScopeRuleKind.Slot:
                if (!CabinetId.TryParse(value, null, out var slotCabinet)) return Missing("cabinet", value);
                var slotValue = route.GetValueOrDefault(ScopeRule.SlotValue) as string;
                return SlotNumber.TryParse(slotValue, null, out var slot) ? await AtCabinet(slotCabinet, slot) : Missing("slot", slotValue);
            case ScopeRuleKind.Alarm:
                // Alarms are raised on the read side, so that is where one is found, as its own routes do.
                if (!AlarmId.TryParse(value, null, out var alarm) || await alarms.Get(alarm.Number, CancellationToken.None) is not { } row)
                    return Missing("alarm", value);
                if (row.CabinetId is null) return (new ResourceScope(null, null, null), null);
                return await AtCabinet(new CabinetId(row.CabinetId), row.Slot is { } number ? new SlotNumber(number) : null);
            default:
                return (null, null);
        }
    }

    /// <summary>Where each of the person's entitlements lets them take keys; none at all (null) for a person who does not exist.</summary>
    public async Task<IReadOnlyList<ResourceScope>?> OfPerson(string? value)
    {
        var found = PersonId.TryParse(value, null, out var person) ? (await admin.GetPerson(person)).Value : null;
        return found is { Registered: true } details ? await Of(details.Entitlements) : null;
    }

    /// <summary>
    /// Each entitlement's place and group as a resource: a cabinet's site and region, a site and its region, or everywhere (no
    /// site, reached only by everything or by the entitlement's group); an entitlement at a cabinet that is gone, as everywhere.
    /// </summary>
    public async Task<IReadOnlyList<ResourceScope>> Of(IEnumerable<Entitlement> entitlements)
    {
        var ties = new List<ResourceScope>();
        foreach (var e in entitlements)
        {
            var site = e.Site ?? (e.Cabinet is { } cabinet ? (await admin.GetCabinet(cabinet)).Value?.Site : null);
            ties.Add(site is { } at ? await InSite(at, e.Group) : new ResourceScope(null, null, e.Group));
        }

        return ties;
    }

    /// <summary>The cabinet's site and region, and with a slot the group of the key homed there.</summary>
    private async Task<(ResourceScope? Scope, Rejection? Missing)> AtCabinet(CabinetId cabinet, SlotNumber? slot)
    {
        var found = await admin.GetCabinet(cabinet);
        if (found.Value is not { } details) return (null, found.Rejection);
        var group = slot is { } number ? (await admin.GetCustody(number.In(cabinet))).Value?.Key?.Group : null;
        return (await InSite(details.Site, group), null);
    }

    /// <summary>The sites (a region's listed) and key groups that the caller's grants meeting <paramref name="need"/> reach.</summary>
    public async Task<Visibility> Visible(CallerAccess access, AccessNeed need)
    {
        var state = await scopes.Current();
        var held = access.Grants.Where(need.MetBy).Select(g => g.Scope).ToList();
        var sites = held.Where(s => s.Site is not null).Select(s => s.Site!.Value.Value)
            .Concat(held.Where(s => s.Region is not null).SelectMany(s => state.FindRegion(s.Region!.Value)?.Sites ?? []).Select(s => s.Value));
        return new Visibility([.. sites.Distinct()], [.. held.SelectMany(s => s.KeyGroups ?? []).Select(g => g.Value).Distinct()]);
    }

    private async Task<ResourceScope> InSite(SiteId site, KeyGroup? group) => new(site, (await scopes.Current()).RegionOf(site), group);

    /// <summary>The rejection saying the resource a route names does not exist.</summary>
    public static Rejection DoesNotExist(string noun, string? value) => Rejection.Of(RejectionCode.NotFound, $"{noun} '{value}' does not exist");

    private static (ResourceScope?, Rejection?) Missing(string noun, string? value) => (null, DoesNotExist(noun, value));
}
