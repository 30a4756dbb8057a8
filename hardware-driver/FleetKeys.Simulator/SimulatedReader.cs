using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using FleetKeys.Protocol;
using FleetKeys.Protocol.Channels;
using FleetKeys.Protocol.Framing;
using FleetKeys.Protocol.Messages;
using FleetKeys.Protocol.Security;

namespace FleetKeys.Simulator;

/// <summary>
/// An off-the-shelf OSDP reader (card and keypad) at a bus address of its own, beside a FleetKeys cabinet board
/// (docs/protocol.md, "A mixed bus"): it identifies itself honestly — another vendor, no FleetKeys capability — reports
/// cards with osdp_RAW and keys with osdp_KEYPAD at the next polls, shows what LED, BUZ and TEXT ask, speaks the same
/// secure channel as the board, and NAKs what it does not know (every FleetKeys MFG message among them) as "unknown
/// command". It has no allow-list and decides nothing: without a panel, a badge goes nowhere. Thread-safe: one lock.
/// </summary>
public sealed class SimulatedReader : IBusDevice
{
    /// <summary>The vendor a stock reader reports in osdp_PDID: anybody's but FleetKeys's (an IEEE-assigned OUI's shape).</summary>
    public static readonly VendorCode Vendor = new(0x00, 0x13, 0x7D);

    private readonly Lock _gate = new();
    private readonly DeviceEndpoint _endpoint;
    private readonly Watchers _watchers;

    private readonly ReaderOutputs _outputs = new();

    /// <summary>Stable per cabinet and the address it was wired at, so PDID reads the same on every run and after a move.</summary>
    private readonly uint _serialNumber;

    internal SimulatedReader(byte busAddress, string cabinetId, ControllerSecret secret, Func<byte, bool> addressFree)
    {
        CabinetId = cabinetId;
        _endpoint = new DeviceEndpoint(busAddress, Scbk.Derive(secret, busAddress), addressFree);
        _watchers = new Watchers(_gate);
        _serialNumber = BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes($"reader/{CabinetId}/{busAddress}")));
    }

    /// <summary>Where it answers now: the address it was wired at until an osdp_COMSET moved it.</summary>
    public byte BusAddress
    {
        get
        {
            lock (_gate) return _endpoint.BusAddress;
        }
    }

    /// <summary>The cabinet whose door it stands at (the simulator's wiring; the reader itself knows nothing of it).</summary>
    public string CabinetId { get; }

    /// <summary>What it shows and sounds now: the last TEXT, the last record for each LED (0 = its own), the last BUZ.</summary>
    public (string? Text, ImmutableDictionary<byte, LedRecord> Leds, BuzzerControl? Buzzer) Shown
    {
        get
        {
            lock (_gate) return (_outputs.Text, _outputs.Leds, _outputs.Buzzer);
        }
    }

    public CabinetCounters Counters
    {
        get
        {
            lock (_gate) return _endpoint.Counters;
        }
    }

    public bool IsSessionEstablished
    {
        get
        {
            lock (_gate) return _endpoint.Channel.IsEstablished;
        }
    }

    /// <summary>A badge held to the reader: a RAW card read at the next poll.</summary>
    public void PresentBadge(ByteString badge)
    {
        if (badge.Length is < 1 or > SimulatedCabinet.MaxBadgeLength)
            throw new ArgumentException($"a badge is 1-{SimulatedCabinet.MaxBadgeLength} bytes of card data", nameof(badge));
        Report(new CardRead(0, CardFormat.RawUnspecified, (ushort)(badge.Length * 8), badge));
    }

    /// <summary>Keys on the keypad (digits, '*', '#'): a KEYPAD reply at the next poll.</summary>
    public void EnterPin(string keys)
    {
        var keypad = new KeypadInput(0, keys);
        // The protocol's own check of keypad keys, here rather than when a poll encodes the reply.
        _ = keypad.EncodeData();
        Report(keypad);
    }

    /// <summary>Completes with the display's text once a TEXT command has put up one that matches.</summary>
    public Task<string> WhenText(Func<string, bool> predicate, CancellationToken cancellationToken = default) =>
        _watchers.Add(() => _outputs.Shows(predicate), cancellationToken);

    /// <summary>Completes once no card read or keypad entry waits for a poll.</summary>
    public Task WhenInputReported(CancellationToken cancellationToken = default) =>
        _watchers.Add(() => (_endpoint.Input.Count == 0, true), cancellationToken);

    /// <summary>Completes once a session with the panel is up.</summary>
    public Task WhenSessionEstablished(CancellationToken cancellationToken = default) =>
        _watchers.Add(() => (_endpoint.Channel.IsEstablished, true), cancellationToken);

    public override string ToString() => $"stock reader at bus address {BusAddress} (cabinet {CabinetId})";

    PeripheralChannel IBusDevice.NewChannel()
    {
        lock (_gate) return _endpoint.NewChannel();
    }

    byte[]? IBusDevice.Receive(Packet packet) => Receive(packet, null);

    byte[]? IBusDevice.ReceiveHandshake(Packet packet, PeripheralChannel channel) => Receive(packet, channel);

    byte[] IBusDevice.RejectUnreadable(FrameResult frame, PeripheralChannel? channel)
    {
        lock (_gate) return _endpoint.RejectUnreadable(frame, channel);
    }

    void IBusDevice.Dispose() => _watchers.Abandon(ToString());

    /// <summary>On the authenticated connection's channel when <paramref name="handshaking"/> is null; there only a handshake gets anywhere.</summary>
    private byte[]? Receive(Packet packet, PeripheralChannel? handshaking)
    {
        lock (_gate)
        {
            var response = handshaking is null
                ? _endpoint.Receive(packet, _endpoint.Channel, Execute, () => { })
                : _endpoint.Receive(packet, handshaking, _ => new Nak(NakCode.SecurityConditionsNotMet), () => { });
            _watchers.Check();
            return response;
        }
    }

    private Reply Execute(Command command)
    {
        Reply reply = command switch
        {
            Poll => _endpoint.Input.Report() ?? new Ack(),
            IdRequest => new DeviceIdentification(Vendor, 7, 2, _serialNumber, 3, 1, 0),
            CapabilitiesRequest => Capabilities(),
            LocalStatusRequest => new LocalStatus(Tamper: false, PowerFailure: false),
            LedControl or BuzzerControl or TextOutput => _outputs.Obey(command)!,
            // osdp_MFG under FleetKeys's vendor code, OUT (a reader with no outputs), ISTAT: not this device's.
            _ => new Nak(NakCode.UnknownCommand),
        };
        if (reply is Nak) _endpoint.Naked();
        return reply;
    }

    /// <summary>A card reader with a keypad, one LED, a buzzer and a one-line display; no outputs, no inputs, no MFG.</summary>
    private static DeviceCapabilities Capabilities() => new(
    [
        new Capability(CapabilityFunction.CardDataFormat, 1, 0),
        new Capability(CapabilityFunction.ReaderLedControl, 1, 1),
        new Capability(CapabilityFunction.ReaderAudibleOutput, 1, 1),
        new Capability(CapabilityFunction.ReaderTextOutput, 1, 1),
        new Capability(CapabilityFunction.CheckCharacterSupport, 1, 0),
        new Capability(CapabilityFunction.CommunicationSecurity, 1, 1),
        new Capability(CapabilityFunction.ReceiveBufferSize, Packet.MaxLength & 0xFF, Packet.MaxLength >> 8),
    ]);

    private void Report(Reply input)
    {
        lock (_gate)
        {
            _endpoint.Input.Add(input);
            _watchers.Check();
        }
    }
}
