using System.Security.Claims;
using FleetKeys.Api.Auth;
using FleetKeys.Api.Binding;
using FleetKeys.Api.Problems;
using FleetKeys.Cluster.Administration;
using FleetKeys.Cluster.Projections;
using FleetKeys.Cluster.Projections.Rows;
using FleetKeys.Domain;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeySlots;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FleetKeys.Api.Endpoints;

/// <summary><c>Severity</c> is "minor", "major" or "critical"; a critical fault keeps the key in its slot until it is cleared.</summary>
public sealed record ReportFaultRequest(string? Severity, string? Description) : IValidatable
{
    public void Validate(Validator check) => check
        .Check(SeverityOf(Severity) is not null, "severity", "must be 'minor', 'major' or 'critical'")
        .Text("description", Description, KeyFault.MaxDescriptionLength);

    /// <summary>Only the three names: a number or any other spelling an enum parser would take is not a severity.</summary>
    public static FaultSeverity? SeverityOf(string? severity) =>
        Enum.GetValues<FaultSeverity>().Where(s => s.ToString().Equals(severity, StringComparison.OrdinalIgnoreCase))
            .Select(s => (FaultSeverity?)s).FirstOrDefault();
}

public sealed record ClearFaultRequest(string? Note) : IValidatable
{
    public void Validate(Validator check) => check.Text("note", Note, KeyFault.MaxDescriptionLength);
}

/// <summary>A fault on a key: <c>ReportedBy</c> is the person who reported it at the cabinet, <c>ReportedVia</c> where it came from.</summary>
public sealed record FaultView(string Id, FaultSeverity Severity, string Description, string? ReportedBy, string ReportedVia, DateTimeOffset ReportedAt)
{
    public static FaultView Of(KeyFault f) => new(f.Id.Value, f.Severity, f.Description, f.ReportedBy?.Value, f.By, f.ReportedAt);
}

/// <summary>An open fault in the fleet's list, with the key it is against.</summary>
public sealed record OpenFaultView(
    string Id, string KeyId, string KeyName, string CabinetId, int Slot, FaultSeverity Severity, string Description, string? ReportedBy,
    string ReportedVia, DateTimeOffset ReportedAt)
{
    public static OpenFaultView Of(FaultRow f) => new(f.FaultId, f.KeyId, f.KeyName, f.CabinetId, f.Slot, Enum.Parse<FaultSeverity>(f.Severity),
        f.Description, f.ReportedBy, f.ReportedVia, Ticks.Instant(f.ReportedAt));
}

/// <summary>Faults reported against a key and their clearing; see docs/policies.md "Fault reports".</summary>
public static class FaultsEndpoints
{
    public static RouteGroupBuilder MapFaults(this RouteGroupBuilder api)
    {
        var faults = api.MapGroup("/cabinets/{id}/slots/{slot:int}/faults").WithTags("Faults").Scoped(ScopeRule.Slot);

        faults.MapPost("/", async (CabinetId id, SlotNumber slot, Body<ReportFaultRequest> body, FleetAdmin admin, ClaimsPrincipal user) =>
        {
            var fault = FaultId.New();
            var r = body.Value;
            return (await admin.ReportFault(slot.In(id), fault, ReportFaultRequest.SeverityOf(r.Severity)!.Value, r.Description!, user.Identity!.Name!))
                .ToResult(s => Results.Created($"/api/v1/cabinets/{id}/slots/{slot}/faults/{fault}",
                    FaultView.Of(s.OpenFaults.Single(f => f.Id == fault))));
        }).RequireAuthorization(Policies.Operate).Produces<FaultView>(StatusCodes.Status201Created).ProducesValidationProblem();

        faults.MapGet("/", async (CabinetId id, SlotNumber slot, FleetAdmin admin) =>
            (await admin.GetCustody(slot.In(id))).ToResult(s => Results.Ok(s.OpenFaults.Select(FaultView.Of).ToList())))
            .Produces<List<FaultView>>();

        faults.MapGet("/{faultId}", async (CabinetId id, SlotNumber slot, FaultId faultId, FleetAdmin admin) =>
            (await admin.GetCustody(slot.In(id))).ToResult(s => s.OpenFaults.FirstOrDefault(f => f.Id == faultId) is { } open
                ? Results.Ok(FaultView.Of(open))
                : RejectionResults.Problem(Rejection.Of(RejectionCode.NotFound, $"the key in slot {s.Slot} has no open fault {faultId}"))))
            .Produces<FaultView>();

        faults.MapPost("/{faultId}/clear", async (CabinetId id, SlotNumber slot, FaultId faultId, Body<ClearFaultRequest> body, FleetAdmin admin,
                ClaimsPrincipal user) =>
            (await admin.ClearFault(slot.In(id), faultId, body.Value.Note!, user.Identity!.Name!)).ToResult(s => Results.Ok(CustodyView.Of(s))))
            .RequireAuthorization(Policies.Operate).Produces<CustodyView>().ProducesValidationProblem();
        return api;
    }
}
