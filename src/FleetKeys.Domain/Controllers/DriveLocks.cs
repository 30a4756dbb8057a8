using System.Text.Json.Serialization;
using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.Controllers;

/// <summary>
/// Drives a cabinet's locks for a decision the cluster has already persisted (a remote release, an emergency open, a
/// lock-down): release the door and/or the listed slots until <c>Until</c>, or lock them now. No reply: the persisted decision
/// is the record, and a controller that is offline simply misses the command. The end is a moment, not a duration, so a
/// command held up on its way (or sent again after a new session) never opens a slot past the window the slot recorded.
/// </summary>
public sealed record DriveLocks(ControllerId Controller, CabinetId Cabinet, bool Door, IReadOnlyList<int> Slots, bool Release, DateTimeOffset Until)
    : IControllerMessage;

/// <summary>
/// Locks a slot whose release a revocation voided (persisted on the slot already). Unlike <see cref="DriveLocks"/> it is not
/// missed by a controller that is offline: the driver keeps it queued and sends it after the next handshake, and confirms
/// the acknowledged lock to the person of revocation <c>Revision</c>. <c>SitsIn</c>: the slot the key sits in when it was
/// put back somewhere other than its home <c>Slot</c>, in its own cabinet or another; that is the lock to close.
/// </summary>
public sealed record DriveRelock(ControllerId Controller, SlotId Slot, PersonId Person, int Revision, SlotId? SitsIn = null) : IControllerMessage
{
    [JsonIgnore]
    public SlotId LockToClose => SitsIn ?? Slot;
}
