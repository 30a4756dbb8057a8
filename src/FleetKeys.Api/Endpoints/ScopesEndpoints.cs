using System.Security.Claims;
using FleetKeys.Api.Auth;
using FleetKeys.Api.Binding;
using FleetKeys.Api.Problems;
using FleetKeys.Cluster.Scopes;
using FleetKeys.Domain;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.Scopes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FleetKeys.Api.Endpoints;

public sealed record CreateRegionRequest(string? Id, string? Name) : IValidatable
{
    public void Validate(Validator check) => check.Id("id", Id).Text("name", Name, AccessScopesState.MaxNameLength);
}

/// <summary><c>regionId</c> null takes the site out of any region.</summary>
public sealed record SiteRegionRequest(string? RegionId) : IValidatable
{
    public void Validate(Validator check) => check.Id("regionId", RegionId, required: false);
}

/// <summary>
/// A role preset or a permission set over a scope for a principal: <c>principalKind</c> apiKey (a configured key's name) or
/// group (an identity-provider group); <c>role</c> or <c>permissionSet</c>, not both; <c>scope</c> everything, region (with
/// <c>regionId</c>), site (with <c>siteId</c>) or keyGroups (with <c>keyGroups</c>).
/// </summary>
public sealed record GrantRequest(
    string? PrincipalKind, string? Principal, string? Role, string? Scope, string? RegionId, string? SiteId, IReadOnlyList<string?>? KeyGroups,
    string? PermissionSet = null) : IValidatable
{
    public void Validate(Validator check)
    {
        check.Check(Enum.TryParse<PrincipalKind>(PrincipalKind, ignoreCase: true, out _), "principalKind", "must be apiKey or group")
            .Text("principal", Principal, Domain.Scopes.Principal.MaxNameLength)
            .Check(Role is null != PermissionSet is null, "role", "name either a role or a permissionSet")
            .Check(Role is null || AccessRoles.IsKnown(Role), "role", $"must be one of {string.Join(", ", AccessRoles.All)}")
            .Id("permissionSet", PermissionSet, required: false)
            .Check(Enum.TryParse<ScopeKind>(Scope, ignoreCase: true, out _), "scope", "must be everything, region, site or keyGroups")
            .Id("regionId", RegionId, required: false).Id("siteId", SiteId, required: false);
        foreach (var (group, i) in (KeyGroups ?? []).Select((g, i) => (g, i))) check.Id($"keyGroups[{i}]", group);
    }

    public Principal ToPrincipal() => new(Enum.Parse<PrincipalKind>(PrincipalKind!, ignoreCase: true), Principal!);

    /// <summary>The field the scope's kind names; a missing one is the domain's refusal, named like any field.</summary>
    public AccessScope ToScope() => Enum.Parse<ScopeKind>(Scope!, ignoreCase: true) switch
    {
        ScopeKind.Region => new AccessScope(ScopeKind.Region, Region: RegionId is null ? null : new RegionId(RegionId)),
        ScopeKind.Site => new AccessScope(ScopeKind.Site, Site: SiteId is null ? null : new SiteId(SiteId)),
        ScopeKind.KeyGroups => AccessScope.OfKeyGroups((KeyGroups ?? []).Select(g => new KeyGroup(g!))),
        _ => AccessScope.Everything,
    };
}

public sealed record RegionView(string Id, string Name, IReadOnlyList<string> Sites)
{
    public static RegionView Of(Region r) => new(r.Id.Value, r.Name, [.. r.Sites.Select(s => s.Value)]);
}

public sealed record SiteRegionView(string SiteId, string? RegionId);

/// <summary>The permissions a set holds; each must be one of <c>GET /api/v1/permissions</c>.</summary>
public sealed record PermissionSetRequest(IReadOnlyList<string?>? Permissions) : IValidatable
{
    public void Validate(Validator check)
    {
        check.Check(Permissions is { Count: > 0 }, "permissions", "name at least one permission");
        foreach (var (permission, i) in (Permissions ?? []).Select((p, i) => (p, i))) check.Required($"permissions[{i}]", permission);
    }
}

public sealed record PermissionSetView(string Name, IReadOnlyList<string> Permissions, string DefinedBy, DateTimeOffset DefinedAt)
{
    public static PermissionSetView Of(PermissionSet s) => new(s.Name, s.Permissions, s.DefinedBy, s.DefinedAt);
}

/// <summary>One permission of the vocabulary, the least role preset that holds it and the routes it opens.</summary>
public sealed record PermissionView(string Name, string Role, IReadOnlyList<string> Routes)
{
    public static PermissionView Of(PermissionInfo p) => new(p.Name, p.Role, p.Routes);
}

/// <summary>A permission the caller holds and the scopes over which it holds it ("everything", "site s1", "key groups vans").</summary>
public sealed record HeldPermissionView(string Permission, IReadOnlyList<string> Scopes);

/// <summary>
/// A grant as a flat record: the field its scope names is set, the others are null; <c>role</c> or <c>permissionSet</c>.
/// <c>id</c> is null for a key's configured role.
/// </summary>
public sealed record GrantView(
    string? Id, PrincipalKind PrincipalKind, string Principal, string? Role, ScopeKind Scope, string? RegionId, string? SiteId,
    IReadOnlyList<string>? KeyGroups, string? GrantedBy, DateTimeOffset? GrantedAt, string? PermissionSet)
{
    public static GrantView Of(AccessGrant g) => Of(g.Principal, g.Id, g.Role, g.PermissionSet, g.Scope, g.GrantedBy, g.GrantedAt);

    public static GrantView Of(Principal principal, AccessGrantId? id, string? role, string? set, AccessScope scope, string? by, DateTimeOffset? at) =>
        new(id?.Value, principal.Kind, principal.Name, role, scope.Kind, scope.Region?.Value, scope.Site?.Value,
            scope.KeyGroups?.Select(k => k.Value).ToList(), by, at, set);
}

/// <summary>
/// The caller as the node sees it: its grants and what they come to, each permission with the scopes it is held over. Ask
/// this rather than re-implementing roles.
/// </summary>
public sealed record MeView(PrincipalKind PrincipalKind, string Principal, IReadOnlyList<GrantView> Grants, IReadOnlyList<HeldPermissionView> Permissions)
{
    public static MeView Of(CallerAccess access, PermissionVocabulary vocabulary) => new(access.Principal.Kind, access.Principal.Name,
        [.. access.Grants.Select(g => GrantView.Of(access.Principal, g.Id, g.Role, g.PermissionSet, g.Scope, null, null))],
        [
            .. access.Grants
                .SelectMany(g => (g.Role is { } role ? vocabulary.HeldBy(role) : g.Permissions).Select(p => (Permission: p, g.Scope)))
                .GroupBy(h => h.Permission, StringComparer.Ordinal).OrderBy(h => h.Key, StringComparer.Ordinal)
                .Select(h => new HeldPermissionView(h.Key, [.. h.Select(x => x.Scope.ToString()).Distinct()])),
        ]);
}

/// <summary>
/// Scoped administration: regions of sites, permission sets, and grants of a role or a permission set over a scope to
/// principals, changed by admins (each change is in the audit with who made it); <c>/me</c> for any caller.
/// </summary>
public static class ScopesEndpoints
{
    public static RouteGroupBuilder MapScopes(this RouteGroupBuilder api)
    {
        var regions = api.MapGroup("/regions").WithTags("Scopes").Scoped(ScopeRule.Everything);

        regions.MapPost("/", async (Body<CreateRegionRequest> body, AccessScopesClient scopes, ClaimsPrincipal user) =>
            (await scopes.CreateRegion(new RegionId(body.Value.Id!), body.Value.Name!, user.Identity!.Name!))
                .ToResult(s => Results.Created($"/api/v1/regions/{body.Value.Id}", RegionView.Of(s.FindRegion(new RegionId(body.Value.Id!))!))))
            .RequireAuthorization(Policies.Configure).Produces<RegionView>(StatusCodes.Status201Created).ProducesValidationProblem();

        regions.MapGet("/", async (AccessScopesClient scopes) => Results.Ok((await scopes.Current()).Regions.Select(RegionView.Of).ToList()))
            .Produces<List<RegionView>>();

        api.MapPut("/sites/{id}/region", async (SiteId id, Body<SiteRegionRequest> body, AccessScopesClient scopes, ClaimsPrincipal user) =>
            (await scopes.AssignSite(id, body.Value.RegionId is { } region ? new RegionId(region) : null, user.Identity!.Name!))
                .ToResult(s => Results.Ok(new SiteRegionView(id.Value, s.RegionOf(id)?.Value))))
            .WithTags("Scopes").Scoped(ScopeRule.Everything).RequireAuthorization(Policies.Configure).Produces<SiteRegionView>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        var grants = api.MapGroup("/grants").WithTags("Scopes").Scoped(ScopeRule.Everything).RequireAuthorization(Policies.Configure);

        grants.MapGet("/", async (AccessScopesClient scopes) => Results.Ok((await scopes.Current()).Grants.Select(GrantView.Of).ToList()))
            .Produces<List<GrantView>>();

        grants.MapPost("/", async (Body<GrantRequest> body, AccessScopesClient scopes, ApiKeys keys, ClaimsPrincipal user) =>
        {
            var principal = body.Value.ToPrincipal();
            var onRecord = principal.Kind != PrincipalKind.ApiKey || keys.Named(principal.Name) is not null;
            var id = AccessGrantId.New();
            return (await scopes.Grant(id, principal, body.Value.Role, body.Value.PermissionSet, body.Value.ToScope(), onRecord, user.Identity!.Name!))
                .ToResult(s => Results.Created($"/api/v1/grants/{id}", GrantView.Of(s.FindGrant(id)!)));
        }).Produces<GrantView>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

        grants.MapDelete("/{id}", async (AccessGrantId id, AccessScopesClient scopes, ClaimsPrincipal user) =>
            (await scopes.Revoke(id, user.Identity!.Name!)).ToResult(_ => Results.NoContent()))
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/permissions", (PermissionVocabulary vocabulary) => Results.Ok(vocabulary.All.Select(PermissionView.Of).ToList()))
            .WithTags("Scopes").Scoped(ScopeRule.Everything).RequireAuthorization(Policies.Configure).Produces<List<PermissionView>>();

        var sets = api.MapGroup("/permission-sets").WithTags("Scopes").Scoped(ScopeRule.Everything).RequireAuthorization(Policies.Configure);

        sets.MapGet("/", async (AccessScopesClient scopes) => Results.Ok((await scopes.Current()).Sets.Select(PermissionSetView.Of).ToList()))
            .Produces<List<PermissionSetView>>();

        sets.MapGet("/{name}", async (string name, AccessScopesClient scopes) =>
                (await scopes.Current()).FindSet(name) is { } set
                    ? Results.Ok(PermissionSetView.Of(set))
                    : RejectionResults.Problem(Rejection.Of(RejectionCode.NotFound, $"permission set '{name}' does not exist")))
            .Produces<PermissionSetView>().ProducesProblem(StatusCodes.Status404NotFound);

        // Defines the set or replaces its permissions: the grants holding it hold the new ones at once.
        sets.MapPut("/{name}", async (string name, Body<PermissionSetRequest> body, AccessScopesClient scopes, PermissionVocabulary vocabulary,
                ClaimsPrincipal user) =>
            (await scopes.DefineSet(name, [.. body.Value.Permissions!.Select(p => p!)], vocabulary.Names, user.Identity!.Name!))
                .ToResult(s => Results.Ok(PermissionSetView.Of(s.FindSet(name)!))))
            .Produces<PermissionSetView>().ProducesValidationProblem();

        sets.MapDelete("/{name}", async (string name, AccessScopesClient scopes, ClaimsPrincipal user) =>
            (await scopes.RemoveSet(name, user.Identity!.Name!)).ToResult(_ => Results.NoContent()))
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        return api;
    }

    /// <summary>
    /// Outside the API's group, whose routes need a role: a grants-only key that holds no grant yet may still ask who it is.
    /// </summary>
    public static IEndpointRouteBuilder MapMe(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/me", async (CallerAccesses accesses, PermissionVocabulary vocabulary, ClaimsPrincipal user) =>
                Results.Ok(MeView.Of(await accesses.Of(user), vocabulary))).WithTags("Scopes").Scoped(ScopeRule.Caller).RequireAuthorization(Policies.Authenticated).Produces<MeView>();
        return app;
    }
}
