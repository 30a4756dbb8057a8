using FleetKeys.Protocol.Binary;

namespace FleetKeys.Protocol.Messages;

/// <summary>
/// An event of a kind this build does not know (from newer controller firmware), kept whole so
/// it can be stored and acknowledged rather than block the log. Kinds from 0x80 up are for such
/// extensions; encoding one with a known kind is refused.
/// </summary>
public sealed record UnrecognisedEvent(uint Number, DateTimeOffset Time, byte EventKind, ByteString Body)
    : CabinetEvent(Number, Time)
{
    internal override byte Kind => EventKind;

    private protected override void WriteBody(ref PayloadWriter writer)
    {
        if (EventKind is >= TagRemoved.WireKind and <= OfflineAccessDenied.WireKind)
            throw new ArgumentException($"event kind {EventKind} is a known kind");
        writer.Bytes(Body.Span);
    }
}
