using FleetKeys.Protocol.Binary;

namespace FleetKeys.Protocol.Messages;

/// <summary>
/// The user at the cabinet asked for the key in a slot (touch screen or slot button), with the reason they chose on the
/// keypad (1–9) when the slot's key lists reasons (<see cref="SetSlotQuestions"/>). Live input, like a card read: a reply to
/// POLL, not logged, not numbered; the cluster decides and answers with OUT.
/// </summary>
public sealed record KeySelected(byte Slot, byte? Reason = null) : ManufacturerReply
{
    public override ManufacturerReplyCode Subcode => ManufacturerReplyCode.KeySelected;

    private protected override void WritePayload(ref PayloadWriter writer)
    {
        if (Slot < 1) throw new ArgumentException("slots are numbered from 1");
        if (Reason is < 1 or > FieldLimits.MaxReasons) throw new ArgumentException($"a reason is chosen with one digit, 1 to {FieldLimits.MaxReasons}");
        writer.U8(Slot);
        if (Reason is { } reason) writer.U8(reason);
    }

    internal static KeySelected Read(ref PayloadReader reader)
    {
        var slot = reader.U8();
        reader.Require(slot >= 1);
        if (reader.Remaining == 0) return new KeySelected(slot);
        var reason = reader.U8();
        reader.Require(reason is >= 1 and <= FieldLimits.MaxReasons);
        return new KeySelected(slot, reason);
    }
}
