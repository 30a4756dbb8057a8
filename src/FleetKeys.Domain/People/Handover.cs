using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.People;

/// <summary>
/// A grant for a key its holder hands to this person. Nobody vouches for the receiver: they must be in good standing,
/// entitled to the key's group at its cabinet on its schedule, and below their limit (return-first included), exactly as
/// for a take at the cabinet; the badge session a take needs is replaced by the holder's presence or the operator's word.
/// </summary>
public sealed record RequestHandoverGrant(
    PersonId Person, GrantId Grant, SlotId Slot, KeyGroup Group, SiteId Site, string TimeZoneId, DateTimeOffset At, DateTimeOffset ExpiresAt,
    IReadOnlyList<DateOnly>? Holidays = null, bool ReturnFirst = false) : PersonCommand(Person, At), IAsk<GrantIssued>;

/// <summary>From the slot: the handover under <c>Grant</c> is recorded, so the receiver now holds the key.</summary>
public sealed record ConfirmReceived(PersonId Person, GrantId Grant, SlotId Slot, PersonId From, DateTimeOffset At) : PersonCommand(Person, At);

/// <summary>From the slot: the giver handed the key to <c>To</c> and holds it no longer.</summary>
public sealed record ConfirmPassedOn(PersonId Person, SlotId Slot, PersonId To, DateTimeOffset At) : PersonCommand(Person, At);

/// <summary>Recorded in the receiver's journal: they hold the key <c>From</c> handed them.</summary>
public sealed record KeyReceived(PersonId Person, GrantId Grant, SlotId Slot, PersonId From, DateTimeOffset At) : PersonEvent(Person, At);

/// <summary>Recorded in the giver's journal: they handed the key to <c>To</c>.</summary>
public sealed record KeyPassedOn(PersonId Person, SlotId Slot, PersonId To, DateTimeOffset At) : PersonEvent(Person, At);
