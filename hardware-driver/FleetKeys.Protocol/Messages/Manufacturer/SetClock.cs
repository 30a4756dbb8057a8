using FleetKeys.Protocol.Binary;

namespace FleetKeys.Protocol.Messages;

/// <summary>
/// Sets the controller's clock (UTC, milliseconds), which stamps its events and judges allow-list
/// validity offline. Sent after every handshake. Answered with ACK.
/// </summary>
public sealed record SetClock(DateTimeOffset Now) : ManufacturerCommand
{
    public override ManufacturerCommandCode Subcode => ManufacturerCommandCode.SetClock;

    private protected override void WritePayload(ref PayloadWriter writer) => writer.Time(Now);

    internal static SetClock Read(ref PayloadReader reader) => new(reader.Time());
}
