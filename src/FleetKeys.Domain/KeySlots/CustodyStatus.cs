namespace FleetKeys.Domain.KeySlots;

public enum CustodyStatus
{
    /// <summary>No key is homed in this slot yet.</summary>
    Unassigned,
    InSlot,
    /// <summary>The slot is unlocked for one person until the release window ends.</summary>
    Released,
    Out,
    /// <summary>The tag left the slot without a release: a forced removal; nobody is accountable yet.</summary>
    Missing,
}
