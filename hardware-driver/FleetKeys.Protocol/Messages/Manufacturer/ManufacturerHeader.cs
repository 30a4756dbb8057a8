using FleetKeys.Protocol.Binary;

namespace FleetKeys.Protocol.Messages;

/// <summary>The [vendor code][sub-code] that opens every MFG and MFGREP payload.</summary>
internal static class ManufacturerHeader
{
    public static void Write(ref PayloadWriter writer, byte subcode)
    {
        VendorCode.FleetKeys.Write(ref writer);
        writer.U8(subcode);
    }

    /// <summary>Another vendor's message is well-formed but not ours: unknown, not malformed.</summary>
    public static byte Read(ref PayloadReader reader)
    {
        if (VendorCode.Read(ref reader) != VendorCode.FleetKeys) reader.Fail(ProtocolError.UnknownCode);
        return reader.U8();
    }
}
