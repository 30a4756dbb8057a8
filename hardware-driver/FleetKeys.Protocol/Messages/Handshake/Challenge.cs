using FleetKeys.Protocol.Binary;
using FleetKeys.Protocol.Security;

namespace FleetKeys.Protocol.Messages;

/// <summary>CHLNG (security block 0x11): the panel's fresh 16-byte nonce. Sent by the channel, not by callers.</summary>
public sealed record Challenge(ByteString Nonce) : Command
{
    public override CommandCode Code => CommandCode.Challenge;

    private protected override void WriteData(ref PayloadWriter writer) =>
        writer.Fixed(Nonce, HandshakeCrypto.NonceLength, "panel nonce");

    internal static Challenge Read(ref PayloadReader reader) => new(reader.Fixed(HandshakeCrypto.NonceLength));
}
