using FleetKeys.Protocol.Binary;

namespace FleetKeys.Protocol.Messages;

/// <summary>
/// An entry of a controller's event log. <see cref="Number"/> is the controller's own counter
/// (from 1, one up per event, per bus address and log epoch) and makes delivery idempotent: the
/// controller re-sends an event until it is acknowledged, the cluster ignores numbers it already
/// has. <see cref="Time"/> is the controller's clock (set by <see cref="SetClock"/>), milliseconds.
/// Wire form: number u32, time i64, kind u8, body length u8, body; the length lets an older
/// driver keep and acknowledge kinds it does not know (<see cref="UnrecognisedEvent"/>).
/// </summary>
public abstract record CabinetEvent(uint Number, DateTimeOffset Time)
{
    internal const int MinLength = 4 + 8 + 1 + 1;

    internal abstract byte Kind { get; }

    private protected abstract void WriteBody(ref PayloadWriter writer);

    internal void Write(ref PayloadWriter writer)
    {
        writer.U32(Number);
        writer.Time(Time);
        writer.U8(Kind);
        Span<byte> body = stackalloc byte[byte.MaxValue];
        var bodyWriter = new PayloadWriter(body);
        WriteBody(ref bodyWriter);
        writer.U8((byte)bodyWriter.Length);
        writer.Bytes(bodyWriter.Written);
    }

    internal static CabinetEvent Read(ref PayloadReader reader)
    {
        var (number, time, kind) = (reader.U32(), reader.Time(), reader.U8());
        var body = reader.Take(reader.U8());
        var bodyReader = new PayloadReader(body);
        CabinetEvent entry = kind switch
        {
            TagRemoved.WireKind => TagRemoved.Read(number, time, ref bodyReader),
            TagInserted.WireKind => TagInserted.Read(number, time, ref bodyReader),
            DoorOpened.WireKind => new DoorOpened(number, time),
            DoorClosed.WireKind => new DoorClosed(number, time),
            TamperTripped.WireKind => new TamperTripped(number, time),
            TamperRestored.WireKind => new TamperRestored(number, time),
            MainsPowerLost.WireKind => new MainsPowerLost(number, time),
            MainsPowerRestored.WireKind => new MainsPowerRestored(number, time),
            BatteryChanged.LowKind => BatteryChanged.Read(number, time, true, ref bodyReader),
            BatteryChanged.NormalKind => BatteryChanged.Read(number, time, false, ref bodyReader),
            OfflineAccessGranted.WireKind => OfflineAccessGranted.Read(number, time, ref bodyReader),
            OfflineAccessDenied.WireKind => OfflineAccessDenied.Read(number, time, ref bodyReader),
            KeyFaultReported.WireKind => KeyFaultReported.Read(number, time, ref bodyReader),
            TakeReasonChosen.WireKind => TakeReasonChosen.Read(number, time, ref bodyReader),
            ReturnAnswered.WireKind => ReturnAnswered.Read(number, time, ref bodyReader),
            _ => new UnrecognisedEvent(number, time, kind, new ByteString(bodyReader.Rest())),
        };
        var error = bodyReader.Finish();
        if (error != ProtocolError.None) reader.Fail(error);
        return entry;
    }

    private protected static byte ReadSlot(ref PayloadReader reader, bool doorAllowed)
    {
        var slot = reader.U8();
        reader.Require(doorAllowed || slot >= 1);
        return slot;
    }

    private protected static void WriteSlot(ref PayloadWriter writer, byte slot, bool doorAllowed)
    {
        if (!doorAllowed && slot < 1) throw new ArgumentException("slots are numbered from 1");
        writer.U8(slot);
    }
}
