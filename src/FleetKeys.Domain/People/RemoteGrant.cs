using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.People;

/// <summary>
/// A grant for a key an operator releases remotely to this person. The operator vouches for the need (entitlement,
/// schedule and a session at the cabinet are not asked for), but the person must be in good standing and below the limit.
/// </summary>
public sealed record RequestRemoteGrant(PersonId Person, GrantId Grant, SlotId Slot, DateTimeOffset At, DateTimeOffset ExpiresAt, bool ReturnFirst = false)
    : PersonCommand(Person, At), IAsk<GrantIssued>;

/// <summary>Removes the PIN (a reset): cabinets that require one refuse the person until a new PIN is set.</summary>
public sealed record ClearPin(PersonId Person, DateTimeOffset At) : PersonCommand(Person, At);

public sealed record PinCleared(PersonId Person, DateTimeOffset At) : PersonEvent(Person, At);
