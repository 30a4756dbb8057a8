using FleetKeys.Driver.Polling;
using FleetKeys.Protocol;
using FleetKeys.Protocol.Channels;
using FleetKeys.Protocol.Framing;

namespace FleetKeys.Driver.Exchanges;

/// <summary>
/// OSDP's poll/reply discipline on one controller's half-duplex bus: one command to one cabinet, then its reply or the
/// timeout, before the next. It says whose turn it is (<see cref="PollScheduler"/>), which reply belongs to which command,
/// and counts refused frames until the connection is not worth keeping. No socket and no timer: its owner writes the
/// frames it is given and tells it when the reply timer of an exchange fired.
/// </summary>
internal sealed class ExchangeLoop(IReadOnlyDictionary<byte, CabinetOnBus> buses, PollScheduler polls, int maxRejectedInARow,
    LinkCounters counts, TimeProvider clock)
{
    private FrameReader _reader = new();
    private CabinetOnBus? _awaiting;
    private long _exchange;
    private long _sentAt;
    private int _rejectedInARow;

    public bool Connected { get; private set; }

    /// <summary>Connected and no exchange outstanding: new work can start one at once.</summary>
    public bool IsIdle => Connected && _awaiting is null;

    /// <summary>A new connection: no bytes carried over, and the refusals of the last one forgotten.</summary>
    public void Connect()
    {
        Connected = true;
        _reader = new FrameReader();
        _rejectedInARow = 0;
        _awaiting = null;
    }

    /// <summary>The connection is gone: whatever was outstanding will never be answered on it.</summary>
    public void Disconnect()
    {
        Connected = false;
        _awaiting = null;
    }

    /// <summary>
    /// The next exchange at <paramref name="busNow"/>: a frame to the cabinet whose turn it is, or how long the bus rests when
    /// none is due; null while disconnected, while an exchange is outstanding, or on a bus with no cabinet.
    /// </summary>
    public BusStep? Next(TimeSpan busNow)
    {
        if (!IsIdle || polls.IsEmpty) return null;
        if (polls.Next(busNow, address => buses[address].HasWork) is not { } next) return new BusStep.Rest(polls.Rest(busNow));
        var bus = buses[next];
        return Transmit(bus, bus.NextFrame());
    }

    /// <summary>
    /// The reply timer of exchange <paramref name="exchange"/> fired: true if that exchange was still outstanding, which
    /// is then over (its frame goes again at the cabinet's next turn).
    /// </summary>
    public bool TimedOut(long exchange)
    {
        if (exchange != _exchange || _awaiting is not { } bus) return false;
        counts.TimedOut();
        bus.TimedOut();
        _reader.DiscardPartial();
        _awaiting = null;
        return true;
    }

    /// <summary>Bytes from the controller, a frame at a time; the caller stops reading once a step has dropped the link.</summary>
    public IEnumerable<BusStep> Received(byte[] bytes)
    {
        _reader.Append(bytes);
        while (Connected && _reader.TryRead(out var result))
            yield return result.Packet is { } packet ? OnPacket(packet) : Refuse(result.Error, heard: false);
    }

    private BusStep OnPacket(Packet packet)
    {
        if (_awaiting is not { } bus) return Refuse(ProtocolError.UnexpectedReply, heard: true);
        var step = bus.Channel.Receive(packet);
        if (step is PanelStep.Rejected rejected) return Refuse(rejected.Error, heard: true);
        _rejectedInARow = 0;
        counts.FrameReceived();
        switch (step)
        {
            case PanelStep.SendNext next:
                return Transmit(bus, next.Frame);
            case PanelStep.Resend resend:
                return Transmit(bus, resend.Frame);
            case PanelStep.Established:
                _awaiting = null;
                return new BusStep.Established(bus);
            case PanelStep.ReplyReceived reply:
                counts.RoundTrip(clock.GetElapsedTime(_sentAt).TotalMilliseconds);
                var sent = bus.InFlight;
                bus.InFlight = null;
                _awaiting = null;
                return new BusStep.Replied(bus, sent, reply.Reply);
            case PanelStep.SessionLost lost:
                bus.Requeue();
                _awaiting = null;
                return new BusStep.SessionLost(bus, lost.Reason);
            case PanelStep.ControllerBusy:
                _awaiting = null;
                return new BusStep.Busy(bus);
            default:
                return new BusStep.Duplicate();
        }
    }

    private BusStep.Transmit Transmit(CabinetOnBus bus, byte[] frame)
    {
        _awaiting = bus;
        _sentAt = clock.GetTimestamp();
        counts.FrameSent();
        return new BusStep.Transmit(bus, frame, ++_exchange);
    }

    private BusStep.Refused Refuse(ProtocolError error, bool heard)
    {
        counts.FrameRejected(error);
        var drop = error == ProtocolError.HandshakeFailed ? "the controller failed authentication"
            : ++_rejectedInARow >= maxRejectedInARow ? $"{_rejectedInARow} refused frames in a row"
            : null;
        return new BusStep.Refused(error, heard, drop);
    }
}
