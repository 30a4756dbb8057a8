using FleetKeys.Protocol.Binary;

namespace FleetKeys.Protocol.Messages;

/// <summary>
/// LED: OSDP's 14-byte LED records. FleetKeys numbers LEDs 0 = the reader's LED, N = the
/// indicator of slot N (used to guide a user to a key or to the right slot on a return).
/// </summary>
public sealed record LedControl(ValueList<LedRecord> Records) : Command
{
    private const int RecordLength = 14;

    public override CommandCode Code => CommandCode.Led;

    private protected override void WriteData(ref PayloadWriter writer)
    {
        if (Records.Count == 0) throw new ArgumentException("LED needs at least one record");
        foreach (var record in Records)
        {
            writer.U8(record.Reader);
            writer.U8(record.Led);
            writer.U8((byte)record.TemporaryControl);
            WritePattern(ref writer, record.Temporary);
            writer.Tenths16(record.TemporaryTimer, "LED timer");
            writer.U8((byte)record.PermanentControl);
            WritePattern(ref writer, record.Permanent);
        }
    }

    internal static LedControl Read(ref PayloadReader reader)
    {
        reader.Require(reader.Remaining > 0 && reader.Remaining % RecordLength == 0);
        var records = new List<LedRecord>();
        while (reader.Remaining > 0)
            records.Add(new LedRecord(reader.U8(), reader.U8(), reader.Enum<TemporaryLedControl>(), ReadPattern(ref reader),
                reader.Tenths16(), reader.Enum<PermanentLedControl>(), ReadPattern(ref reader)));
        return new LedControl(new ValueList<LedRecord>(records));
    }

    private static void WritePattern(ref PayloadWriter writer, LedPattern pattern)
    {
        writer.Tenths8(pattern.OnTime, "LED on time");
        writer.Tenths8(pattern.OffTime, "LED off time");
        writer.U8((byte)pattern.OnColor);
        writer.U8((byte)pattern.OffColor);
    }

    private static LedPattern ReadPattern(ref PayloadReader reader) =>
        new(reader.Tenths8(), reader.Tenths8(), reader.Enum<LedColor>(), reader.Enum<LedColor>());
}

/// <summary>One LED record: a temporary pattern that runs for a timer, and the permanent one under it.</summary>
public sealed record LedRecord(
    byte Reader,
    byte Led,
    TemporaryLedControl TemporaryControl,
    LedPattern Temporary,
    TimeSpan TemporaryTimer,
    PermanentLedControl PermanentControl,
    LedPattern Permanent);

/// <summary>On and off times in 100 ms units (0-25.5 s) and their colours; steady when off time is 0.</summary>
public readonly record struct LedPattern(TimeSpan OnTime, TimeSpan OffTime, LedColor OnColor, LedColor OffColor);

public enum TemporaryLedControl : byte
{
    Nop = 0,
    Cancel = 1,
    Set = 2,
}

public enum PermanentLedControl : byte
{
    Nop = 0,
    Set = 1,
}

public enum LedColor : byte
{
    Black = 0,
    Red = 1,
    Green = 2,
    Amber = 3,
    Blue = 4,
    Magenta = 5,
    Cyan = 6,
    White = 7,
}
