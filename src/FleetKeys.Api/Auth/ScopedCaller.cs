using FleetKeys.Domain.People;
using Microsoft.AspNetCore.Http;

namespace FleetKeys.Api.Auth;

/// <summary>
/// As a handler's parameter on a person's route: the caller whose grants are narrower than everything and its role there, set
/// by <see cref="ScopeCheckMiddleware"/>; no grants (<see cref="Everything"/>) for a caller holding the role over everything.
/// </summary>
public sealed record ScopedCaller(CallerAccess? Access, AccessNeed Need)
{
    public static readonly ScopedCaller Everything = new(null, new AccessNeed(Roles.Auditor, null));

    public static ValueTask<ScopedCaller?> BindAsync(HttpContext context) =>
        ValueTask.FromResult<ScopedCaller?>(context.Items[typeof(ScopedCaller)] as ScopedCaller ?? Everything);

    /// <summary>The 403 naming the scope of the first entitlement the caller's grants do not reach; null when they reach all.</summary>
    public async Task<IResult?> Refuses(IEnumerable<Entitlement> entitlements, ResourceScopes resources)
    {
        if (Access is null) return null;
        var ties = await resources.Of(entitlements);
        return ties.FirstOrDefault(t => !Access.Covers(Need, t)) is { } uncovered ? ScopeRefusal.Problem(Need, uncovered) : null;
    }
}
