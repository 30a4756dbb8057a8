using FleetKeys.Protocol.Binary;

namespace FleetKeys.Protocol.Messages;

/// <summary>BUZ: OSDP's 5-byte buzzer record; on/off in 100 ms units, count 0 = until cancelled.</summary>
public sealed record BuzzerControl(byte Reader, BuzzerTone Tone, TimeSpan OnTime, TimeSpan OffTime, byte Count) : Command
{
    public override CommandCode Code => CommandCode.Buzzer;

    private protected override void WriteData(ref PayloadWriter writer)
    {
        writer.U8(Reader);
        writer.U8((byte)Tone);
        writer.Tenths8(OnTime, "buzzer on time");
        writer.Tenths8(OffTime, "buzzer off time");
        writer.U8(Count);
    }

    internal static BuzzerControl Read(ref PayloadReader reader) =>
        new(reader.U8(), reader.Enum<BuzzerTone>(), reader.Tenths8(), reader.Tenths8(), reader.U8());
}

public enum BuzzerTone : byte
{
    None = 0,
    Off = 1,
    Default = 2,
}
