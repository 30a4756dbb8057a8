using FleetKeys.Domain.Ids;
using FleetKeys.Domain.People;

namespace FleetKeys.Domain.KeySlots;

public interface IKeySlotMessage : IFleetKeysMessage
{
    SlotId Slot { get; }
}

/// <summary>Commands decided by <see cref="KeySlotState"/>; <c>At</c> is when the fact happened (hardware time for slot events).</summary>
public abstract record KeySlotCommand(SlotId Slot, DateTimeOffset At) : IKeySlotMessage;

public sealed record AssignKey(SlotId Slot, KeyDefinition Key, string TimeZoneId, DateTimeOffset At, string? By = null)
    : KeySlotCommand(Slot, At), IAsk<KeySlotDetails>;

/// <summary>
/// Takes the key out of the system (the cabinet gives up its home after): never while it is released to someone or out. A
/// missing key (forcibly removed) may be written off this way.
/// </summary>
public sealed record RemoveKey(SlotId Slot, string By, DateTimeOffset At) : KeySlotCommand(Slot, At), IAsk<KeySlotDetails>;

/// <summary>
/// Issued by the slot's own shell once the person's grant is in hand; never sent by others.
/// <c>Remote</c> is set when a control-room operator released the key rather than the person at the cabinet.
/// </summary>
public sealed record ReleaseKey(
    SlotId Slot, GrantId Grant, PersonId Person, SessionId Session, DateTimeOffset At, DateTimeOffset Until, RemoteRelease? Remote = null,
    PersonId? Authoriser = null, int? Reason = null, SiteId? Site = null)
    : KeySlotCommand(Slot, At);

public sealed record ExpireRelease(SlotId Slot, GrantId Grant, DateTimeOffset At) : KeySlotCommand(Slot, At);

public sealed record RecordTagRemoved(SlotId Slot, TagId Tag, DateTimeOffset At) : KeySlotCommand(Slot, At), IAsk<KeySlotDetails>;

/// <summary>
/// A custody deadline has passed — reminder, due time or escalation step (told by the cabinet, which keeps the slots'
/// next deadlines and wakes after a crash). Every step due by <c>At</c> and not yet recorded is recorded.
/// </summary>
public sealed record NoticeOverdue(SlotId Slot, DateTimeOffset At) : KeySlotCommand(Slot, At);

/// <summary>The key's tag went into a slot of a cabinet; <c>PlacedIn</c> names that slot when it is not the key's home.</summary>
public sealed record RecordTagReturned(SlotId Slot, TagId Tag, PersonId? ReturnedBy, DateTimeOffset At, SlotId? PlacedIn = null)
    : KeySlotCommand(Slot, At), IAsk<KeySlotDetails>;

/// <summary>
/// From the person: their revocation voided <c>Grant</c>, so the release it stands for ends and the slot locks again.
/// At-least-once; answered with <see cref="RelockAnswer"/>. <c>Revision</c> is the revocation's, passed on to the driver
/// so its confirmation of the lock reaches the right revocation.
/// </summary>
public sealed record VoidRelease(SlotId Slot, GrantId Grant, PersonId Person, int Revision, DateTimeOffset At) : KeySlotCommand(Slot, At), IAsk<RelockAnswer>;

/// <summary>
/// The take-flow step that needs the person's grant before the slot decides; handled by the shell. <c>Holidays</c> are the
/// site's; <c>Authorisation</c> names the second person when the key is under the two-person rule. <c>From</c> names the
/// cabinet the key was chosen at when that is not its home's (it sits there, returned in its return group).
/// </summary>
public sealed record RequestRelease(
    SlotId Slot, PersonId Person, SessionId Session, SiteId Site, DateTimeOffset At,
    IReadOnlyList<DateOnly>? Holidays = null, DualAuthorisation? Authorisation = null, CabinetId? From = null, int? Reason = null)
    : IKeySlotMessage, IAsk<ReleaseGranted>;

/// <summary>
/// A release the controller granted on its own while offline, uploaded now: the person was admitted by the pushed
/// allow-list, so no grant is asked for; the release is recorded so the take that follows is theirs.
/// </summary>
public sealed record RecordOfflineRelease(SlotId Slot, PersonId Person, DateTimeOffset At) : IKeySlotMessage, IAsk<KeySlotDetails>;

public sealed record GetCustody(SlotId Slot) : IKeySlotMessage, IAsk<KeySlotDetails>;

public sealed record ReleaseGranted(SlotId Slot, GrantId Grant, DateTimeOffset Until) : IFleetKeysMessage;

/// <summary>The answer to <see cref="VoidRelease"/>: where the voided release stands at the slot.</summary>
public sealed record RelockAnswer(SlotId Slot, RelockState State) : IFleetKeysMessage;
