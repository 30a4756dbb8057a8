using FleetKeys.Protocol.Binary;

namespace FleetKeys.Protocol.Messages;

/// <summary>CAP: asks for <see cref="DeviceCapabilities"/>. One data byte, 0x00, as in OSDP.</summary>
public sealed record CapabilitiesRequest : Command
{
    public override CommandCode Code => CommandCode.Capabilities;

    private protected override void WriteData(ref PayloadWriter writer) => writer.U8(0);

    internal static CapabilitiesRequest Read(ref PayloadReader reader)
    {
        reader.Require(reader.U8() == 0);
        return new CapabilitiesRequest();
    }
}
