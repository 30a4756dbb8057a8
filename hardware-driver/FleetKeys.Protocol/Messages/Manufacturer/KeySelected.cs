using FleetKeys.Protocol.Binary;

namespace FleetKeys.Protocol.Messages;

/// <summary>
/// The user at the cabinet asked for the key in a slot (touch screen or slot button). Live input,
/// like a card read: a reply to POLL, not logged, not numbered; the cluster decides and answers with OUT.
/// </summary>
public sealed record KeySelected(byte Slot) : ManufacturerReply
{
    public override ManufacturerReplyCode Subcode => ManufacturerReplyCode.KeySelected;

    private protected override void WritePayload(ref PayloadWriter writer)
    {
        if (Slot < 1) throw new ArgumentException("slots are numbered from 1");
        writer.U8(Slot);
    }

    internal static KeySelected Read(ref PayloadReader reader)
    {
        var slot = reader.U8();
        reader.Require(slot >= 1);
        return new KeySelected(slot);
    }
}
