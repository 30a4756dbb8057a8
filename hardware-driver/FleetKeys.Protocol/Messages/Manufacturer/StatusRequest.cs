using FleetKeys.Protocol.Binary;

namespace FleetKeys.Protocol.Messages;

/// <summary>Asks for <see cref="ControllerStatus"/>; the driver's first question after a handshake.</summary>
public sealed record StatusRequest : ManufacturerCommand
{
    public override ManufacturerCommandCode Subcode => ManufacturerCommandCode.StatusRequest;

    private protected override void WritePayload(ref PayloadWriter writer)
    {
    }

    internal static StatusRequest Read(ref PayloadReader reader) => new();
}
