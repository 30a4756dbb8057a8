using FleetKeys.Protocol.Binary;

namespace FleetKeys.Protocol.Messages;

/// <summary>An MFG (0x80) command: FleetKeys vendor code, sub-code, payload.</summary>
public abstract record ManufacturerCommand : Command
{
    private protected ManufacturerCommand()
    {
    }

    public sealed override CommandCode Code => CommandCode.Manufacturer;

    public abstract ManufacturerCommandCode Subcode { get; }

    private protected sealed override void WriteData(ref PayloadWriter writer)
    {
        ManufacturerHeader.Write(ref writer, (byte)Subcode);
        WritePayload(ref writer);
    }

    private protected abstract void WritePayload(ref PayloadWriter writer);

    internal static ManufacturerCommand? ReadAny(ref PayloadReader reader) =>
        (ManufacturerCommandCode)ManufacturerHeader.Read(ref reader) switch
        {
            ManufacturerCommandCode.InventoryRequest => InventoryRequest.Read(ref reader),
            ManufacturerCommandCode.EventAck => EventAck.Read(ref reader),
            ManufacturerCommandCode.AllowListUpsert => AllowListUpsert.Read(ref reader),
            ManufacturerCommandCode.AllowListRemove => AllowListRemove.Read(ref reader),
            ManufacturerCommandCode.AllowListPurge => AllowListPurge.Read(ref reader),
            ManufacturerCommandCode.AllowListClear => AllowListClear.Read(ref reader),
            ManufacturerCommandCode.SetOfflinePolicy => SetOfflinePolicy.Read(ref reader),
            ManufacturerCommandCode.SetClock => SetClock.Read(ref reader),
            ManufacturerCommandCode.StatusRequest => StatusRequest.Read(ref reader),
            ManufacturerCommandCode.SetSlotQuestions => SetSlotQuestions.Read(ref reader),
            _ => Unknown<ManufacturerCommand>(ref reader),
        };
}
