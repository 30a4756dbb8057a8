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

/// <summary>The host must also be in the networks the node may dial (checked by the endpoint, which knows them).</summary>
public sealed record CreateControllerRequest(string? Id, string? Host, int? Port, OfflinePolicy? OfflinePolicy) : IValidatable
{
    public void Validate(Validator check) => check.Id("id", Id).Text("host", Host, 253).Range("port", Port, 1, 65535);
}

/// <summary>Fields left out stay as they are.</summary>
public sealed record ChangeControllerRequest(string? Host, int? Port, OfflinePolicy? OfflinePolicy) : IValidatable
{
    public void Validate(Validator check) => check
        .Check(this is not { Host: null, Port: null, OfflinePolicy: null }, "body", "must change host, port or offlinePolicy")
        .Check(Host is null || !string.IsNullOrWhiteSpace(Host), "host", "must not be blank").Text("host", Host, 253, required: false)
        .Range("port", Port, 1, 65535, required: false);
}

/// <summary>The device at <c>BusAddress</c> may be given its own key for <c>Minutes</c> (1-60).</summary>
public sealed record OpenCommissioningRequest(int? BusAddress, int? Minutes) : IValidatable
{
    public void Validate(Validator check) => check.Range("busAddress", BusAddress, 0, 126).Range("minutes", Minutes, 1, 60);
}

/// <summary>The SHA-256 thumbprint of the controller's TLS certificate, hex (colons allowed, as openssl prints it).</summary>
public sealed record PinControllerTlsRequest(string? Thumbprint) : IValidatable
{
    public void Validate(Validator check) => check.Required("thumbprint", Thumbprint);
}

/// <summary><c>ReaderAddress</c>: the cabinet's stock OSDP reader on the same bus, when it has one (a mixed bus).</summary>
public sealed record AttachedCabinetView(int BusAddress, string CabinetId, bool RequiresPin, int? ReaderAddress);

/// <summary>A bus address whose device the driver may give its own key until <c>Until</c>.</summary>
public sealed record CommissioningView(int BusAddress, DateTimeOffset Until);

/// <summary>The key generation the device at <c>BusAddress</c> holds, and the one a rotation waiting for it gives it.</summary>
public sealed record DeviceKeyView(int BusAddress, int Generation, int? RotatingTo);

public sealed record ControllerView(
    string Id, string Host, int Port, OfflinePolicy OfflinePolicy, IReadOnlyList<AttachedCabinetView> Cabinets,
    IReadOnlyList<CommissioningView> Commissioning, IReadOnlyList<DeviceKeyView> Keys, string? TlsThumbprint, DriverStatus? Driver)
{
    public static ControllerView Of(ControllerDetails c, DriverStatus? driver) => new(
        c.Id.Value, c.Host, c.Port, c.OfflinePolicy,
        c.Cabinets.OrderBy(a => a.Key).Select(a => new AttachedCabinetView(a.Key, a.Value.Cabinet.Value, a.Value.RequiresPin, a.Value.ReaderAddress)).ToList(),
        c.Commissioning.OrderBy(w => w.Key).Select(w => new CommissioningView(w.Key, w.Value)).ToList(),
        DeviceAddresses.Of(c.Cabinets).Order().Select(a => new DeviceKeyView(a, c.KeyGenerations.GetValueOrDefault(a), c.KeyRotations.TryGetValue(a, out var to) ? to : null)).ToList(),
        c.TlsThumbprint, driver);
}

public static class ControllersEndpoints
{
    public static RouteGroupBuilder MapControllers(this RouteGroupBuilder api)
    {
        var controllers = api.MapGroup("/controllers").WithTags("Controllers").Scoped(ScopeRule.Everything);

        controllers.MapPost("/", async (Body<CreateControllerRequest> body, FleetAdmin admin, ControllerNetworks networks, ClaimsPrincipal user) =>
        {
            var r = body.Value;
            if (UnreachableHost(r.Host, networks) is { } unreachable) return unreachable;
            return (await admin.RegisterController(new ControllerId(r.Id!), r.Host!, r.Port!.Value, r.OfflinePolicy ?? OfflinePolicy.DenyAll, user.Identity!.Name!))
                .ToResult(c => Results.Created($"/api/v1/controllers/{c.Id}", ControllerView.Of(c, null)));
        }).RequireAuthorization(Policies.Configure)
            .Produces<ControllerView>(StatusCodes.Status201Created).ProducesValidationProblem();

        controllers.MapGet("/", async (PageQuery page, DirectoryQueries directory, CancellationToken ct) =>
            Results.Ok(Listing<ControllerSummary>.Of(await directory.Controllers(page.Paging, ct), ControllerSummary.Of)))
            .Produces<Listing<ControllerSummary>>().ProducesValidationProblem();

        controllers.MapGet("/{id}", async (ControllerId id, FleetAdmin admin) =>
        {
            var config = await admin.GetController(id);
            if (config.Value is not { } state) return RejectionResults.Problem(config.Rejection!);
            return Results.Ok(ControllerView.Of(state, (await admin.GetDriverStatus(id)).Value));
        }).Produces<ControllerView>();

        controllers.MapMethods("/{id}", [HttpMethods.Patch], async (ControllerId id, Body<ChangeControllerRequest> body, FleetAdmin admin,
            ControllerNetworks networks, ClaimsPrincipal user) =>
        {
            var r = body.Value;
            if (UnreachableHost(r.Host, networks) is { } unreachable) return unreachable;
            return (await admin.ChangeController(id, r.Host, r.Port, r.OfflinePolicy, user.Identity!.Name!))
                .ToResult(c => Results.Ok(ControllerView.Of(c, null)));
        }).RequireAuthorization(Policies.Configure).Produces<ControllerView>()
            .ProducesValidationProblem();

        controllers.MapPost("/{id}/commissioning", async (ControllerId id, Body<OpenCommissioningRequest> body, FleetAdmin admin, ClaimsPrincipal user) =>
            (await admin.OpenCommissioning(id, body.Value.BusAddress!.Value, TimeSpan.FromMinutes(body.Value.Minutes!.Value), user.Identity!.Name!))
                .ToResult(c => Results.Ok(ControllerView.Of(c, null))))
            .RequireAuthorization(Policies.Configure).Produces<ControllerView>().ProducesValidationProblem();

        controllers.MapPost("/{id}/devices/{address}/rotate-key", async (ControllerId id, int address, FleetAdmin admin, ClaimsPrincipal user) =>
            address is < 0 or > 0x7E
                ? new Validator().Fail("address", "must be a bus address from 0 to 126").Problem()
                : (await admin.RotateDeviceKey(id, address, user.Identity!.Name!)).ToResult(c => Results.Accepted($"/api/v1/controllers/{id}", ControllerView.Of(c, null))))
            .RequireAuthorization(Policies.Configure).Produces<ControllerView>(StatusCodes.Status202Accepted).ProducesValidationProblem();

        controllers.MapPut("/{id}/tls", async (ControllerId id, Body<PinControllerTlsRequest> body, FleetAdmin admin, ClaimsPrincipal user) =>
            (await admin.SetControllerTls(id, body.Value.Thumbprint, user.Identity!.Name!)).ToResult(c => Results.Ok(ControllerView.Of(c, null))))
            .RequireAuthorization(Policies.Configure).Produces<ControllerView>().ProducesValidationProblem();

        controllers.MapDelete("/{id}/tls", async (ControllerId id, FleetAdmin admin, ClaimsPrincipal user) =>
            (await admin.SetControllerTls(id, null, user.Identity!.Name!)).ToResult(c => Results.Ok(ControllerView.Of(c, null))))
            .RequireAuthorization(Policies.Configure).Produces<ControllerView>();

        controllers.MapDelete("/{id}", async (ControllerId id, FleetAdmin admin, ClaimsPrincipal user) =>
            (await admin.DecommissionController(id, user.Identity!.Name!)).ToResult(_ => Results.NoContent()))
            .RequireAuthorization(Policies.Configure).Produces(StatusCodes.Status204NoContent);
        return api;
    }

    /// <summary>A controller the node may not dial (FleetKeys:Controllers:AllowedNetworks) is refused where it is named.</summary>
    private static IResult? UnreachableHost(string? host, ControllerNetworks networks) =>
        host is null || networks.Allows(host) ? null : new Validator().Fail("host", networks.Bound).Problem();
}
