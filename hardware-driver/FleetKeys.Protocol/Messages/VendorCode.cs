using FleetKeys.Protocol.Binary;

namespace FleetKeys.Protocol.Messages;

/// <summary>
/// A 3-byte IEEE OUI, sent in the order written. FleetKeys has no assigned OUI, so its MFG
/// messages use 0A-46-4B: the "locally administered" bit (0x02 of the first byte) is set, which
/// keeps it out of the range the IEEE assigns, and 46 4B is "FK" in ASCII.
/// </summary>
public readonly record struct VendorCode(byte First, byte Second, byte Third)
{
    public static VendorCode FleetKeys { get; } = new(0x0A, 0x46, 0x4B);

    public override string ToString() => $"{First:X2}-{Second:X2}-{Third:X2}";

    internal void Write(ref PayloadWriter writer)
    {
        writer.U8(First);
        writer.U8(Second);
        writer.U8(Third);
    }

    internal static VendorCode Read(ref PayloadReader reader) => new(reader.U8(), reader.U8(), reader.U8());
}
