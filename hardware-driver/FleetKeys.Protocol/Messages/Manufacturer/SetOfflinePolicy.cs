using FleetKeys.Protocol.Binary;

namespace FleetKeys.Protocol.Messages;

/// <summary>Sets the cabinet's offline policy; kept across power cycles. Answered with ACK.</summary>
public sealed record SetOfflinePolicy(OfflinePolicy Policy) : ManufacturerCommand
{
    public override ManufacturerCommandCode Subcode => ManufacturerCommandCode.SetOfflinePolicy;

    private protected override void WritePayload(ref PayloadWriter writer) => writer.U8((byte)Policy);

    internal static SetOfflinePolicy Read(ref PayloadReader reader) => new(reader.Enum<OfflinePolicy>());
}
