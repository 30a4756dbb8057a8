using FleetKeys.Protocol.Framing;
using FleetKeys.Protocol.Security;

namespace FleetKeys.Protocol.Channels;

/// <summary>The one-byte data of the handshake's security blocks, as both ends write and check them.</summary>
internal static class HandshakeBlocks
{
    public const byte DefaultKey = 0x00;
    public const byte InstalledKey = 0x01;

    /// <summary>SCS_11, SCS_12 and SCS_13 say which key the handshake uses: SCBK-D (0x00) or the device's own (0x01).</summary>
    public static SecurityBlock KeyIndicator(SecurityBlockType type, Scbk key) =>
        new(type, new ByteString([key.IsDefault ? DefaultKey : InstalledKey]));

    /// <summary>SCS_14 with 0x01: the device accepted the server cryptogram.</summary>
    public static SecurityBlock CryptogramAccepted { get; } = new(SecurityBlockType.InitialRMac, new ByteString([0x01]));
}
