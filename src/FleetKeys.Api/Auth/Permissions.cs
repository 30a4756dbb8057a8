using FleetKeys.Domain.Scopes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;

namespace FleetKeys.Api.Auth;

/// <summary>A route's permission named outright, where its area's level would be too coarse (a remote release is not a lockdown).</summary>
public sealed record PermissionName(string Name);

/// <summary>What a route asks of a caller: a role preset of at least <see cref="Role"/>, or a permission set holding <see cref="Permission"/>.</summary>
public sealed record AccessNeed(string Role, string? Permission)
{
    public bool MetBy(CallerGrant grant) =>
        grant.Role is { } role ? Roles.Satisfies(role, Role) : Permission is not null && grant.Permissions.Contains(Permission);

    public override string ToString() => Permission is null ? $"the role {Role}" : $"the role {Role} or the permission {Permission}";
}

/// <summary>
/// The vocabulary of permission sets is the route table: a route's permission is the one it names (<see cref="PermissionName"/>),
/// else its area (its OpenAPI tag) and the level its role policy asks for: <c>custody.read</c>, <c>people.operate</c>,
/// <c>configuration.configure</c>. A route of the caller itself (<c>/me</c>) needs none; one under /api/v1 without a tag has
/// none, which a spec refuses.
/// </summary>
public static class Permissions
{
    private static readonly Dictionary<string, string> Levels = new()
    {
        [Roles.Auditor] = "read", [Roles.Operator] = "operate", [Roles.Admin] = "configure",
    };

    public static TBuilder Permits<TBuilder>(this TBuilder builder, string permission) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new PermissionName(permission));

    /// <summary>The least role the route's policies ask for, and its permission.</summary>
    public static AccessNeed NeedOf(Endpoint endpoint)
    {
        var role = Policies.LeastRole(endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy));
        if (endpoint.Metadata.GetMetadata<ScopeRule>() is { Kind: ScopeRuleKind.Caller }) return new AccessNeed(role, null);
        if (endpoint.Metadata.GetMetadata<PermissionName>() is { } named) return new AccessNeed(role, named.Name);
        var area = endpoint.Metadata.GetMetadata<ITagsMetadata>()?.Tags.FirstOrDefault();
        return new AccessNeed(role, area is null ? null : $"{area.ToLowerInvariant().Replace(' ', '-')}.{Levels[role]}");
    }
}

/// <summary>One permission of the vocabulary: the least role that holds it as a preset, and the routes it opens.</summary>
public sealed record PermissionInfo(string Name, string Role, IReadOnlyList<string> Routes);

/// <summary>The node's permissions, read once from its route table (a set names only these).</summary>
public sealed class PermissionVocabulary(EndpointDataSource endpoints)
{
    private readonly Lazy<IReadOnlyList<PermissionInfo>> _all = new(() =>
    [
        .. endpoints.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.TrimStart('/').StartsWith("api/v1", StringComparison.Ordinal))
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .Select(e => (Need: Permissions.NeedOf(e), Route: $"{string.Join(",", e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])} /{e.RoutePattern.RawText!.Trim('/')}"))
            .Where(r => r.Need.Permission is not null)
            .GroupBy(r => r.Need.Permission!)
            .Select(g => new PermissionInfo(g.Key, g.Select(r => r.Need.Role).MinBy(r => Array.IndexOf(Roles.All, r))!, [.. g.Select(r => r.Route).Order()]))
            .OrderBy(p => p.Name, StringComparer.Ordinal),
    ]);

    public IReadOnlyList<PermissionInfo> All => _all.Value;

    public IReadOnlyList<string> Names => [.. All.Select(p => p.Name)];

    /// <summary>The roles a permission set's permissions ask for: what opens the role policies before the permission is checked.</summary>
    public IEnumerable<string> RolesOf(IEnumerable<string> permissions) =>
        All.Where(p => permissions.Contains(p.Name)).Select(p => p.Role).Distinct();

    /// <summary>The permissions a role preset holds: those whose least role it satisfies.</summary>
    public IEnumerable<string> HeldBy(string role) => All.Where(p => AccessRoles.Satisfies(role, p.Role)).Select(p => p.Name);
}
