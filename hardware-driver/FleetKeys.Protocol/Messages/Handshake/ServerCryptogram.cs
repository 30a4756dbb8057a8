using FleetKeys.Protocol.Binary;
using FleetKeys.Protocol.Security;

namespace FleetKeys.Protocol.Messages;

/// <summary>osdp_SCRYPT (security block SCS_13): the panel's 16-byte server cryptogram. Sent by the channel, not by callers.</summary>
public sealed record ServerCryptogram(ByteString Cryptogram) : Command
{
    public override CommandCode Code => CommandCode.ServerCryptogram;

    private protected override void WriteData(ref PayloadWriter writer) =>
        writer.Fixed(Cryptogram, SessionKeys.BlockLength, "server cryptogram");

    internal static ServerCryptogram Read(ref PayloadReader reader) => new(reader.Fixed(SessionKeys.BlockLength));
}
