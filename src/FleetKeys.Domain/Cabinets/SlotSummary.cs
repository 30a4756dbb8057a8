using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeySlots;

namespace FleetKeys.Domain.Cabinets;

/// <summary>
/// The cabinet's copy of one slot's custody: enough to wake deadlines and show the cabinet at a glance.
/// <c>NextStepAt</c> is the custody's next pending deadline (reminder, due time or escalation step);
/// <c>NextReservationAt</c> the start of the slot's next reservation; <c>PlacedIn</c> the slot the key sits in when it was put
/// back somewhere other than its home.
/// </summary>
public sealed record SlotSummary(
    int Slot, CustodyStatus Status, PersonId? Holder, DateTimeOffset? DueAt, DateTimeOffset? NextStepAt = null,
    DateTimeOffset? NextReservationAt = null, SlotId? PlacedIn = null)
    : IFleetKeysMessage
{
    /// <summary>When the slot's next approval request's window or validity ends.</summary>
    public DateTimeOffset? NextApprovalDeadline { get; init; }
}

public sealed record CabinetSession(SessionId Session, PersonId Person, DateTimeOffset OpenedAt, DateTimeOffset ExpiresAt) : IFleetKeysMessage;
