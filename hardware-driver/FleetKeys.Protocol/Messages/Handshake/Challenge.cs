using FleetKeys.Protocol.Binary;
using FleetKeys.Protocol.Security;

namespace FleetKeys.Protocol.Messages;

/// <summary>osdp_CHLNG (security block SCS_11): the panel's fresh 8-byte random number RND.A. Sent by the channel, not by callers.</summary>
public sealed record Challenge(ByteString Random) : Command
{
    public override CommandCode Code => CommandCode.Challenge;

    private protected override void WriteData(ref PayloadWriter writer) =>
        writer.Fixed(Random, SessionKeys.RandomLength, "RND.A");

    internal static Challenge Read(ref PayloadReader reader) => new(reader.Fixed(SessionKeys.RandomLength));
}
