using System.Security.Claims;
using FleetKeys.Api.Auth;
using FleetKeys.Api.Binding;
using FleetKeys.Api.Problems;
using FleetKeys.Cluster.Administration;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeySlots;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FleetKeys.Api.Endpoints;

/// <summary><c>LeadMinutes</c>: how long before <c>From</c> nobody else may take the key (default 30).</summary>
public sealed record ReserveKeyRequest(string? PersonId, DateTimeOffset? From, DateTimeOffset? Until, int? LeadMinutes);

public sealed record ReservationView(string Id, string PersonId, DateTimeOffset From, DateTimeOffset Until, int LeadMinutes, bool Started)
{
    public static ReservationView Of(Reservation r) =>
        new(r.Id.Value, r.Person.Value, r.From, r.Until, (int)r.LeadTime.TotalMinutes, r.Started);
}

/// <summary>Booking a key for a time window; see docs/policies.md "Reservations".</summary>
public static class ReservationsEndpoints
{
    public const int DefaultLeadMinutes = 30;

    public static RouteGroupBuilder MapReservations(this RouteGroupBuilder api)
    {
        var reservations = api.MapGroup("/cabinets/{id}/slots/{slot:int}/reservations").WithTags("Reservations");

        reservations.MapPost("/", async (CabinetId id, SlotNumber slot, Body<ReserveKeyRequest> body, FleetAdmin admin, TimeProvider clock) =>
        {
            var slotId = slot.In(id);
            if (body.Value is not { } r) return body.Errors.Problem();
            var check = new Validator().Id("personId", r.PersonId).Required("from", r.From).Required("until", r.Until)
                .Check(r.From is null || r.Until is null || r.Until > r.From, "until", "must be after from")
                .Check(r.From is null || r.Until is null || r.Until - r.From <= Reservation.MaxLength, "until",
                    $"must be at most {Reservation.MaxLength.TotalDays} days after from")
                .Check(r.Until is null || r.Until > clock.GetUtcNow(), "until", "must be in the future")
                .Range("leadMinutes", r.LeadMinutes, 0, (int)Reservation.MaxLeadTime.TotalMinutes, required: false);
            if (!check.IsValid) return check.Problem();
            var reservation = ReservationId.New();
            return (await admin.Reserve(slotId, reservation, new PersonId(r.PersonId!), r.From!.Value, r.Until!.Value,
                    TimeSpan.FromMinutes(r.LeadMinutes ?? DefaultLeadMinutes)))
                .ToResult(s => Results.Created($"/api/v1/cabinets/{id}/slots/{slot}/reservations/{reservation}",
                    ReservationView.Of(s.Reservations.Single(b => b.Id == reservation))));
        }).RequireAuthorization(Policies.Operate).Accepts<ReserveKeyRequest>("application/json").Produces<ReservationView>(StatusCodes.Status201Created)
            .ProducesValidationProblem();

        reservations.MapGet("/", async (CabinetId id, SlotNumber slot, FleetAdmin admin) =>
            (await admin.GetCustody(slot.In(id))).ToResult(s => Results.Ok(s.Reservations.OrderBy(r => r.From).Select(ReservationView.Of).ToList()))).Produces<List<ReservationView>>();

        reservations.MapDelete("/{reservationId}", async (CabinetId id, SlotNumber slot, string reservationId, FleetAdmin admin, ClaimsPrincipal user) =>
        {
            var slotId = slot.In(id);
            if (!Guid.TryParseExact(reservationId, "N", out var guid))
                return RejectionResults.Problem(FleetKeys.Domain.Rejection.Of(FleetKeys.Domain.RejectionCode.NotFound,
                    $"reservation {reservationId} does not exist"));
            return (await admin.CancelReservation(slotId, new ReservationId(guid), user.Identity!.Name!)).ToResult(_ => Results.NoContent());
        }).RequireAuthorization(Policies.Operate).Produces(StatusCodes.Status204NoContent);
        return api;
    }
}
