using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.Controllers;

/// <summary>
/// Drives a cabinet's locks for a decision the cluster has already persisted (a remote release, an emergency open, a
/// lock-down): release the door and/or the listed slots for <c>For</c>, or lock them now. No reply: the persisted decision
/// is the record, and a controller that is offline simply misses the command.
/// </summary>
public sealed record DriveLocks(ControllerId Controller, CabinetId Cabinet, bool Door, IReadOnlyList<int> Slots, bool Release, TimeSpan For)
    : IControllerMessage;
