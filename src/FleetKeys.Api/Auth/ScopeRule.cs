using Microsoft.AspNetCore.Builder;

namespace FleetKeys.Api.Auth;

public enum ScopeRuleKind
{
    /// <summary>Needs the route's role over everything: fleet-wide lists and configuration, and what is not scoped yet.</summary>
    Everything,

    /// <summary>Concerns only the caller itself (<c>/me</c>): any authenticated caller.</summary>
    Caller,

    /// <summary>The cabinet named by the route value: its site and the site's region.</summary>
    Cabinet,

    /// <summary>A slot of that cabinet: the cabinet's site and region, and the key group of the key homed there.</summary>
    Slot,

    /// <summary>The site named by the route value, and its region.</summary>
    Site,

    /// <summary>The key group named by the route value, across every site.</summary>
    KeyGroup,

    /// <summary>The alarm named by the route value: as its slot, or its cabinet; one of no cabinet only to everything.</summary>
    Alarm,

    /// <summary>
    /// The person named by the route value: read by grants reaching any of their entitlements' places or groups, changed only
    /// by grants reaching all of them; a person with none only over everything.
    /// </summary>
    Person,

    /// <summary>A list or search: it answers only what the caller's grants reach (<see cref="ReadScope"/>), counted so.</summary>
    Filtered,
}

/// <summary>
/// What part of the fleet a route touches and how to find it from the route, so a scoped caller's grants can be checked
/// against it. Every route under /api/v1 carries one (a spec fails for a route without); the most specific one set wins.
/// </summary>
public sealed record ScopeRule(ScopeRuleKind Kind, string RouteValue = "id")
{
    public static readonly ScopeRule Everything = new(ScopeRuleKind.Everything);
    public static readonly ScopeRule Caller = new(ScopeRuleKind.Caller);
    public static readonly ScopeRule Cabinet = new(ScopeRuleKind.Cabinet);
    public static readonly ScopeRule Slot = new(ScopeRuleKind.Slot);
    public static readonly ScopeRule Site = new(ScopeRuleKind.Site);
    public static readonly ScopeRule KeyGroup = new(ScopeRuleKind.KeyGroup, "group");
    public static readonly ScopeRule Filtered = new(ScopeRuleKind.Filtered);
    public static readonly ScopeRule Alarm = new(ScopeRuleKind.Alarm);
    public static readonly ScopeRule Person = new(ScopeRuleKind.Person);

    /// <summary>The route value naming the slot, beside <see cref="RouteValue"/> naming its cabinet.</summary>
    public const string SlotValue = "slot";
}

public static class ScopeRules
{
    public static TBuilder Scoped<TBuilder>(this TBuilder builder, ScopeRule rule) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(rule);
}
