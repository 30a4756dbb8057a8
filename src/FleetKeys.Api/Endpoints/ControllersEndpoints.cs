using System.Security.Claims;
using FleetKeys.Api.Auth;
using FleetKeys.Api.Binding;
using FleetKeys.Api.Problems;
using FleetKeys.Cluster.Administration;
using FleetKeys.Cluster.Projections.Queries;
using FleetKeys.Domain.Controllers;
using FleetKeys.Domain.Ids;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FleetKeys.Api.Endpoints;

public sealed record CreateControllerRequest(string? Id, string? Host, int? Port, OfflinePolicy? OfflinePolicy);

/// <summary>Fields left out stay as they are.</summary>
public sealed record ChangeControllerRequest(string? Host, int? Port, OfflinePolicy? OfflinePolicy);

public sealed record AttachedCabinetView(int BusAddress, string CabinetId, bool RequiresPin);

public sealed record ControllerView(
    string Id, string Host, int Port, OfflinePolicy OfflinePolicy, IReadOnlyList<AttachedCabinetView> Cabinets, DriverStatus? Driver)
{
    public static ControllerView Of(ControllerState c, DriverStatus? driver) => new(
        c.Id.Value, c.Host, c.Port, c.OfflinePolicy,
        c.Cabinets.OrderBy(a => a.Key).Select(a => new AttachedCabinetView(a.Key, a.Value.Cabinet.Value, a.Value.RequiresPin)).ToList(),
        driver);
}

public static class ControllersEndpoints
{
    public static RouteGroupBuilder MapControllers(this RouteGroupBuilder api)
    {
        var controllers = api.MapGroup("/controllers").WithTags("Controllers");

        controllers.MapPost("/", async (Body<CreateControllerRequest> body, FleetAdmin admin, ControllerNetworks networks) =>
        {
            if (body.Value is not { } r) return body.Errors.Problem();
            var check = new Validator().Id("id", r.Id).Text("host", r.Host, 253)
                .Check(r.Host is null || networks.Allows(r.Host), "host", networks.Bound)
                .Range("port", r.Port, 1, 65535);
            if (!check.IsValid) return check.Problem();
            return (await admin.RegisterController(new ControllerId(r.Id!), r.Host!, r.Port!.Value, r.OfflinePolicy ?? OfflinePolicy.DenyAll))
                .ToResult(c => Results.Created($"/api/v1/controllers/{c.Id}", ControllerView.Of(c, null)));
        }).RequireAuthorization(Policies.Configure).Accepts<CreateControllerRequest>("application/json")
            .Produces<ControllerView>(StatusCodes.Status201Created).ProducesValidationProblem();

        controllers.MapGet("/", async (string? page, string? pageSize, DirectoryQueries directory, CancellationToken ct) =>
        {
            var check = new Validator();
            var paging = check.Paging(page, pageSize);
            if (!check.IsValid) return check.Problem();
            return Results.Ok(Listing<ControllerSummary>.Of(await directory.Controllers(paging, ct), ControllerSummary.Of));
        }).Produces<Listing<ControllerSummary>>().ProducesValidationProblem();

        controllers.MapGet("/{id}", async (ControllerId id, FleetAdmin admin) =>
        {
            var config = await admin.GetController(id);
            if (config.Value is not { } state) return RejectionResults.Problem(config.Rejection!);
            return Results.Ok(ControllerView.Of(state, (await admin.GetDriverStatus(id)).Value));
        }).Produces<ControllerView>();

        controllers.MapMethods("/{id}", [HttpMethods.Patch], async (ControllerId id, Body<ChangeControllerRequest> body, FleetAdmin admin,
            ControllerNetworks networks, ClaimsPrincipal user) =>
        {
            if (body.Value is not { } r) return body.Errors.Problem();
            var check = new Validator().Check(r is not { Host: null, Port: null, OfflinePolicy: null }, "body", "must change host, port or offlinePolicy")
                .Check(r.Host is null || !string.IsNullOrWhiteSpace(r.Host), "host", "must not be blank").Text("host", r.Host, 253, required: false)
                .Check(r.Host is null || networks.Allows(r.Host), "host", networks.Bound)
                .Range("port", r.Port, 1, 65535, required: false);
            if (!check.IsValid) return check.Problem();
            return (await admin.ChangeController(id, r.Host, r.Port, r.OfflinePolicy, user.Identity!.Name!))
                .ToResult(c => Results.Ok(ControllerView.Of(c, null)));
        }).RequireAuthorization(Policies.Configure).Accepts<ChangeControllerRequest>("application/json").Produces<ControllerView>()
            .ProducesValidationProblem();

        controllers.MapDelete("/{id}", async (ControllerId id, FleetAdmin admin, ClaimsPrincipal user) =>
            (await admin.DecommissionController(id, user.Identity!.Name!)).ToResult(_ => Results.NoContent())).RequireAuthorization(Policies.Configure).Produces(StatusCodes.Status204NoContent);
        return api;
    }
}
