using FleetKeys.Protocol.Binary;

namespace FleetKeys.Protocol.Messages;

/// <summary>
/// The controller's oldest unacknowledged events, in ascending number order, as many as fit
/// (answer to POLL). Sent again at every poll until <see cref="EventAck"/> covers them.
/// <see cref="Epoch"/> names the log: it changes when the log is recreated (factory reset, new
/// storage), telling the cluster that numbering restarted.
/// </summary>
public sealed record EventReport(uint Epoch, ValueList<CabinetEvent> Events) : ManufacturerReply
{
    public override ManufacturerReplyCode Subcode => ManufacturerReplyCode.EventReport;

    private protected override void WritePayload(ref PayloadWriter writer)
    {
        if (!IsAscending(Events)) throw new ArgumentException("event numbers must be 1 or more and ascending");
        writer.U32(Epoch);
        writer.Count(Events.Count, "event report");
        foreach (var entry in Events) entry.Write(ref writer);
    }

    internal static EventReport Read(ref PayloadReader reader)
    {
        var epoch = reader.U32();
        var events = new CabinetEvent[reader.Count(CabinetEvent.MinLength)];
        for (var i = 0; i < events.Length; i++) events[i] = CabinetEvent.Read(ref reader);
        reader.Require(IsAscending(events));
        return new EventReport(epoch, events);
    }

    private static bool IsAscending(IReadOnlyList<CabinetEvent> events)
    {
        uint previous = 0;
        foreach (var entry in events)
        {
            if (entry.Number <= previous) return false;
            previous = entry.Number;
        }
        return true;
    }
}
