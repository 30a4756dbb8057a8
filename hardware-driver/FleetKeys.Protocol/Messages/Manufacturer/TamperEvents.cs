using FleetKeys.Protocol.Binary;

namespace FleetKeys.Protocol.Messages;

/// <summary>Kind 0x07, empty body: the cabinet's tamper input (input 1) became active — the housing opened, the cabinet moved.</summary>
public sealed record TamperTripped(uint Number, DateTimeOffset Time) : CabinetEvent(Number, Time)
{
    internal const byte WireKind = 0x07;

    internal override byte Kind => WireKind;

    private protected override void WriteBody(ref PayloadWriter writer)
    {
    }
}

/// <summary>Kind 0x08, empty body: the tamper input is normal again.</summary>
public sealed record TamperRestored(uint Number, DateTimeOffset Time) : CabinetEvent(Number, Time)
{
    internal const byte WireKind = 0x08;

    internal override byte Kind => WireKind;

    private protected override void WriteBody(ref PayloadWriter writer)
    {
    }
}
