namespace FleetKeys.Domain.KeySlots;

/// <summary>
/// Where a key may be put back. Wherever it is put, a key inside a cabinet is no longer out: the rule says only whether a
/// slot other than its home is a wrong-slot return (an alarm, and the user is guided home) or a return like any other.
/// </summary>
public enum ReturnRule
{
    /// <summary>Only its own slot; the rule of every key assigned before there was a choice.</summary>
    HomeSlot,

    /// <summary>Any free slot of its cabinet (KeyTrak's any-slot return); the next release unlocks the slot it is in.</summary>
    AnySlotOfCabinet,

    /// <summary>
    /// Any free slot of its cabinet, or of any cabinet in its policy's named return group (Traka's random return to multiple
    /// systems); the key is then released from the slot it sits in at that cabinet.
    /// </summary>
    ReturnGroup,
}
