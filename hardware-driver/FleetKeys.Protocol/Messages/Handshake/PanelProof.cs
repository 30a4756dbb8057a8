using FleetKeys.Protocol.Binary;
using FleetKeys.Protocol.Security;

namespace FleetKeys.Protocol.Messages;

/// <summary>SCRYPT (security block 0x13): the panel's 32-byte proof. Sent by the channel, not by callers.</summary>
public sealed record PanelProof(ByteString Proof) : Command
{
    public override CommandCode Code => CommandCode.PanelProof;

    private protected override void WriteData(ref PayloadWriter writer) =>
        writer.Fixed(Proof, HandshakeCrypto.ProofLength, "panel proof");

    internal static PanelProof Read(ref PayloadReader reader) => new(reader.Fixed(HandshakeCrypto.ProofLength));
}
