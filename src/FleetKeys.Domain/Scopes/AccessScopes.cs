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

public sealed record GrantRole(
    AccessGrantId Grant, Principal Principal, string Role, AccessScope Scope, bool PrincipalOnRecord, bool SiteOnRecord, string By,
    DateTimeOffset At) : AccessScopesCommand(By, At);

public sealed record RevokeRole(AccessGrantId Grant, string By, DateTimeOffset At) : AccessScopesCommand(By, At);

public sealed record GetAccessScopes : IFleetKeysMessage, IAsk<AccessScopesState>;

public sealed record RegionCreated(RegionId Region, string Name, string By, DateTimeOffset At) : AccessScopesEvent(By, At);

public sealed record SiteAssignedToRegion(SiteId Site, RegionId? Region, string By, DateTimeOffset At) : AccessScopesEvent(By, At);

public sealed record RoleGranted(AccessGrantId Grant, Principal Principal, string Role, AccessScope Scope, string By, DateTimeOffset At)
    : AccessScopesEvent(By, At);

public sealed record RoleRevoked(AccessGrantId Grant, string By, DateTimeOffset At) : AccessScopesEvent(By, At);

public sealed record Region(RegionId Id, string Name, ImmutableList<SiteId> Sites);

public sealed record AccessGrant(AccessGrantId Id, Principal Principal, string Role, AccessScope Scope, string GrantedBy, DateTimeOffset GrantedAt);

/// <summary>
/// The fleet's regions and grants, kept by one entity: they are few, every request's check needs them together, and the
/// rule "a site belongs to at most one region" has one owner. Removed grants are forgotten here; the journal and the audit
/// keep them.
/// </summary>
public sealed record AccessScopesState(ImmutableList<Region> Regions, ImmutableList<AccessGrant> Grants)
    : IEntityState<AccessScopesState, AccessScopesCommand, AccessScopesEvent>, IFleetKeysMessage
{
    public const int MaxNameLength = 200;

    public static AccessScopesState Empty => new([], []);

    public Region? FindRegion(RegionId id) => Regions.Find(r => r.Id == id);

    public AccessGrant? FindGrant(AccessGrantId id) => Grants.Find(g => g.Id == id);

    public RegionId? RegionOf(SiteId site) => Regions.Find(r => r.Sites.Contains(site))?.Id;

    public IEnumerable<AccessGrant> GrantsOf(Principal principal) => Grants.Where(g => g.Principal == principal);

    public Decision<AccessScopesEvent> Decide(AccessScopesCommand command) => command switch
    {
        CreateRegion c => DecideCreateRegion(c),
        AssignSiteToRegion c => DecideAssign(c),
        GrantRole c => DecideGrant(c),
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
        if (!AccessRoles.IsKnown(c.Role))
            return Rejection.Of(RejectionCode.Invalid, $"unknown role '{c.Role}'; use one of {string.Join(", ", AccessRoles.All)}").About("role");
        if (string.IsNullOrWhiteSpace(c.Principal.Name) || c.Principal.Name.Length > Principal.MaxNameLength)
            return Rejection.Of(RejectionCode.Invalid, $"a principal needs a name of 1-{Principal.MaxNameLength} characters").About("principal");
        if (!c.PrincipalOnRecord) return Rejection.Of(RejectionCode.NotFound, $"{c.Principal} does not exist").About("principal");
        if (ScopeProblem(c) is { } problem) return problem;
        if (GrantsOf(c.Principal).Any(g => g.Role == c.Role && g.Scope.SameAs(c.Scope)))
            return Rejection.Of(RejectionCode.Conflict, $"{c.Principal} already holds {c.Role} over {c.Scope}");
        return Decision<AccessScopesEvent>.Accept(new RoleGranted(c.Grant, c.Principal, c.Role, c.Scope, c.By, c.At));
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
        RoleGranted e => this with { Grants = Grants.Add(new AccessGrant(e.Grant, e.Principal, e.Role, e.Scope, e.By, e.At)) },
        RoleRevoked e => this with { Grants = Grants.RemoveAll(g => g.Id == e.Grant) },
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "unhandled access scopes event"),
    };
}
