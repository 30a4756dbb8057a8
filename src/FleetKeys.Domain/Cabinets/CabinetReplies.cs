using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.Cabinets;

/// <summary>
/// What the cabinet tells its controller after a badge; denials are a <see cref="Rejection"/>. <c>Unlock</c> is set when
/// the badge was the second person of the two-person rule and the key waiting for it is released. <c>Handover</c> is set
/// when the badge was the receiver of a handover the holder started here: how it ended.
/// </summary>
public sealed record AccessGranted(
    CabinetId Cabinet, SessionId Session, PersonId Person, int RemainingCapacity, DateTimeOffset ExpiresAt, UnlockSlot? Unlock = null)
    : IFleetKeysMessage
{
    public HandoverAtCabinet? Handover { get; init; }
}

/// <summary>The end of a handover at the cabinet: the key in <c>Slot</c> is the receiver's, or <c>Refused</c> says why not.</summary>
public sealed record HandoverAtCabinet(int Slot, Rejection? Refused) : IFleetKeysMessage;

/// <summary>The holder chose the key they hold: the receiver is to badge by <c>Until</c>.</summary>
public sealed record HandoverStarted(CabinetId Cabinet, int Slot, DateTimeOffset Until) : IFleetKeysMessage;

/// <summary>Unlock this slot until <c>Until</c>; the release is already persisted when this goes out.</summary>
public sealed record UnlockSlot(CabinetId Cabinet, int Slot, GrantId Grant, DateTimeOffset Until) : IFleetKeysMessage;

/// <summary>The acknowledgement of a slot event; <c>GuideToSlot</c> is set when a key went into the wrong slot.</summary>
public sealed record SlotEventRecorded(CabinetId Cabinet, int Slot, int? GuideToSlot) : IFleetKeysMessage;
