using FleetKeys.Protocol.Binary;
using FleetKeys.Protocol.Security;

namespace FleetKeys.Protocol.Messages;

/// <summary>
/// osdp_CCRYPT (security block SCS_12): the device's 8-byte client id (cUID), its random number RND.B and the
/// 16-byte client cryptogram that proves it holds the key.
/// </summary>
public sealed record ChallengeResponse(ByteString ClientId, ByteString Random, ByteString Cryptogram) : Reply
{
    public const int ClientIdLength = 8;

    public override ReplyCode Code => ReplyCode.ChallengeResponse;

    private protected override void WriteData(ref PayloadWriter writer)
    {
        writer.Fixed(ClientId, ClientIdLength, "cUID");
        writer.Fixed(Random, SessionKeys.RandomLength, "RND.B");
        writer.Fixed(Cryptogram, SessionKeys.BlockLength, "client cryptogram");
    }

    internal static ChallengeResponse Read(ref PayloadReader reader) =>
        new(reader.Fixed(ClientIdLength), reader.Fixed(SessionKeys.RandomLength), reader.Fixed(SessionKeys.BlockLength));
}
