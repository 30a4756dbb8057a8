using FleetKeys.Protocol.Binary;

namespace FleetKeys.Protocol.Messages;

/// <summary>Kind 0x03, empty body: the cabinet door opened.</summary>
public sealed record DoorOpened(uint Number, DateTimeOffset Time) : CabinetEvent(Number, Time)
{
    internal const byte WireKind = 0x03;

    internal override byte Kind => WireKind;

    private protected override void WriteBody(ref PayloadWriter writer)
    {
    }
}

/// <summary>Kind 0x04, empty body: the cabinet door closed.</summary>
public sealed record DoorClosed(uint Number, DateTimeOffset Time) : CabinetEvent(Number, Time)
{
    internal const byte WireKind = 0x04;

    internal override byte Kind => WireKind;

    private protected override void WriteBody(ref PayloadWriter writer)
    {
    }
}
