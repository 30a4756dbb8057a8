using System.Collections.Immutable;
using FleetKeys.Protocol;
using FleetKeys.Protocol.Channels;
using FleetKeys.Protocol.Framing;
using FleetKeys.Protocol.Messages;
using FleetKeys.Protocol.Security;

namespace FleetKeys.Simulator;

/// <summary>
/// One bus address's end of the secure channel, the same for every kind of simulated device: the key it holds (kept for
/// every later connection once osdp_KEYSET replaced it, as a real device stores it), the session of the authenticated
/// connection, its bus address and baud rate (osdp_COMSET changes both), and what it counted. Not thread-safe: its device
/// calls it under its own lock.
/// </summary>
internal sealed class DeviceEndpoint
{
    /// <summary>OSDP's default rate, the one a device leaves the factory with.</summary>
    public const uint InitialBaudRate = 9600;

    private readonly Func<byte, bool> _addressFree;
    private CommunicationSet? _moving;
    private long _frames;
    private long _naks;
    private long _rejected;
    private long _retransmissions;
    private long _sessions;
    private ImmutableDictionary<ProtocolError, long> _errors = ImmutableDictionary<ProtocolError, long>.Empty;

    /// <param name="addressFree">Whether no other device of the bus answers at an address (the simulator's bus knows; a real device would collide).</param>
    public DeviceEndpoint(byte busAddress, Scbk key, Func<byte, bool> addressFree)
    {
        BusAddress = busAddress;
        Key = key;
        _addressFree = addressFree;
        Channel = NewChannel();
    }

    public byte BusAddress { get; private set; }

    public uint BaudRate { get; private set; } = InitialBaudRate;

    /// <summary>The device's SCBK: derived from its controller's secret (commissioned), or SCBK-D after <see cref="ForgetKey"/>.</summary>
    public Scbk Key { get; private set; }

    /// <summary>The session of the authenticated connection (the one that completed a handshake last).</summary>
    public PeripheralChannel Channel { get; private set; }

    /// <summary>The person's input the device reports at its polls, kept until the panel confirms it (<see cref="LiveInput"/>).</summary>
    public LiveInput Input { get; } = new();

    public CabinetCounters Counters => new(_frames, _naks, _rejected, _retransmissions, _errors, _sessions);

    public PeripheralChannel NewChannel() => new(BusAddress, Key);

    public void ForgetKey() => Key = Scbk.Default;

    /// <summary>A command the device could not carry out was NAKed.</summary>
    public void Naked() => _naks++;

    /// <summary>
    /// Checks a packet through <paramref name="channel"/> and returns what to send back; <paramref name="established"/> runs
    /// when it completes a handshake, which makes that channel the device's. osdp_COMSET is the endpoint's own: its
    /// osdp_COM goes out from the present address, and from then on the device answers only at the new one, under the
    /// key it holds (the one the panel's osdp_KEYSET gave it for that address), in a session yet to be opened there.
    /// </summary>
    public byte[]? Receive(Packet packet, PeripheralChannel channel, Func<Command, Reply> execute, Action established)
    {
        _frames++;
        var wasEstablished = channel.IsEstablished;
        var keyBefore = channel.Key;
        var step = channel.Receive(packet, command =>
        {
            Input.Confirmed();
            return command is CommunicationSet set ? Settle(set) : execute(command);
        });
        if (!ReferenceEquals(channel.Key, keyBefore)) Key = channel.Key;
        if (_moving is { } moving)
        {
            (_moving, BusAddress, BaudRate) = (null, moving.Address, moving.BaudRate);
            Channel = NewChannel();
        }
        // A proof the controller accepted is as authentic as a command: the driver is there, on this channel from now on.
        if (!wasEstablished && channel.IsEstablished)
        {
            Channel = channel;
            _sessions++;
            Input.SessionStarted();
            established();
        }

        if (step.IsRetransmission) _retransmissions++;
        if (step.Error != ProtocolError.None) Refused(step.Error, nakSent: step.Response is not null);
        return step.Response;
    }

    /// <summary>
    /// The settings osdp_COM reports: the ones asked for when they are valid and the address is free (or its own), the
    /// present ones otherwise, as a device answers settings it cannot take.
    /// </summary>
    private CommunicationSettings Settle(CommunicationSet set)
    {
        if (set.IsValid && (set.Address == BusAddress || _addressFree(set.Address))) _moving = set;
        var (address, baudRate) = _moving is { } moving ? (moving.Address, moving.BaudRate) : (BusAddress, BaudRate);
        return new CommunicationSettings(address, baudRate);
    }

    /// <summary>A frame that failed framing and names this address: NAK "message check error", so the driver resends.</summary>
    public byte[] RejectUnreadable(FrameResult frame, PeripheralChannel? channel)
    {
        Refused(frame.Error, nakSent: true);
        return (channel ?? Channel).RejectUnreadable(frame.SequenceHint ?? 0);
    }

    private void Refused(ProtocolError error, bool nakSent)
    {
        _rejected++;
        if (nakSent) _naks++;
        _errors = _errors.SetItem(error, _errors.GetValueOrDefault(error) + 1);
    }
}
