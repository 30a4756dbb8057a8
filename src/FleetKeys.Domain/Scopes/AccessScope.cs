using System.Collections.Immutable;
using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.Scopes;

public enum ScopeKind
{
    Everything,
    Region,
    Site,
    KeyGroups,
}

/// <summary>
/// What a grant's role reaches: everything, the sites of one region, one site, or the keys of a set of key groups at every
/// site. Exactly the field its kind names is set.
/// </summary>
public sealed record AccessScope(ScopeKind Kind, RegionId? Region = null, SiteId? Site = null, ImmutableList<KeyGroup>? KeyGroups = null)
{
    public static readonly AccessScope Everything = new(ScopeKind.Everything);

    public static AccessScope OfRegion(RegionId region) => new(ScopeKind.Region, Region: region);

    public static AccessScope OfSite(SiteId site) => new(ScopeKind.Site, Site: site);

    /// <summary>Sorted and without repeats, so two grants of the same groups are the same scope.</summary>
    public static AccessScope OfKeyGroups(IEnumerable<KeyGroup> groups) =>
        new(ScopeKind.KeyGroups, KeyGroups: [.. groups.Distinct().OrderBy(g => g.Value, StringComparer.Ordinal)]);

    /// <summary>Whether this scope reaches <paramref name="resource"/>; a resource that names no key group is reached by no key-group scope.</summary>
    public bool Covers(ResourceScope resource) => Kind switch
    {
        ScopeKind.Everything => true,
        ScopeKind.Region => resource.Region is { } region && region == Region,
        ScopeKind.Site => resource.Site is { } site && site == Site,
        ScopeKind.KeyGroups => resource.KeyGroup is { } group && KeyGroups!.Contains(group),
        _ => false,
    };

    public bool SameAs(AccessScope other) =>
        Kind == other.Kind && Region == other.Region && Site == other.Site && (KeyGroups ?? []).SequenceEqual(other.KeyGroups ?? []);

    public override string ToString() => Kind switch
    {
        ScopeKind.Everything => "everything",
        ScopeKind.Region => $"region {Region}",
        ScopeKind.Site => $"site {Site}",
        _ => $"key groups {string.Join(", ", KeyGroups ?? [])}",
    };
}

/// <summary>Where a resource a request touches lies: its site, the site's region, and the key group of a key.</summary>
public sealed record ResourceScope(SiteId? Site, RegionId? Region, KeyGroup? KeyGroup)
{
    /// <summary>The scopes that would reach it, besides everything: "site s1 or region north or key group vans".</summary>
    public override string ToString() =>
        string.Join(" or ", new[] { Site is { } s ? $"site {s}" : null, Region is { } r ? $"region {r}" : null, KeyGroup is { } g ? $"key group {g}" : null }
            .Where(p => p is not null));
}
