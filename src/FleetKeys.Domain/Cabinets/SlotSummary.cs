using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeySlots;

namespace FleetKeys.Domain.Cabinets;

/// <summary>
/// The cabinet's copy of one slot's custody: enough to wake deadlines (the due time, the next reservation's start) and
/// show the cabinet at a glance.
/// </summary>
public sealed record SlotSummary(int Slot, CustodyStatus Status, PersonId? Holder, DateTimeOffset? DueAt, DateTimeOffset? NextReservationAt = null)
    : IFleetKeysMessage;

public sealed record CabinetSession(SessionId Session, PersonId Person, DateTimeOffset OpenedAt, DateTimeOffset ExpiresAt) : IFleetKeysMessage;
