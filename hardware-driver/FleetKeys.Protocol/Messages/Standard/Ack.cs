using FleetKeys.Protocol.Binary;

namespace FleetKeys.Protocol.Messages;

/// <summary>ACK: done, or (to POLL) nothing to report.</summary>
public sealed record Ack : Reply
{
    public override ReplyCode Code => ReplyCode.Ack;

    private protected override void WriteData(ref PayloadWriter writer)
    {
    }

    internal static Ack Read(ref PayloadReader reader) => new();
}
