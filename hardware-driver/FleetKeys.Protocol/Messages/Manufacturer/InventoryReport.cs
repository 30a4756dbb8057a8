using FleetKeys.Protocol.Binary;

namespace FleetKeys.Protocol.Messages;

/// <summary>
/// The tags in slots <see cref="FirstSlot"/>, <see cref="FirstSlot"/>+1, ... of a cabinet of
/// <see cref="SlotCount"/> slots; an empty tag means an empty slot.
/// </summary>
public sealed record InventoryReport(byte SlotCount, byte FirstSlot, ValueList<ByteString> Tags) : ManufacturerReply
{
    public override ManufacturerReplyCode Subcode => ManufacturerReplyCode.InventoryReport;

    private protected override void WritePayload(ref PayloadWriter writer)
    {
        if (!IsValid(SlotCount, FirstSlot, Tags.Count))
            throw new ArgumentException("an inventory covers slots from FirstSlot (1 or more) up to SlotCount");
        writer.U8(SlotCount);
        writer.U8(FirstSlot);
        writer.Count(Tags.Count, "inventory");
        foreach (var tag in Tags) writer.Bytes8(tag, 0, FieldLimits.MaxTagLength, "tag id");
    }

    internal static InventoryReport Read(ref PayloadReader reader)
    {
        var (slotCount, first, count) = (reader.U8(), reader.U8(), reader.Count(1));
        reader.Require(IsValid(slotCount, first, count));
        var tags = new ByteString[count];
        for (var i = 0; i < count; i++) tags[i] = reader.Bytes8(0, FieldLimits.MaxTagLength);
        return new InventoryReport(slotCount, first, tags);
    }

    private static bool IsValid(int slotCount, int first, int count) => first >= 1 && first - 1 + count <= slotCount;
}
