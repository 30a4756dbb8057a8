using FleetKeys.Protocol.Binary;

namespace FleetKeys.Protocol.Messages;

/// <summary>
/// Asks which tag is in which slot, from <see cref="FirstSlot"/> on. The answer is an
/// <see cref="InventoryReport"/> of as many slots as fit in one packet; the panel asks again from
/// the next slot until it has them all.
/// </summary>
public sealed record InventoryRequest(byte FirstSlot) : ManufacturerCommand
{
    public override ManufacturerCommandCode Subcode => ManufacturerCommandCode.InventoryRequest;

    private protected override void WritePayload(ref PayloadWriter writer)
    {
        if (FirstSlot < 1) throw new ArgumentException("slots are numbered from 1");
        writer.U8(FirstSlot);
    }

    internal static InventoryRequest Read(ref PayloadReader reader)
    {
        var first = reader.U8();
        reader.Require(first >= 1);
        return new InventoryRequest(first);
    }
}
