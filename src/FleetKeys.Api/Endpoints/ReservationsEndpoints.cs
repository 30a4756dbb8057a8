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

/// <summary>
/// <c>LeadMinutes</c>: how long before <c>From</c> nobody else may take the key (default 30). <c>Until</c> must also be in
/// the future (checked by the endpoint, which knows the time).
/// </summary>
public sealed record ReserveKeyRequest(string? PersonId, DateTimeOffset? From, DateTimeOffset? Until, int? LeadMinutes) : IValidatable
{
    public void Validate(Validator check) => check.Id("personId", PersonId).Required("from", From).Required("until", Until)
        .Check(From is null || Until is null || Until > From, "until", "must be after from")
        .Check(From is null || Until is null || Until - From <= Reservation.MaxLength, "until", $"must be at most {Reservation.MaxLength.TotalDays} days after from")
        .Range("leadMinutes", LeadMinutes, 0, (int)Reservation.MaxLeadTime.TotalMinutes, required: false);
}

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
        var reservations = api.MapGroup("/cabinets/{id}/slots/{slot:int}/reservations").WithTags("Reservations").Scoped(ScopeRule.Slot);

        reservations.MapPost("/", async (CabinetId id, SlotNumber slot, Body<ReserveKeyRequest> body, FleetAdmin admin, TimeProvider clock) =>
        {
            var r = body.Value;
            if (r.Until <= clock.GetUtcNow()) return new Validator().Fail("until", "must be in the future").Problem();
            var reservation = ReservationId.New();
            return (await admin.Reserve(slot.In(id), reservation, new PersonId(r.PersonId!), r.From!.Value, r.Until!.Value,
                    TimeSpan.FromMinutes(r.LeadMinutes ?? DefaultLeadMinutes)))
                .ToResult(s => Results.Created($"/api/v1/cabinets/{id}/slots/{slot}/reservations/{reservation}",
                    ReservationView.Of(s.Reservations.Single(b => b.Id == reservation))));
        }).RequireAuthorization(Policies.Operate).Produces<ReservationView>(StatusCodes.Status201Created)
            .ProducesValidationProblem();

        reservations.MapGet("/", async (CabinetId id, SlotNumber slot, FleetAdmin admin) =>
            (await admin.GetCustody(slot.In(id))).ToResult(s => Results.Ok(s.Reservations.OrderBy(r => r.From).Select(ReservationView.Of).ToList())))
            .Produces<List<ReservationView>>();

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
