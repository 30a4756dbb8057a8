using FleetKeys.Api.Auth;
using FleetKeys.Api.Binding;
using FleetKeys.Api.Endpoints;
using FleetKeys.Api.Problems;
using FleetKeys.Scim.Protocol;
using FleetKeys.Cluster.Administration;
using FleetKeys.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FleetKeys.Scim.EntitlementGroups;

/// <summary>
/// The management API's side of SCIM: an administrator says what a SCIM group grants, by the group's displayName or id.
/// </summary>
public static class EntitlementGroupEndpoints
{
    public const int MaxNameLength = 256;

    public static RouteGroupBuilder MapEntitlementGroups(this RouteGroupBuilder api)
    {
        var groups = api.MapGroup("/entitlement-groups").WithTags("Entitlement groups").Scoped(ScopeRule.Everything);

        groups.MapGet("/", async (EntitlementGroupStore store, CancellationToken ct) => Results.Ok(await store.List(ct)))
            .Produces<List<EntitlementGroupView>>();

        groups.MapGet("/{name}", async (string name, EntitlementGroupStore store, CancellationToken ct) =>
            await store.Get(name, ct) is { } view ? Results.Ok(view) : NotFound(name)).Produces<EntitlementGroupView>();

        groups.MapPut("/{name}", async (string name, Body<List<EntitlementDto>> body, EntitlementGroupStore store, FleetAdmin admin, CancellationToken ct) =>
        {
            var grants = body.Value;
            var check = new Validator().Text("name", name, MaxNameLength);
            if (!check.IsValid || await PeopleEndpoints.ToEntitlements(grants, admin, check) is null) return check.Problem();
            return await Answer(async () => Results.Ok(await store.Put(name, grants, ct)));
        }).RequireAuthorization(Policies.Configure).WithBodyLimit(BodyLimits.Entitlements).Produces<EntitlementGroupView>()
            .ProducesValidationProblem();

        groups.MapDelete("/{name}", async (string name, EntitlementGroupStore store, CancellationToken ct) =>
            await Answer(async () => await store.Delete(name, ct) ? Results.NoContent() : NotFound(name)))
            .RequireAuthorization(Policies.Configure);
        return api;
    }

    /// <summary>The mapping is stored first; people that could not be updated yet are a 503 — repeating the request finishes them.</summary>
    private static async Task<IResult> Answer(Func<Task<IResult>> change)
    {
        try
        {
            return await change();
        }
        catch (ScimException e)
        {
            return RejectionResults.Problem(Rejection.Of(e.Status == StatusCodes.Status409Conflict ? RejectionCode.Conflict : RejectionCode.Unavailable, e.Message));
        }
    }

    private static IResult NotFound(string name) =>
        RejectionResults.Problem(Rejection.Of(RejectionCode.NotFound, $"entitlement group '{name}' does not exist"));
}
