using FleetKeys.Protocol.Binary;

namespace FleetKeys.Protocol.Messages;

/// <summary>
/// Kind 0x0D: after returning a key the person reported a fault with it from the keypad, choosing from the cabinet's list;
/// body slot u8 (where the key went), tag bytes8, severity u8, description text8 (1–64 bytes, the list's line). Logged
/// whether or not the cluster is there to hear it.
/// </summary>
public sealed record KeyFaultReported(uint Number, DateTimeOffset Time, byte Slot, ByteString Tag, FaultLevel Severity, string Description)
    : CabinetEvent(Number, Time)
{
    internal const byte WireKind = 0x0D;

    internal override byte Kind => WireKind;

    private protected override void WriteBody(ref PayloadWriter writer)
    {
        TagRemoved.WriteSlotTag(ref writer, Slot, Tag);
        writer.U8((byte)Severity);
        writer.Text8(Description, 1, FieldLimits.MaxFaultDescriptionLength, "fault description");
    }

    internal static KeyFaultReported Read(uint number, DateTimeOffset time, ref PayloadReader reader) =>
        new(number, time, ReadSlot(ref reader, doorAllowed: false), TagRemoved.ReadTag(ref reader), reader.Enum<FaultLevel>(),
            reader.Text8(1, FieldLimits.MaxFaultDescriptionLength));
}

public enum FaultLevel : byte
{
    Minor = 1,
    Major = 2,

    /// <summary>The key stays in its slot until an operator clears the fault.</summary>
    Critical = 3,
}
