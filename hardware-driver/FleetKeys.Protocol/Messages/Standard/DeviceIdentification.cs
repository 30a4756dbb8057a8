using FleetKeys.Protocol.Binary;

namespace FleetKeys.Protocol.Messages;

/// <summary>PDID: OSDP's 12-byte identification block.</summary>
public sealed record DeviceIdentification(
    VendorCode Vendor,
    byte Model,
    byte Version,
    uint SerialNumber,
    byte FirmwareMajor,
    byte FirmwareMinor,
    byte FirmwareBuild) : Reply
{
    public override ReplyCode Code => ReplyCode.DeviceId;

    private protected override void WriteData(ref PayloadWriter writer)
    {
        Vendor.Write(ref writer);
        writer.U8(Model);
        writer.U8(Version);
        writer.U32(SerialNumber);
        writer.U8(FirmwareMajor);
        writer.U8(FirmwareMinor);
        writer.U8(FirmwareBuild);
    }

    internal static DeviceIdentification Read(ref PayloadReader reader) =>
        new(VendorCode.Read(ref reader), reader.U8(), reader.U8(), reader.U32(), reader.U8(), reader.U8(), reader.U8());
}
