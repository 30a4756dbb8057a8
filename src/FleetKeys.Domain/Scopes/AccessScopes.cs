using System.Collections.Immutable;
using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.Scopes;

/// <summary>
/// Every change names who made it (<c>By</c>), so the audit says who granted what. Facts this entity does not own come
/// with the command, looked up by the caller: sites are never removed and API keys are configuration, so the answer
/// cannot change under the command.
/// </summary>
public abstract record AccessScopesCommand(string By, DateTimeOffset At) : IFleetKeysMessage;

public abstract record AccessScopesEvent(string By, DateTimeOffset At) : IFleetKeysMessage;

public sealed record CreateRegion(RegionId Region, string Name, string By, DateTimeOffset At) : AccessScopesCommand(By, At);

/// <summary>Puts <paramref name="Site"/> in <paramref name="Region"/> (moving it from any other), or in none when null.</summary>
public sealed record AssignSiteToRegion(SiteId Site, RegionId? Region, bool SiteOnRecord, string By, DateTimeOffset At)
    : AccessScopesCommand(By, At);

/// <summary>Grants either a role preset (<paramref name="Role"/>) or a permission set (<paramref name="PermissionSet"/>, Role null) over the scope.</summary>
public sealed record GrantRole(
    AccessGrantId Grant, Principal Principal, string? Role, AccessScope Scope, bool PrincipalOnRecord, bool SiteOnRecord, string By,
    DateTimeOffset At, string? PermissionSet = null) : AccessScopesCommand(By, At);

/// <summary>
/// Defines the named set, or replaces its permissions. <paramref name="Known"/> is the node's vocabulary, read from its route
/// table: a set names only permissions that exist.
/// </summary>
public sealed record DefinePermissionSet(string Name, IReadOnlyList<string> Permissions, IReadOnlyList<string> Known, string By, DateTimeOffset At)
    : AccessScopesCommand(By, At);

public sealed record RemovePermissionSet(string Name, string By, DateTimeOffset At) : AccessScopesCommand(By, At);

public sealed record RevokeRole(AccessGrantId Grant, string By, DateTimeOffset At) : AccessScopesCommand(By, At);

public sealed record GetAccessScopes : IFleetKeysMessage, IAsk<AccessScopesState>;

public sealed record RegionCreated(RegionId Region, string Name, string By, DateTimeOffset At) : AccessScopesEvent(By, At);

public sealed record SiteAssignedToRegion(SiteId Site, RegionId? Region, string By, DateTimeOffset At) : AccessScopesEvent(By, At);

/// <summary><paramref name="Role"/> is null when the grant is of <paramref name="PermissionSet"/>.</summary>
public sealed record RoleGranted(
    AccessGrantId Grant, Principal Principal, string? Role, AccessScope Scope, string By, DateTimeOffset At, string? PermissionSet = null)
    : AccessScopesEvent(By, At);

public sealed record RoleRevoked(AccessGrantId Grant, string By, DateTimeOffset At) : AccessScopesEvent(By, At);

public sealed record PermissionSetDefined(string Name, ImmutableList<string> Permissions, string By, DateTimeOffset At) : AccessScopesEvent(By, At);

public sealed record PermissionSetRemoved(string Name, string By, DateTimeOffset At) : AccessScopesEvent(By, At);

public sealed record Region(RegionId Id, string Name, ImmutableList<SiteId> Sites);

/// <summary>Of a role preset, or (<see cref="Role"/> null) of the permission set named by <see cref="PermissionSet"/>.</summary>
public sealed record AccessGrant(
    AccessGrantId Id, Principal Principal, string? Role, AccessScope Scope, string GrantedBy, DateTimeOffset GrantedAt, string? PermissionSet = null);

/// <summary>Named permissions for needs finer than the role presets; the permissions are sorted and without repeats.</summary>
public sealed record PermissionSet(string Name, ImmutableList<string> Permissions, string DefinedBy, DateTimeOffset DefinedAt);

/// <summary>
/// The fleet's regions and grants, kept by one entity: they are few, every request's check needs them together, and the
/// rule "a site belongs to at most one region" has one owner. Removed grants are forgotten here; the journal and the audit
/// keep them.
/// </summary>
public sealed record AccessScopesState(ImmutableList<Region> Regions, ImmutableList<AccessGrant> Grants, ImmutableList<PermissionSet>? PermissionSets = null)
    : IEntityState<AccessScopesState, AccessScopesCommand, AccessScopesEvent>, IFleetKeysMessage
{
    public const int MaxNameLength = 200;

    public static AccessScopesState Empty => new([], [], []);

    /// <summary>The permission sets (a snapshot taken before they existed holds none).</summary>
    public ImmutableList<PermissionSet> Sets => PermissionSets ?? [];

    public PermissionSet? FindSet(string name) => Sets.Find(s => s.Name == name);

    public Region? FindRegion(RegionId id) => Regions.Find(r => r.Id == id);

    public AccessGrant? FindGrant(AccessGrantId id) => Grants.Find(g => g.Id == id);

    public RegionId? RegionOf(SiteId site) => Regions.Find(r => r.Sites.Contains(site))?.Id;

    public IEnumerable<AccessGrant> GrantsOf(Principal principal) => Grants.Where(g => g.Principal == principal);

    public Decision<AccessScopesEvent> Decide(AccessScopesCommand command) => command switch
    {
        CreateRegion c => DecideCreateRegion(c),
        AssignSiteToRegion c => DecideAssign(c),
        GrantRole c => DecideGrant(c),
        DefinePermissionSet c => DecideDefineSet(c),
        RemovePermissionSet c => DecideRemoveSet(c),
        RevokeRole c => FindGrant(c.Grant) is null
            ? Rejection.Of(RejectionCode.NotFound, $"grant {c.Grant} does not exist")
            : Decision<AccessScopesEvent>.Accept(new RoleRevoked(c.Grant, c.By, c.At)),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "unhandled access scopes command"),
    };

    private Decision<AccessScopesEvent> DecideCreateRegion(CreateRegion c)
    {
        if (FindRegion(c.Region) is not null) return Rejection.Of(RejectionCode.AlreadyExists, $"region {c.Region} already exists");
        if (string.IsNullOrWhiteSpace(c.Name) || c.Name.Length > MaxNameLength)
            return Rejection.Of(RejectionCode.Invalid, $"a region needs a name of 1-{MaxNameLength} characters").About("name");
        return Decision<AccessScopesEvent>.Accept(new RegionCreated(c.Region, c.Name, c.By, c.At));
    }

    private Decision<AccessScopesEvent> DecideAssign(AssignSiteToRegion c)
    {
        if (!c.SiteOnRecord) return Rejection.Of(RejectionCode.NotFound, $"site {c.Site} does not exist");
        if (c.Region is { } region && FindRegion(region) is null)
            return Rejection.Of(RejectionCode.NotFound, $"region {region} does not exist").About("regionId");
        return RegionOf(c.Site) == c.Region
            ? Decision<AccessScopesEvent>.Accept()
            : Decision<AccessScopesEvent>.Accept(new SiteAssignedToRegion(c.Site, c.Region, c.By, c.At));
    }

    private Decision<AccessScopesEvent> DecideGrant(GrantRole c)
    {
        if (FindGrant(c.Grant) is not null) return Rejection.Of(RejectionCode.AlreadyExists, $"grant {c.Grant} already exists");
        if (c.Role is not null == c.PermissionSet is not null)
            return Rejection.Of(RejectionCode.Invalid, "a grant names either a role or a permission set").About("role");
        if (c.PermissionSet is { } set && FindSet(set) is null)
            return Rejection.Of(RejectionCode.NotFound, $"permission set '{set}' does not exist").About("permissionSet");
        if (c.Role is not null && !AccessRoles.IsKnown(c.Role))
            return Rejection.Of(RejectionCode.Invalid, $"unknown role '{c.Role}'; use one of {string.Join(", ", AccessRoles.All)}").About("role");
        if (string.IsNullOrWhiteSpace(c.Principal.Name) || c.Principal.Name.Length > Principal.MaxNameLength)
            return Rejection.Of(RejectionCode.Invalid, $"a principal needs a name of 1-{Principal.MaxNameLength} characters").About("principal");
        if (!c.PrincipalOnRecord) return Rejection.Of(RejectionCode.NotFound, $"{c.Principal} does not exist").About("principal");
        if (ScopeProblem(c) is { } problem) return problem;
        if (GrantsOf(c.Principal).Any(g => g.Role == c.Role && g.PermissionSet == c.PermissionSet && g.Scope.SameAs(c.Scope)))
            return Rejection.Of(RejectionCode.Conflict, $"{c.Principal} already holds {c.Role ?? $"permission set {c.PermissionSet}"} over {c.Scope}");
        return Decision<AccessScopesEvent>.Accept(new RoleGranted(c.Grant, c.Principal, c.Role, c.Scope, c.By, c.At, c.PermissionSet));
    }

    private Decision<AccessScopesEvent> DecideDefineSet(DefinePermissionSet c)
    {
        if (!IdRules.IsValid(c.Name))
            return Rejection.Of(RejectionCode.Invalid, $"a permission set's name is 1-{IdRules.MaxLength} characters of letters, digits, '.', '_', ':' or '-'").About("name");
        if (c.Permissions.Count == 0) return Rejection.Of(RejectionCode.Invalid, "a permission set names at least one permission").About("permissions");
        if (c.Permissions.FirstOrDefault(p => !c.Known.Contains(p)) is { } unknown)
            return Rejection.Of(RejectionCode.Invalid, $"unknown permission '{unknown}'; GET /api/v1/permissions lists them").About("permissions");
        ImmutableList<string> permissions = [.. c.Permissions.Distinct().Order(StringComparer.Ordinal)];
        return FindSet(c.Name) is { } held && held.Permissions.SequenceEqual(permissions)
            ? Decision<AccessScopesEvent>.Accept()
            : Decision<AccessScopesEvent>.Accept(new PermissionSetDefined(c.Name, permissions, c.By, c.At));
    }

    /// <summary>A set still granted is not removed: its holders would silently lose what they may do.</summary>
    private Decision<AccessScopesEvent> DecideRemoveSet(RemovePermissionSet c)
    {
        if (FindSet(c.Name) is null) return Rejection.Of(RejectionCode.NotFound, $"permission set '{c.Name}' does not exist");
        var holding = Grants.Where(g => g.PermissionSet == c.Name).Select(g => g.Id.Value).ToList();
        return holding.Count > 0
            ? Rejection.Of(RejectionCode.Conflict, $"permission set '{c.Name}' is held by grants {string.Join(", ", holding)}; revoke them first")
            : Decision<AccessScopesEvent>.Accept(new PermissionSetRemoved(c.Name, c.By, c.At));
    }

    private Rejection? ScopeProblem(GrantRole c) => c.Scope.Kind switch
    {
        ScopeKind.Everything => null,
        ScopeKind.Region => c.Scope.Region is { } region
            ? FindRegion(region) is null ? Rejection.Of(RejectionCode.NotFound, $"region {region} does not exist").About("regionId") : null
            : Rejection.Of(RejectionCode.Invalid, "a region scope names its region").About("regionId"),
        ScopeKind.Site => c.Scope.Site is null ? Rejection.Of(RejectionCode.Invalid, "a site scope names its site").About("siteId")
            : c.SiteOnRecord ? null : Rejection.Of(RejectionCode.NotFound, $"site {c.Scope.Site} does not exist").About("siteId"),
        ScopeKind.KeyGroups => c.Scope.KeyGroups is { Count: > 0 } ? null
            : Rejection.Of(RejectionCode.Invalid, "a key-group scope names at least one key group").About("keyGroups"),
        _ => Rejection.Of(RejectionCode.Invalid, $"unknown scope '{c.Scope.Kind}'").About("scope"),
    };

    public AccessScopesState Apply(AccessScopesEvent @event) => @event switch
    {
        RegionCreated e => this with { Regions = Regions.Add(new Region(e.Region, e.Name, [])) },
        SiteAssignedToRegion e => this with
        {
            Regions = [.. Regions.Select(r => r.Id == e.Region ? r with { Sites = r.Sites.Remove(e.Site).Add(e.Site) } : r with { Sites = r.Sites.Remove(e.Site) })],
        },
        RoleGranted e => this with { Grants = Grants.Add(new AccessGrant(e.Grant, e.Principal, e.Role, e.Scope, e.By, e.At, e.PermissionSet)) },
        RoleRevoked e => this with { Grants = Grants.RemoveAll(g => g.Id == e.Grant) },
        PermissionSetDefined e => this with
        {
            PermissionSets = Sets.RemoveAll(s => s.Name == e.Name).Add(new PermissionSet(e.Name, e.Permissions, e.By, e.At)),
        },
        PermissionSetRemoved e => this with { PermissionSets = Sets.RemoveAll(s => s.Name == e.Name) },
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "unhandled access scopes event"),
    };
}
