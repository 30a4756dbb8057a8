using FleetKeys.Domain;
using FleetKeys.Domain.Cabinets;
using FleetKeys.Domain.Ids;
using FleetKeys.Protocol.Messages;
using WireEvent = FleetKeys.Protocol.Messages.CabinetEvent;

namespace FleetKeys.Driver.Cabinets;

/// <summary>
/// One batch of a cabinet's event log on its way into the cluster: recorded one entry at a time, in order, and
/// acknowledged only up to the last entry the cluster persisted — the controller forgets only that and sends the rest
/// again at its next poll, so an entry is never lost, and the cabinet entity's numbering makes a repeat harmless.
/// </summary>
internal sealed class EventLogUpload(CabinetId cabinet, uint epoch, IEnumerable<WireEvent> events)
{
    private readonly Queue<WireEvent> _events = new(events);
    private uint _persistedUpTo;

    /// <summary>
    /// The command recording the next entry, or null when the batch is done. Entries the cluster has nothing to record for
    /// (unknown kinds, unreadable ids) are passed over and acknowledged with the rest.
    /// </summary>
    public CabinetCommand? Next()
    {
        while (_events.TryPeek(out var head))
        {
            if (HardwareReports.ToCommand(cabinet, epoch, head) is { } command) return command;
            _persistedUpTo = _events.Dequeue().Number;
        }

        return null;
    }

    /// <summary>
    /// The cluster's answer to the command <see cref="Next"/> gave: whether the batch goes on. An entry the cluster could
    /// not persist ends the batch where it is; one it refused (it will never be recorded) is acknowledged so the log moves on.
    /// </summary>
    public bool Answered(object answer)
    {
        if (answer is Rejection { Code: RejectionCode.Unavailable }) return false;
        _persistedUpTo = _events.Dequeue().Number;
        return true;
    }

    /// <summary>The number of the entry the batch's next command records (for the log when the cluster refuses it).</summary>
    public uint Current => _events.Peek().Number;

    /// <summary>What the controller may forget once the batch ends; null when nothing was persisted.</summary>
    public EventAck? Acknowledgement => _persistedUpTo > 0 ? new EventAck(epoch, _persistedUpTo) : null;
}
