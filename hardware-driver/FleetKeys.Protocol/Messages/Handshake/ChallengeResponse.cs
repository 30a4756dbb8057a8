using FleetKeys.Protocol.Binary;
using FleetKeys.Protocol.Security;

namespace FleetKeys.Protocol.Messages;

/// <summary>CCRYPT (security block 0x12): the controller's 16-byte nonce, then its 32-byte proof.</summary>
public sealed record ChallengeResponse(ByteString Nonce, ByteString Proof) : Reply
{
    public override ReplyCode Code => ReplyCode.ChallengeResponse;

    private protected override void WriteData(ref PayloadWriter writer)
    {
        writer.Fixed(Nonce, HandshakeCrypto.NonceLength, "controller nonce");
        writer.Fixed(Proof, HandshakeCrypto.ProofLength, "controller proof");
    }

    internal static ChallengeResponse Read(ref PayloadReader reader) =>
        new(reader.Fixed(HandshakeCrypto.NonceLength), reader.Fixed(HandshakeCrypto.ProofLength));
}
