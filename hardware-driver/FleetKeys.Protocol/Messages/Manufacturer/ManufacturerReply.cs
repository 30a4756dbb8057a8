using FleetKeys.Protocol.Binary;

namespace FleetKeys.Protocol.Messages;

/// <summary>An MFGREP (0x90) reply: FleetKeys vendor code, sub-code, payload.</summary>
public abstract record ManufacturerReply : Reply
{
    private protected ManufacturerReply()
    {
    }

    public sealed override ReplyCode Code => ReplyCode.Manufacturer;

    public abstract ManufacturerReplyCode Subcode { get; }

    private protected sealed override void WriteData(ref PayloadWriter writer)
    {
        ManufacturerHeader.Write(ref writer, (byte)Subcode);
        WritePayload(ref writer);
    }

    private protected abstract void WritePayload(ref PayloadWriter writer);

    internal static ManufacturerReply? ReadAny(ref PayloadReader reader) =>
        (ManufacturerReplyCode)ManufacturerHeader.Read(ref reader) switch
        {
            ManufacturerReplyCode.InventoryReport => InventoryReport.Read(ref reader),
            ManufacturerReplyCode.EventReport => EventReport.Read(ref reader),
            ManufacturerReplyCode.KeySelected => KeySelected.Read(ref reader),
            ManufacturerReplyCode.AllowListAck => AllowListAck.Read(ref reader),
            ManufacturerReplyCode.ControllerStatus => ControllerStatus.Read(ref reader),
            _ => Unknown<ManufacturerReply>(ref reader),
        };
}
