using System.Text.Json.Serialization;
using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.People;

public abstract record PersonEvent(PersonId Person, DateTimeOffset At) : IFleetKeysMessage
{
    /// <summary>
    /// Where the change came from, so the audit answers it; null for a cabinet's own events and those recorded before it
    /// was kept, and then left out of the JSON, so those events (and the audit rows chained over them) read as before.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ChangeOrigin? Origin { get; init; }

    /// <summary>The outside system's order for the change this event records (see <see cref="PersonCommand.Sent"/>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SourceVersion? Sent { get; init; }
}

public sealed record PersonRegistered(PersonId Person, [property: Personal] string Name, DateTimeOffset? ValidFrom, DateTimeOffset? ValidUntil, int MaxKeys, DateTimeOffset At)
    : PersonEvent(Person, At);

public sealed record PersonRenamed(PersonId Person, [property: Personal] string Name, DateTimeOffset At) : PersonEvent(Person, At);

public sealed record ValidityChanged(PersonId Person, DateTimeOffset? ValidFrom, DateTimeOffset? ValidUntil, DateTimeOffset At)
    : PersonEvent(Person, At);

public sealed record KeyLimitChanged(PersonId Person, int MaxKeys, DateTimeOffset At) : PersonEvent(Person, At);

/// <summary>A change from an outside system that found the person as it asked: only its order is recorded, so an older change cannot follow.</summary>
public sealed record SourceVersionRecorded(PersonId Person, DateTimeOffset At) : PersonEvent(Person, At);

public sealed record BadgeAdded(PersonId Person, [property: Personal] BadgeNumber Badge, DateTimeOffset At) : PersonEvent(Person, At);

public sealed record BadgeRemoved(PersonId Person, [property: Personal] BadgeNumber Badge, DateTimeOffset At) : PersonEvent(Person, At);

/// <summary>The person is the outside system's cardholder <c>External</c>; the link stays for good, through revocation too.</summary>
public sealed record ExternalIdLinked(PersonId Person, [property: Personal] ExternalId External, DateTimeOffset At) : PersonEvent(Person, At);

/// <summary><c>By</c> is who set it (null in events recorded before it was kept); the hash itself is never shown.</summary>
public sealed record PinSet(PersonId Person, [property: Secret] string PinHash, DateTimeOffset At, string? By = null) : PersonEvent(Person, At)
{
    public override string ToString() => $"PinSet {{ Person = {Person}, At = {At:O}, By = {By} }}";
}

public sealed record EntitlementsSet(PersonId Person, IReadOnlyList<Entitlement> Entitlements, DateTimeOffset At) : PersonEvent(Person, At);

/// <summary>
/// From this event on the person is denied everything; it lists what was cut off and what is still out.
/// <c>Releases</c> are the releases the voided grants stood for, still open then: their slots are to be locked again.
/// </summary>
public sealed record PersonRevoked(
    PersonId Person,
    PersonStatus Status,
    [property: Personal] string Reason,
    IReadOnlyList<PersonSession> SessionsClosed,
    IReadOnlyList<GrantId> GrantsVoided,
    IReadOnlyList<SlotId> KeysHeld,
    DateTimeOffset At,
    int Revision = 1,
    IReadOnlyList<PendingGrant>? Releases = null) : PersonEvent(Person, At);

/// <summary>Where the slot of a release voided by revocation <c>Revision</c> now stands (from the slot, or from its driver).</summary>
public sealed record RelockReported(PersonId Person, int Revision, SlotId Slot, RelockState State, DateTimeOffset At) : PersonEvent(Person, At);

/// <summary>A controller's cabinets no longer admit the person offline: the revocation reached that controller.</summary>
public sealed record ContactSet(PersonId Person, [property: Personal] string? Email, PersonId? Manager, DateTimeOffset At) : PersonEvent(Person, At);

public sealed record PurgeConfirmed(PersonId Person, int Revision, ControllerId Controller, DateTimeOffset At) : PersonEvent(Person, At);

public sealed record PersonReinstated(PersonId Person, DateTimeOffset At) : PersonEvent(Person, At);

/// <summary>
/// The person was erased: their key is destroyed next, so every personal field of theirs in the journal becomes unreadable;
/// from here on they hold nothing, are admitted nowhere and are shown as "erased person #id". Who, when and why, in clear.
/// </summary>
public sealed record PersonErased(PersonId Person, string By, string Reason, DateTimeOffset At) : PersonEvent(Person, At);

public sealed record SessionOpened(PersonId Person, SessionId Session, CabinetId Cabinet, DateTimeOffset ExpiresAt, int RemainingCapacity, DateTimeOffset At)
    : PersonEvent(Person, At);

public sealed record GrantIssued(PersonId Person, GrantId Grant, SessionId Session, SlotId Slot, DateTimeOffset ExpiresAt, DateTimeOffset At)
    : PersonEvent(Person, At);

public sealed record KeyPickedUp(PersonId Person, GrantId Grant, SlotId Slot, DateTimeOffset At) : PersonEvent(Person, At);

public sealed record GrantLapsed(PersonId Person, GrantId Grant, DateTimeOffset At) : PersonEvent(Person, At);

public sealed record KeyHandedBack(PersonId Person, SlotId Slot, DateTimeOffset At) : PersonEvent(Person, At);

public sealed record SessionClosed(PersonId Person, SessionId Session, DateTimeOffset At) : PersonEvent(Person, At);

public sealed record DuressPinSet(PersonId Person, [property: Secret] string PinHash, DateTimeOffset At, string? By = null) : PersonEvent(Person, At)
{
    public override string ToString() => $"DuressPinSet {{ Person = {Person}, At = {At:O}, By = {By} }}";
}

public sealed record DuressPinCleared(PersonId Person, DateTimeOffset At) : PersonEvent(Person, At);

/// <summary>
/// A wrong PIN at <c>Cabinet</c>, the <c>Failures</c>-th within the policy's window; <c>LockedUntil</c> is set when it
/// locked the person out.
/// </summary>
public sealed record WrongPinEntered(PersonId Person, CabinetId Cabinet, int Failures, DateTimeOffset? LockedUntil, DateTimeOffset At)
    : PersonEvent(Person, At);

/// <summary>The duress PIN was typed at <c>Cabinet</c>: the session went on as usual, the control room is told silently.</summary>
public sealed record DuressPinEntered(PersonId Person, CabinetId Cabinet, DateTimeOffset At) : PersonEvent(Person, At);

/// <summary>A controller admitted the person offline at <c>GrantedAt</c>, after their revocation at <c>RevokedAt</c> (the purge had not reached it).</summary>
public sealed record OfflineGrantAfterRevocation(
    PersonId Person, CabinetId Cabinet, int Slot, DateTimeOffset GrantedAt, DateTimeOffset RevokedAt, DateTimeOffset At) : PersonEvent(Person, At);
