using FleetKeys.Protocol;
using FleetKeys.Protocol.Framing;

namespace FleetKeys.Simulator;

/// <summary>
/// One cabinet on a controller's bus: its bus address, its id in the cluster, and the tag (UID)
/// homed in each slot, slot 1 first. The same record describes the cabinet to a node that
/// registers the simulated fleet, so both sides agree on every tag. With <paramref name="ReaderAddress"/> the cabinet is
/// a mixed one: a stock OSDP reader at that address takes badges and PINs (<see cref="SimulatedReader"/>), the board at
/// <paramref name="BusAddress"/> does the rest.
/// </summary>
public sealed record CabinetSpec(byte BusAddress, string CabinetId, ValueList<ByteString> Tags, byte? ReaderAddress = null)
{
    /// <summary>OUT numbers outputs 0 (door) to N in one byte, and the inventory counts slots in one byte.</summary>
    public const int MaxSlots = byte.MaxValue - 1;

    /// <summary>A tag UID travels as bytes8 of 1-32 bytes (docs/protocol.md, event report).</summary>
    public const int MaxTagLength = 32;

    public int SlotCount => Tags.Count;

    /// <summary>The addresses the cabinet answers at: its board's, and its reader's if it has one.</summary>
    public IEnumerable<byte> Addresses => ReaderAddress is { } reader ? [BusAddress, reader] : [BusAddress];

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(BusAddress, Packet.BroadcastAddress, nameof(BusAddress));
        ArgumentException.ThrowIfNullOrWhiteSpace(CabinetId);
        if (ReaderAddress is { } reader && (reader >= Packet.BroadcastAddress || reader == BusAddress))
            throw new ArgumentException($"cabinet {CabinetId}: its reader sits at an address of its own below {Packet.BroadcastAddress}, not {reader}");
        if (Tags.Count is < 1 or > MaxSlots)
            throw new ArgumentException($"cabinet {CabinetId}: 1-{MaxSlots} slots, not {Tags.Count}");
        if (Tags.Any(tag => tag.Length is < 1 or > MaxTagLength))
            throw new ArgumentException($"cabinet {CabinetId}: every tag UID is 1-{MaxTagLength} bytes");
        if (Tags.Distinct().Count() != Tags.Count)
            throw new ArgumentException($"cabinet {CabinetId}: a tag is homed in one slot only");
    }
}
