namespace FleetKeys.Protocol.Framing;

/// <summary>The optional block after the control byte: [length][type][data], length counting all three.</summary>
public readonly record struct SecurityBlock(SecurityBlockType Type, ByteString Data)
{
    internal int WireLength => 2 + Data.Length;

    /// <summary>OSDP puts a MAC before the CRC on blocks SCS_15..SCS_18; the framing must know to find it.</summary>
    internal static bool TypeCarriesMac(byte type) => type is >= 0x15 and <= 0x18;
}
