using FleetKeys.Protocol.Binary;

namespace FleetKeys.Protocol.Messages;

/// <summary>
/// OUT: drives lock outputs, OSDP's 4-byte records. FleetKeys numbers outputs 0 = door lock,
/// 1..N = the lock of slot N; "on" means released (unlocked).
/// </summary>
public sealed record OutputControl(ValueList<OutputAction> Actions) : Command
{
    private const int RecordLength = 4;

    public override CommandCode Code => CommandCode.Output;

    private protected override void WriteData(ref PayloadWriter writer)
    {
        if (Actions.Count == 0) throw new ArgumentException("OUT needs at least one action");
        foreach (var action in Actions)
        {
            writer.U8(action.Output);
            writer.U8((byte)action.Mode);
            writer.Tenths16(action.Duration, "output timer");
        }
    }

    internal static OutputControl Read(ref PayloadReader reader)
    {
        reader.Require(reader.Remaining > 0 && reader.Remaining % RecordLength == 0);
        var actions = new List<OutputAction>();
        while (reader.Remaining > 0)
            actions.Add(new OutputAction(reader.U8(), reader.Enum<OutputMode>(), reader.Tenths16()));
        return new OutputControl(new ValueList<OutputAction>(actions));
    }
}

/// <summary>One output record: output number, control code, timer (100 ms units, 0-6553.5 s).</summary>
public readonly record struct OutputAction(byte Output, OutputMode Mode, TimeSpan Duration)
{
    public const byte Door = 0;

    /// <summary>Release a lock for a while, then fall back to locked.</summary>
    public static OutputAction Unlock(byte output, TimeSpan duration) => new(output, OutputMode.TemporaryOn, duration);

    /// <summary>Lock now, cancelling a timed release.</summary>
    public static OutputAction Lock(byte output) => new(output, OutputMode.PermanentOffAbortTimed, TimeSpan.Zero);
}

/// <summary>OSDP output control codes.</summary>
public enum OutputMode : byte
{
    Nop = 0,
    PermanentOffAbortTimed = 1,
    PermanentOnAbortTimed = 2,
    PermanentOffAllowTimed = 3,
    PermanentOnAllowTimed = 4,
    TemporaryOn = 5,
    TemporaryOff = 6,
}
