using FleetKeys.Protocol.Binary;

namespace FleetKeys.Protocol.Messages;

/// <summary>Kind 0x01: the tag left the slot (a take, or a forced removal if nothing was released).</summary>
public sealed record TagRemoved(uint Number, DateTimeOffset Time, byte Slot, ByteString Tag) : CabinetEvent(Number, Time)
{
    internal const byte WireKind = 0x01;

    internal override byte Kind => WireKind;

    private protected override void WriteBody(ref PayloadWriter writer) => WriteSlotTag(ref writer, Slot, Tag);

    internal static TagRemoved Read(uint number, DateTimeOffset time, ref PayloadReader reader) =>
        new(number, time, ReadSlot(ref reader, doorAllowed: false), ReadTag(ref reader));

    internal static void WriteSlotTag(ref PayloadWriter writer, byte slot, ByteString tag)
    {
        WriteSlot(ref writer, slot, doorAllowed: false);
        writer.Bytes8(tag, 1, FieldLimits.MaxTagLength, "tag id");
    }

    internal static ByteString ReadTag(ref PayloadReader reader) => reader.Bytes8(1, FieldLimits.MaxTagLength);
}

/// <summary>Kind 0x02: a tag appeared in the slot (a return, possibly to the wrong slot).</summary>
public sealed record TagInserted(uint Number, DateTimeOffset Time, byte Slot, ByteString Tag) : CabinetEvent(Number, Time)
{
    internal const byte WireKind = 0x02;

    internal override byte Kind => WireKind;

    private protected override void WriteBody(ref PayloadWriter writer) => TagRemoved.WriteSlotTag(ref writer, Slot, Tag);

    internal static TagInserted Read(uint number, DateTimeOffset time, ref PayloadReader reader) =>
        new(number, time, ReadSlot(ref reader, doorAllowed: false), TagRemoved.ReadTag(ref reader));
}
