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
/// connection, and what it counted. Not thread-safe: its device calls it under its own lock.
/// </summary>
internal sealed class DeviceEndpoint
{
    private readonly byte _busAddress;
    private long _frames;
    private long _naks;
    private long _rejected;
    private long _retransmissions;
    private ImmutableDictionary<ProtocolError, long> _errors = ImmutableDictionary<ProtocolError, long>.Empty;

    public DeviceEndpoint(byte busAddress, Scbk key)
    {
        _busAddress = busAddress;
        Key = key;
        Channel = NewChannel();
    }

    /// <summary>The device's SCBK: derived from its controller's secret (commissioned), or SCBK-D after <see cref="ForgetKey"/>.</summary>
    public Scbk Key { get; private set; }

    /// <summary>The session of the authenticated connection (the one that completed a handshake last).</summary>
    public PeripheralChannel Channel { get; private set; }

    public CabinetCounters Counters => new(_frames, _naks, _rejected, _retransmissions, _errors);

    public PeripheralChannel NewChannel() => new(_busAddress, Key);

    public void ForgetKey() => Key = Scbk.Default;

    /// <summary>A command the device could not carry out was NAKed.</summary>
    public void Naked() => _naks++;

    /// <summary>
    /// Checks a packet through <paramref name="channel"/> and returns what to send back; <paramref name="established"/> runs
    /// when it completes a handshake, which makes that channel the device's.
    /// </summary>
    public byte[]? Receive(Packet packet, PeripheralChannel channel, Func<Command, Reply> execute, Action established)
    {
        _frames++;
        var wasEstablished = channel.IsEstablished;
        var keyBefore = channel.Key;
        var step = channel.Receive(packet, execute);
        if (!ReferenceEquals(channel.Key, keyBefore)) Key = channel.Key;
        // A proof the controller accepted is as authentic as a command: the driver is there, on this channel from now on.
        if (!wasEstablished && channel.IsEstablished)
        {
            Channel = channel;
            established();
        }

        if (step.IsRetransmission) _retransmissions++;
        if (step.Error != ProtocolError.None) Refused(step.Error, nakSent: step.Response is not null);
        return step.Response;
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
