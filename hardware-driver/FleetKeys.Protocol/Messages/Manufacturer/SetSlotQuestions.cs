using FleetKeys.Protocol.Binary;

namespace FleetKeys.Protocol.Messages;

/// <summary>The questions a key's return asks, as bits: what the keypad asks for right after the key is back.</summary>
[Flags]
public enum ReturnQuestions : byte
{
    None = 0,
    Odometer = 1,
    Fuel = 2,
    Damage = 4,
}

/// <summary>
/// What the display asks about the key of <c>Slot</c>: the reasons to choose from before it is released (numbered 1 to 9 in
/// their order, the keypad digit) and the questions asked on its return; none of either for a key that asks nothing. Slot 0
/// forgets every slot's lists, the start of a whole reload. Kept across power cycles. Answered with ACK.
/// </summary>
public sealed record SetSlotQuestions(byte Slot, ReturnQuestions Asks, ValueList<string> Reasons) : ManufacturerCommand
{
    private const ReturnQuestions Every = ReturnQuestions.Odometer | ReturnQuestions.Fuel | ReturnQuestions.Damage;

    /// <summary>The start of a whole reload: no slot asks anything until it is told again.</summary>
    public static SetSlotQuestions ForgetAll() => new(0, ReturnQuestions.None, []);

    public override ManufacturerCommandCode Subcode => ManufacturerCommandCode.SetSlotQuestions;

    private protected override void WritePayload(ref PayloadWriter writer)
    {
        if ((Asks & ~Every) != 0) throw new ArgumentException($"unknown return questions {Asks}");
        if (Reasons.Count > FieldLimits.MaxReasons) throw new ArgumentException($"a slot has at most {FieldLimits.MaxReasons} reasons, not {Reasons.Count}");
        if (Slot == 0 && (Asks != ReturnQuestions.None || Reasons.Count > 0)) throw new ArgumentException("slot 0 forgets every slot's lists and carries none");
        writer.U8(Slot);
        writer.U8((byte)Asks);
        writer.Count(Reasons.Count, "reasons");
        foreach (var reason in Reasons) writer.Text8(reason, 1, FieldLimits.MaxReasonLength, "reason");
    }

    internal static SetSlotQuestions Read(ref PayloadReader reader)
    {
        var slot = reader.U8();
        var asks = (ReturnQuestions)reader.U8();
        var reasons = new string[reader.Count(2)];
        reader.Require(reasons.Length <= FieldLimits.MaxReasons && (asks & ~Every) == 0
                       && (slot != 0 || (asks == ReturnQuestions.None && reasons.Length == 0)));
        for (var i = 0; i < reasons.Length; i++) reasons[i] = reader.Text8(1, FieldLimits.MaxReasonLength);
        return new SetSlotQuestions(slot, asks, reasons);
    }
}
