using FleetKeys.Protocol.Binary;

namespace FleetKeys.Protocol.Messages;

/// <summary>ID: asks for <see cref="DeviceIdentification"/>. One data byte, 0x00 ("standard ID block") as in OSDP.</summary>
public sealed record IdRequest : Command
{
    public override CommandCode Code => CommandCode.Id;

    private protected override void WriteData(ref PayloadWriter writer) => writer.U8(0);

    internal static IdRequest Read(ref PayloadReader reader)
    {
        reader.Require(reader.U8() == 0);
        return new IdRequest();
    }
}
