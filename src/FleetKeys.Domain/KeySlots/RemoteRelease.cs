using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.KeySlots;

/// <summary>
/// Who in the control room released a key without the person at the cabinet, and why. The reason is typed about the
/// person released to, and sealed under them where the holding record passes them down.
/// </summary>
public sealed record RemoteRelease([property: Personal(PersonalAttribute.Enclosing)] string Reason, string By) : IFleetKeysMessage;

/// <summary>
/// A control-room release of the key to a named person, sent by the cabinet once its own rules allow it
/// (<see cref="Cabinets.ReleaseRemotely"/>). Handled by the slot's shell like a release at the cabinet: the person grants it
/// (so a revocation still wins), the release is persisted, and only then may the slot be unlocked.
/// </summary>
public sealed record RequestRemoteRelease(SlotId Slot, PersonId Person, string Reason, string By, DateTimeOffset At, SiteId? Site = null)
    : IKeySlotMessage, IAsk<ReleaseGranted>;
