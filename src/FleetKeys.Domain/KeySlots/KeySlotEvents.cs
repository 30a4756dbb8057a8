using System.Text.Json.Serialization;
using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.KeySlots;

/// <summary>Custody facts; the slot's journal is the key's audit trail.</summary>
public abstract record KeySlotEvent(SlotId Slot, DateTimeOffset At) : IFleetKeysMessage;

public sealed record KeyAssigned(SlotId Slot, KeyDefinition Key, string TimeZoneId, DateTimeOffset At, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? By = null)
    : KeySlotEvent(Slot, At);

/// <summary>The slot has no key any more; <c>WasMissing</c>: the key had been forcibly removed and is written off.</summary>
public sealed record KeyRemoved(SlotId Slot, KeyId Key, bool WasMissing, string By, DateTimeOffset At) : KeySlotEvent(Slot, At);

/// <summary>
/// <c>Remote</c> records who in the control room released the key and why; null for a release at the cabinet.
/// <c>Authoriser</c> is the second person of the two-person rule. <c>Site</c>: the key's cabinet's site then (null in facts
/// recorded before it was kept, and in an offline release's).
/// </summary>
public sealed record KeyReleased(
    SlotId Slot, GrantId Grant, PersonId Person, SessionId Session, DateTimeOffset At, DateTimeOffset Until,
    [property: Personal(Period = "At")] RemoteRelease? Remote = null, PersonId? Authoriser = null, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SiteId? Site = null)
    : KeySlotEvent(Slot, At);

public sealed record ReleaseExpired(SlotId Slot, GrantId Grant, PersonId Person, DateTimeOffset At) : KeySlotEvent(Slot, At);

/// <summary>
/// The person's revocation voided the grant of this release: the slot is locked again (its driver relocks it). Until the
/// voided window would have ended, a removal of the key is a take under the voided grant.
/// </summary>
public sealed record ReleaseVoided(SlotId Slot, GrantId Grant, PersonId Person, int Revision, DateTimeOffset Until, DateTimeOffset At)
    : KeySlotEvent(Slot, At);

/// <summary>
/// The key left under a release the person's revocation voided: it was in the hand before the lock closed, or the
/// controller had not relocked yet. A security alarm; the custody itself is the <see cref="KeyTaken"/> beside it.
/// <c>Revision</c> is the person's revocation that voided it.
/// </summary>
public sealed record KeyTakenUnderVoidedGrant(
    SlotId Slot, GrantId Grant, PersonId Person, int Revision, DateTimeOffset TakenAt, DateTimeOffset At) : KeySlotEvent(Slot, At);

/// <summary><c>Authoriser</c> repeats the release's second person, so the take itself shows both people.</summary>
public sealed record KeyTaken(SlotId Slot, GrantId Grant, PersonId Person, DateTimeOffset At, DateTimeOffset? DueAt, PersonId? Authoriser = null)
    : KeySlotEvent(Slot, At);

/// <summary>The key was not back by its due time; recorded once per custody, however often the deadline is noticed.</summary>
public sealed record KeyOverdue(SlotId Slot, PersonId Holder, DateTimeOffset DueAt, DateTimeOffset At) : KeySlotEvent(Slot, At);

/// <summary>The holder is reminded that the key is due back soon; recorded once per custody.</summary>
public sealed record KeyDueSoon(SlotId Slot, PersonId Holder, DateTimeOffset DueAt, DateTimeOffset At) : KeySlotEvent(Slot, At);

/// <summary>
/// An overdue key is escalated past its holder (step 1 is the overdue itself): once per step and custody.
/// </summary>
public sealed record OverdueEscalated(
    SlotId Slot, PersonId Holder, DateTimeOffset DueAt, int Step, EscalationAudience Audience, DateTimeOffset At) : KeySlotEvent(Slot, At);

public sealed record KeyForciblyRemoved(SlotId Slot, TagId Tag, DateTimeOffset At) : KeySlotEvent(Slot, At);

/// <summary>
/// <c>Holder</c> is null when the key was missing (forcibly removed) rather than held. <c>PlacedIn</c> is the slot the key
/// went into when that is not its home: the custody ends all the same, since the key is locked in a cabinet.
/// </summary>
public sealed record KeyReturned(SlotId Slot, PersonId? Holder, PersonId? ReturnedBy, DateTimeOffset At, bool WasOverdue, SlotId? PlacedIn = null)
    : KeySlotEvent(Slot, At)
{
    public bool ByHolder => Holder is not null && ReturnedBy == Holder;
}
