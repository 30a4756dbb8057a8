using FleetKeys.Driver.Polling;
using FleetKeys.Protocol;
using FleetKeys.Protocol.Channels;
using FleetKeys.Protocol.Framing;

namespace FleetKeys.Driver.Exchanges;

/// <summary>
/// OSDP's poll/reply discipline on one controller's bus: one command outstanding per cabinet, and every reply matched to
/// the cabinet and command it answers. The cabinets whose turn it is (<see cref="PollScheduler"/>) get their frames in one
/// write — the controller's serial server relays them one by one on its half-duplex bus and answers in one write
/// (docs/protocol.md) — and the next write waits until each has its reply or the write's reply timer fires. Refused frames
/// are counted until the connection is not worth keeping. No socket and no timer: its owner writes the bytes it is given
/// and tells it when the reply timer of a write fired.
/// </summary>
internal sealed class ExchangeLoop(IReadOnlyDictionary<byte, CabinetOnBus> buses, PollScheduler polls, int framesPerWrite, int maxRejectedInARow,
    LinkCounters counts, TimeProvider clock)
{
    private readonly Dictionary<byte, CabinetOnBus> _outstanding = [];
    // Per cabinet, how many sends to it timed out and may still be answered, late: each send of a retransmitted frame is
    // answered by the device (the same reply again), and only one answer is taken as the exchange's.
    private readonly Dictionary<byte, int> _late = [];
    private FrameReader _reader = new();
    private long _exchange;
    private long _sentAt;
    private int _rejectedInARow;

    public bool Connected { get; private set; }

    /// <summary>Connected and no reply outstanding: new work can start a write at once.</summary>
    public bool IsIdle => Connected && _outstanding.Count == 0;

    /// <summary>A new connection: no bytes carried over, and the refusals of the last one forgotten.</summary>
    public void Connect()
    {
        Connected = true;
        _reader = new FrameReader();
        _rejectedInARow = 0;
        _outstanding.Clear();
        _late.Clear();
    }

    /// <summary>The connection is gone: whatever was outstanding will never be answered on it.</summary>
    public void Disconnect()
    {
        Connected = false;
        _outstanding.Clear();
    }

    /// <summary>
    /// The next write at <paramref name="busNow"/>: a frame to each cabinet whose turn it is, or how long the bus rests when
    /// none is due; null while disconnected, while replies are outstanding, or on a bus with no cabinet.
    /// </summary>
    public BusStep? Next(TimeSpan busNow)
    {
        if (!IsIdle || polls.IsEmpty) return null;
        var due = polls.Due(busNow, address => buses[address].HasWork, framesPerWrite);
        if (due.Count == 0) return new BusStep.Rest(polls.Rest(busNow));
        return Transmit([.. due.Select(address => (buses[address], NextFrame(buses[address])))]);
    }

    private byte[] NextFrame(CabinetOnBus bus)
    {
        if (bus.SessionLost) counts.SessionRestarted();
        return bus.NextFrame(clock.GetUtcNow());
    }

    /// <summary>
    /// The reply timer of write <paramref name="exchange"/> fired: true if it was the latest write and replies were still
    /// outstanding; those exchanges are over (their frames go again at the cabinets' next turn).
    /// </summary>
    public bool TimedOut(long exchange)
    {
        if (exchange != _exchange || _outstanding.Count == 0) return false;
        foreach (var bus in _outstanding.Values)
        {
            counts.TimedOut();
            bus.TimedOut();
            // At most every send of one frame: a device that stays silent does not earn leave for stray replies later.
            _late[bus.Address] = Math.Min(_late.GetValueOrDefault(bus.Address) + 1, ProtocolTiming.MaxRetransmissions + 1);
        }

        _outstanding.Clear();
        _reader.DiscardPartial();
        return true;
    }

    /// <summary>
    /// Bytes from the controller, a frame at a time. What their replies call for (the rest of several handshakes, resends)
    /// comes last, as one write; nothing more is read once a step has dropped the link.
    /// </summary>
    public IReadOnlyList<BusStep> Received(byte[] bytes)
    {
        _reader.Append(bytes);
        var (steps, frames) = (new List<BusStep>(), new List<(CabinetOnBus Bus, byte[] Frame)>());
        while (Connected && _reader.TryRead(out var result))
        {
            var step = result.Packet is { } packet ? OnPacket(packet) : Refuse(result.Error, heard: false);
            if (step is BusStep.Continued continued) frames.Add((continued.Bus, continued.Frame));
            steps.Add(step);
            if (step is BusStep.Refused { Drop: not null }) return steps;
        }

        if (frames.Count > 0) steps.Add(Transmit(frames));
        return steps;
    }

    private BusStep OnPacket(Packet packet)
    {
        if (!_outstanding.TryGetValue(packet.BusAddress, out var bus))
        {
            if (packet.IsReply && _late.TryGetValue(packet.BusAddress, out var late))
            {
                if (late == 1) _late.Remove(packet.BusAddress);
                else _late[packet.BusAddress] = late - 1;
                return Late();
            }

            return Refuse(packet.IsReply && buses.ContainsKey(packet.BusAddress) ? ProtocolError.UnexpectedReply : ProtocolError.WrongAddress, heard: true);
        }

        var step = bus.Channel.Receive(packet);
        if (step is PanelStep.Rejected { Error: ProtocolError.DefaultKeyOffered } && bus.Commissioning is { } commissioning
            && commissioning.IsOpen(clock.GetUtcNow()))
            return new BusStep.Continued(bus, bus.Commission(commissioning));
        if (step is PanelStep.Rejected rejected) return Refuse(rejected.Error, heard: true);
        _rejectedInARow = 0;
        counts.FrameReceived();
        switch (step)
        {
            case PanelStep.SendNext next:
                return new BusStep.Continued(bus, next.Frame);
            case PanelStep.Resend resend:
                return new BusStep.Continued(bus, resend.Frame);
            case PanelStep.Established:
                _outstanding.Remove(bus.Address);
                return new BusStep.Established(bus);
            case PanelStep.ReplyReceived reply:
                counts.RoundTrip(clock.GetElapsedTime(_sentAt).TotalMilliseconds);
                _outstanding.Remove(bus.Address);
                return new BusStep.Replied(bus, bus.Answered(), reply.Reply);
            case PanelStep.SessionLost lost:
                bus.Requeue();
                _outstanding.Remove(bus.Address);
                return new BusStep.SessionLost(bus, lost.Reason);
            case PanelStep.ControllerBusy:
                _outstanding.Remove(bus.Address);
                return new BusStep.Busy(bus);
            default:
                return new BusStep.Duplicate();
        }
    }

    private BusStep.Transmit Transmit(IReadOnlyList<(CabinetOnBus Bus, byte[] Frame)> frames)
    {
        foreach (var (bus, _) in frames)
        {
            _outstanding[bus.Address] = bus;
            counts.FrameSent();
        }

        _sentAt = clock.GetTimestamp();
        return new BusStep.Transmit(frames, ++_exchange);
    }

    /// <summary>
    /// A reply to a frame that timed out, come after all: refused and counted like any unexpected reply, but no step towards
    /// dropping the link. It says the controller answers and this node was too slow to wait: a busy node counted every
    /// reply late, dropped its controllers by the hundred and made every cabinet offline at once (docs/benchmarks.md,
    /// findings 17 and 19). One reply per timed-out send is forgiven (a frame sent again is answered again); a reply
    /// beyond those still counts.
    /// </summary>
    private BusStep.Refused Late()
    {
        counts.FrameRejected(ProtocolError.UnexpectedReply);
        return new BusStep.Refused(ProtocolError.UnexpectedReply, true, null);
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
