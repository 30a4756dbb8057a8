using FleetKeys.Protocol.Binary;

namespace FleetKeys.Protocol.Messages;

/// <summary>Kind 0x09, empty body: mains power failed; the cabinet runs on its battery (LSTATR's power byte is 1 meanwhile).</summary>
public sealed record MainsPowerLost(uint Number, DateTimeOffset Time) : CabinetEvent(Number, Time)
{
    internal const byte WireKind = 0x09;

    internal override byte Kind => WireKind;

    private protected override void WriteBody(ref PayloadWriter writer)
    {
    }
}

/// <summary>Kind 0x0A, empty body: mains power is back.</summary>
public sealed record MainsPowerRestored(uint Number, DateTimeOffset Time) : CabinetEvent(Number, Time)
{
    internal const byte WireKind = 0x0A;

    internal override byte Kind => WireKind;

    private protected override void WriteBody(ref PayloadWriter writer)
    {
    }
}

/// <summary>
/// Kind 0x0B (low) or 0x0C (normal again), body u8 charge in percent (0–100): the battery crossed the controller's own
/// low mark. The controller decides the mark, so the cabinet warns the same whether or not the cluster is there to hear it.
/// </summary>
public sealed record BatteryChanged(uint Number, DateTimeOffset Time, bool Low, byte ChargePercent) : CabinetEvent(Number, Time)
{
    internal const byte LowKind = 0x0B;
    internal const byte NormalKind = 0x0C;

    internal override byte Kind => Low ? LowKind : NormalKind;

    private protected override void WriteBody(ref PayloadWriter writer)
    {
        if (ChargePercent > 100) throw new ArgumentException("a battery's charge is 0 to 100 percent");
        writer.U8(ChargePercent);
    }

    internal static BatteryChanged Read(uint number, DateTimeOffset time, bool low, ref PayloadReader reader)
    {
        var charge = reader.U8();
        reader.Require(charge <= 100);
        return new BatteryChanged(number, time, low, charge);
    }
}
