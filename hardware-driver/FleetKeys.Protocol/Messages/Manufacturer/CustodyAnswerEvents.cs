using FleetKeys.Protocol.Binary;

namespace FleetKeys.Protocol.Messages;

/// <summary>
/// Kind 0x0E: the person taking the key chose reason number <c>Choice</c> (1–9, the keypad digit) from the key's list on
/// the display; body slot u8 (the slot the key was taken from), tag bytes8, choice u8. The cluster reads the number against
/// the key's list, so the controller sends no text.
/// </summary>
public sealed record TakeReasonChosen(uint Number, DateTimeOffset Time, byte Slot, ByteString Tag, byte Choice) : CabinetEvent(Number, Time)
{
    internal const byte WireKind = 0x0E;

    internal override byte Kind => WireKind;

    private protected override void WriteBody(ref PayloadWriter writer)
    {
        TagRemoved.WriteSlotTag(ref writer, Slot, Tag);
        if (Choice is < 1 or > 9) throw new ArgumentOutOfRangeException(nameof(Choice), Choice, "a reason is chosen with one digit, 1 to 9");
        writer.U8(Choice);
    }

    internal static TakeReasonChosen Read(uint number, DateTimeOffset time, ref PayloadReader reader)
    {
        var slot = ReadSlot(ref reader, doorAllowed: false);
        var tag = TagRemoved.ReadTag(ref reader);
        var choice = reader.U8();
        reader.Require(choice is >= 1 and <= 9);
        return new TakeReasonChosen(number, time, slot, tag, choice);
    }
}

/// <summary>
/// Kind 0x0F: right after a return the person keyed in the answers to the key's return questions; body slot u8 (where the
/// key went), tag bytes8, answered u8 (bit 0 odometer, bit 1 fuel, bit 2 damage), odometer u32 km, fuel u8 % (0–100),
/// damaged u8 (0 no, 1 yes). A field whose bit is clear is zero and means nothing.
/// </summary>
public sealed record ReturnAnswered(uint Number, DateTimeOffset Time, byte Slot, ByteString Tag, uint? OdometerKm, byte? FuelPercent, bool? Damaged)
    : CabinetEvent(Number, Time)
{
    internal const byte WireKind = 0x0F;

    internal override byte Kind => WireKind;

    private protected override void WriteBody(ref PayloadWriter writer)
    {
        TagRemoved.WriteSlotTag(ref writer, Slot, Tag);
        if (FuelPercent > 100) throw new ArgumentOutOfRangeException(nameof(FuelPercent), FuelPercent, "a fuel level is 0 to 100 %");
        writer.U8((byte)((OdometerKm is null ? 0 : 1) | (FuelPercent is null ? 0 : 2) | (Damaged is null ? 0 : 4)));
        writer.U32(OdometerKm ?? 0);
        writer.U8(FuelPercent ?? 0);
        writer.Bool(Damaged ?? false);
    }

    internal static ReturnAnswered Read(uint number, DateTimeOffset time, ref PayloadReader reader)
    {
        var slot = ReadSlot(ref reader, doorAllowed: false);
        var tag = TagRemoved.ReadTag(ref reader);
        var answered = reader.U8();
        reader.Require(answered <= 7);
        var odometer = reader.U32();
        var fuel = reader.U8();
        var damaged = reader.Bool();
        reader.Require(fuel <= 100 && ((answered & 1) != 0 || odometer == 0) && ((answered & 2) != 0 || fuel == 0) && ((answered & 4) != 0 || !damaged));
        return new ReturnAnswered(number, time, slot, tag,
            (answered & 1) != 0 ? odometer : null, (answered & 2) != 0 ? fuel : null, (answered & 4) != 0 ? damaged : null);
    }
}
