using FleetKeys.Protocol.Binary;
using FleetKeys.Protocol.Security;

namespace FleetKeys.Protocol.Messages;

/// <summary>osdp_RMAC_I (security block SCS_14): the device's initial 16-byte R-MAC, which seeds the MAC chain; the session is up.</summary>
public sealed record InitialRMac(ByteString Mac) : Reply
{
    public override ReplyCode Code => ReplyCode.InitialRMac;

    private protected override void WriteData(ref PayloadWriter writer) =>
        writer.Fixed(Mac, SessionKeys.BlockLength, "initial R-MAC");

    internal static InitialRMac Read(ref PayloadReader reader) => new(reader.Fixed(SessionKeys.BlockLength));
}
