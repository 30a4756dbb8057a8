using FleetKeys.Protocol;

namespace FleetKeys.Simulator;

/// <summary>
/// A slot as a test sees it at one moment. <see cref="Tag"/> is the tag physically in the slot
/// (null when empty, which need not be <see cref="HomeTag"/> after a wrong return).
/// <see cref="UnlockedUntil"/> is on the simulator's TimeProvider: null while locked,
/// <see cref="DateTimeOffset.MaxValue"/> when released until told otherwise.
/// </summary>
public sealed record SlotState(byte Slot, ByteString HomeTag, ByteString? Tag, DateTimeOffset? UnlockedUntil)
{
    public bool IsUnlocked => UnlockedUntil is not null;
}

/// <summary>The cabinet door: its contact (open or closed) and its lock, as <see cref="SlotState"/>.</summary>
public sealed record DoorState(bool IsOpen, DateTimeOffset? UnlockedUntil)
{
    public bool IsUnlocked => UnlockedUntil is not null;
}
