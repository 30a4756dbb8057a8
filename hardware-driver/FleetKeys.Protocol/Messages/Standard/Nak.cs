using FleetKeys.Protocol.Binary;

namespace FleetKeys.Protocol.Messages;

/// <summary>NAK: one error byte. Codes this build does not name are still delivered as numbers.</summary>
public sealed record Nak(NakCode Error) : Reply
{
    public override ReplyCode Code => ReplyCode.Nak;

    private protected override void WriteData(ref PayloadWriter writer) => writer.U8((byte)Error);

    internal static Nak Read(ref PayloadReader reader) => new((NakCode)reader.U8());
}
