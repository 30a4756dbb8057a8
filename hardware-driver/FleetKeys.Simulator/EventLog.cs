using FleetKeys.Protocol;
using FleetKeys.Protocol.Messages;

namespace FleetKeys.Simulator;

/// <summary>
/// The numbered log of one cabinet (docs/protocol.md, "Event log"): numbers from 1 per epoch,
/// events kept until an acknowledgement of this epoch covers them, and the oldest ones reported
/// at every poll until then. Guarded by the cabinet's lock.
/// </summary>
internal sealed class EventLog(uint epoch, int capacity)
{
    private static readonly int EmptyReportLength = new EventReport(0, []).EncodeData().Length;

    /// <summary>Ascending by number; each with its encoded size, measured once rather than at every poll.</summary>
    private readonly List<(CabinetEvent Event, int WireLength)> _pending = [];

    public uint Epoch => epoch;

    public uint LastNumber { get; private set; }

    public uint AcknowledgedUpTo { get; private set; }

    public int PendingCount => _pending.Count;

    public bool IsFull => PendingCount >= capacity;

    public void Append(Func<uint, CabinetEvent> create)
    {
        var entry = create(++LastNumber);
        _pending.Add((entry, new EventReport(epoch, [entry]).EncodeData().Length - EmptyReportLength));
    }

    /// <summary>The oldest unacknowledged events that fit one reply, or null when all are acknowledged.</summary>
    public EventReport? Report()
    {
        if (_pending.Count == 0) return null;
        var count = ReplyBudget.Fit(EmptyReportLength, _pending.Select(p => p.WireLength));
        return new EventReport(epoch, new ValueList<CabinetEvent>(_pending.Take(count).Select(p => p.Event)));
    }

    /// <summary>Another epoch's acknowledgement is ignored; a number beyond the newest counts as the newest.</summary>
    public void Acknowledge(EventAck ack)
    {
        if (ack.Epoch != epoch) return;
        var upTo = Math.Min(ack.UpTo, LastNumber);
        if (upTo <= AcknowledgedUpTo) return;
        AcknowledgedUpTo = upTo;
        _pending.RemoveAll(p => p.Event.Number <= upTo);
    }

    public EventLogState Snapshot() =>
        new(epoch, LastNumber, AcknowledgedUpTo, new ValueList<CabinetEvent>(_pending.Select(p => p.Event)));
}
