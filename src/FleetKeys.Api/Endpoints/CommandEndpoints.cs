using System.Security.Claims;
using FleetKeys.Api.Auth;
using FleetKeys.Api.Binding;
using FleetKeys.Api.Problems;
using FleetKeys.Cluster.Administration;
using FleetKeys.Domain.Ids;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FleetKeys.Api.Endpoints;

public sealed record RemoteReleaseRequest(string? PersonId, string? Reason) : IValidatable
{
    public void Validate(Validator check) => check.Id("personId", PersonId).Text("reason", Reason, 500);
}

public sealed record HandoverRequest(string? ToPersonId, string? Reason) : IValidatable
{
    public void Validate(Validator check) => check.Id("toPersonId", ToPersonId).Text("reason", Reason, 500, required: false);
}

public sealed record EmergencyOpenRequest(string? Reason, int? Minutes) : IValidatable
{
    public void Validate(Validator check) => check.Text("reason", Reason, 500)
        .Range("minutes", Minutes, 1, CommandEndpoints.MaxEmergencyMinutes, required: false);
}

public sealed record LockdownRequest(string? Reason) : IValidatable
{
    public void Validate(Validator check) => check.Text("reason", Reason, 500);
}

/// <summary>
/// The control room's commands on cabinets. Each is persisted by its entity before a lock moves, records who gave it
/// (the API key's name) and why, and honours an Idempotency-Key so a retried request takes effect once.
/// </summary>
public static class CommandEndpoints
{
    public const int MaxEmergencyMinutes = 120;

    public static RouteGroupBuilder MapCommands(this RouteGroupBuilder api)
    {
        var cabinets = api.MapGroup("/cabinets/{id}").WithTags("Commands").Scoped(ScopeRule.Cabinet);

        cabinets.MapPost("/slots/{slot:int}/remote-release", async (CabinetId id, SlotNumber slot, Body<RemoteReleaseRequest> body, FleetCommands commands,
            ClaimsPrincipal user) =>
            (await commands.RemoteRelease(slot.In(id), new PersonId(body.Value.PersonId!), body.Value.Reason!, user.Identity!.Name!))
                .ToResult(s => Results.Ok(CustodyView.Of(s)))).Scoped(ScopeRule.Slot).Permits("commands.release").RequireAuthorization(Policies.Operate).Idempotent()
            .Produces<CustodyView>().ProducesValidationProblem();

        // The key is out, so no lock moves: the slot records the new holder once the receiver has granted it like a take.
        cabinets.MapPost("/slots/{slot:int}/handover", async (CabinetId id, SlotNumber slot, Body<HandoverRequest> body, FleetCommands commands,
            ClaimsPrincipal user) =>
            (await commands.HandOver(slot.In(id), new PersonId(body.Value.ToPersonId!), body.Value.Reason, user.Identity!.Name!))
                .ToResult(s => Results.Ok(CustodyView.Of(s)))).Scoped(ScopeRule.Slot).Permits("commands.handover").RequireAuthorization(Policies.Operate).Idempotent()
            .Produces<CustodyView>().ProducesValidationProblem();

        cabinets.MapPost("/emergency-open", async (CabinetId id, Body<EmergencyOpenRequest> body, FleetCommands commands, ClaimsPrincipal user) =>
            (await commands.EmergencyOpen(id, body.Value.Reason!, TimeSpan.FromMinutes(body.Value.Minutes ?? 15), user.Identity!.Name!))
                .ToResult(c => Results.Ok(CabinetView.Of(c)))).Permits("commands.emergency-open").RequireAuthorization(Policies.Operate).Idempotent()
            .Produces<CabinetView>().ProducesValidationProblem();

        cabinets.MapPost("/lockdown", async (CabinetId id, Body<LockdownRequest> body, FleetCommands commands, ClaimsPrincipal user) =>
            (await commands.LockDown(id, body.Value.Reason!, user.Identity!.Name!)).ToResult(c => Results.Ok(CabinetView.Of(c))))
            .Permits("commands.lockdown").RequireAuthorization(Policies.Operate).Idempotent().Produces<CabinetView>()
            .ProducesValidationProblem();

        cabinets.MapPost("/inventory", async (CabinetId id, FleetCommands commands, ClaimsPrincipal user) =>
            (await commands.TakeInventory(id, user.Identity!.Name!)).ToResult(r =>
                Results.Accepted($"/api/v1/cabinets/{id}", new InventoryRequestView(r.Cabinet.Value, r.At))))
            .Permits("commands.inventory").RequireAuthorization(Policies.Operate).Produces<InventoryRequestView>(StatusCodes.Status202Accepted);

        cabinets.MapDelete("/lockdown", async (CabinetId id, FleetCommands commands, ClaimsPrincipal user) =>
            (await commands.LiftLockdown(id, user.Identity!.Name!)).ToResult(c => Results.Ok(CabinetView.Of(c))))
            .Permits("commands.lockdown").RequireAuthorization(Policies.Operate).Idempotent().Produces<CabinetView>();
        return api;
    }
}
