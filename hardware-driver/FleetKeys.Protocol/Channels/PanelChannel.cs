using System.Security.Cryptography;
using FleetKeys.Protocol.Framing;
using FleetKeys.Protocol.Messages;
using FleetKeys.Protocol.Security;

namespace FleetKeys.Protocol.Channels;

/// <summary>
/// The driver's end of the link to one bus address: an OSDP control panel's secure channel to one peripheral. It runs
/// the handshake (CHLNG, CCRYPT, SCRYPT, RMAC_I), seals commands and checks every reply for address, MAC chain and
/// sequence before decoding it. One command is outstanding at a time; the caller owns timing (see
/// <see cref="ProtocolTiming"/>) and the socket. Not thread-safe: it belongs to one actor.
/// </summary>
public sealed class PanelChannel
{
    private readonly IReadOnlyList<Scbk> _candidates;
    private readonly RandomNumberGenerator _random;

    private SecureSession? _session;
    private byte[] _panelRandom = [];

    /// <summary>
    /// The RND.A of this link's last few challenges before the current one, newest last. The device's answer to one of them
    /// arrives late when the driver gave up waiting and challenged again (a stalled bus or process): authentic, just stale.
    /// </summary>
    private readonly Queue<byte[]> _earlierChallenges = new();

    private const int EarlierChallengesKept = 4;
    private byte[] _serverCryptogram = [];
    private SessionKeys? _pendingKeys;
    private byte _sequence;
    private byte[]? _outstanding;
    private byte[]? _lastReply;

    /// <param name="busAddress">0x00-0x7E: a session belongs to one peripheral, so never the broadcast address.</param>
    /// <param name="key">The device's SCBK, or <see cref="Scbk.Default"/> to commission it.</param>
    /// <param name="random">Source of RND.A; the system's CSPRNG unless a test needs fixed ones.</param>
    public PanelChannel(byte busAddress, Scbk key, RandomNumberGenerator? random = null)
        : this(busAddress, [key], random)
    {
    }

    /// <summary>
    /// A device that may hold one of several keys (a key rotation whose acknowledgement was lost): the handshake is the
    /// same for all of them, and the device's client cryptogram tells which one it holds (<see cref="Key"/>), tried in
    /// the order given. All are its own keys or the one is SCBK-D: the key indicator of the challenge is shared.
    /// </summary>
    public PanelChannel(byte busAddress, IReadOnlyList<Scbk> candidates, RandomNumberGenerator? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(busAddress, Packet.BroadcastAddress);
        if (candidates.Count == 0 || candidates.Any(k => k.IsDefault != candidates[0].IsDefault))
            throw new ArgumentException("one key or more, all of them SCBK-D or none", nameof(candidates));
        BusAddress = busAddress;
        _candidates = candidates;
        Key = candidates[0];
        _random = random ?? RandomNumberGenerator.Create();
    }

    /// <summary>The device's own key, derived from its controller's secret (<see cref="Scbk.Derive"/>).</summary>
    public PanelChannel(byte busAddress, ControllerSecret secret, RandomNumberGenerator? random = null)
        : this(busAddress, Scbk.Derive(secret, busAddress), random)
    {
    }

    public byte BusAddress { get; }

    /// <summary>The key of the handshake: the first candidate until the device proved which one it holds.</summary>
    public Scbk Key { get; private set; }

    public PanelState State { get; private set; }

    public bool IsEstablished => State == PanelState.Established;

    public bool IsAwaitingReply => _outstanding is not null;

    /// <summary>
    /// Drops any session and returns an osdp_CHLNG with sequence 0, which resets the device's end.
    /// Call on connect and whenever a step says the session is gone.
    /// </summary>
    public byte[] StartHandshake()
    {
        _session = null;
        _pendingKeys = null;
        _lastReply = null;
        if (_panelRandom.Length > 0) _earlierChallenges.Enqueue(_panelRandom);
        if (_earlierChallenges.Count > EarlierChallengesKept) _earlierChallenges.Dequeue();
        _panelRandom = new byte[SessionKeys.RandomLength];
        _random.GetBytes(_panelRandom);
        State = PanelState.Challenging;
        var challenge = new Challenge(_panelRandom);
        return Transmit(0, Packet.Encode(BusAddress, 0, (byte)challenge.Code, challenge.EncodeData(),
            HandshakeBlocks.KeyIndicator(SecurityBlockType.Challenge, Key)));
    }

    /// <summary>Seals a command into a frame with the next sequence number.</summary>
    /// <exception cref="InvalidOperationException">No session, or a command is still outstanding.</exception>
    public byte[] Send(Command command)
    {
        if (!IsEstablished) throw new InvalidOperationException("no secure session: start a handshake first");
        if (IsAwaitingReply)
            throw new InvalidOperationException("a command is outstanding: retransmit it, or start a new handshake");
        if (command is Challenge or ServerCryptogram)
            throw new ArgumentException("handshake commands are the channel's own", nameof(command));
        var sequence = Sequence.Next(_sequence);
        return Transmit(sequence, _session!.Seal(sequence, (byte)command.Code, command.EncodeData()));
    }

    /// <summary>The outstanding frame again, byte for byte, so the device can tell it is a retry.</summary>
    public byte[] Retransmit() =>
        _outstanding ?? throw new InvalidOperationException("no command is outstanding");

    /// <summary>Checks and interprets one packet from the device. Never throws.</summary>
    public PanelStep Receive(Packet packet)
    {
        if (!packet.IsReply || packet.BusAddress != BusAddress) return new PanelStep.Rejected(ProtocolError.WrongAddress);
        if (_lastReply is not null && packet.Bytes.Span.SequenceEqual(_lastReply)) return new PanelStep.Duplicate();
        if (_outstanding is null) return new PanelStep.Rejected(ProtocolError.UnexpectedReply);
        if (packet.Security is null) return OnPlainReply(packet);
        return State switch
        {
            PanelState.Challenging => OnChallengeResponse(packet),
            PanelState.Proving => OnInitialRMac(packet),
            _ => OnSecureReply(packet),
        };
    }

    private PanelStep OnChallengeResponse(Packet packet)
    {
        if (packet.Sequence != _sequence) return new PanelStep.Rejected(ProtocolError.BadSequence);
        if (packet.Security is not { Type: SecurityBlockType.ChallengeResponse } block
            || Reply.DecodeData(packet.Code, packet.Data.Span).Message is not ChallengeResponse response)
            return HandshakeFailed(ProtocolError.HandshakeFailed);
        // A device that answers with SCBK-D when it was asked for its own key has never been commissioned (or was
        // reset): it must not be trusted, whatever its cryptogram says.
        if (!block.Data.Span.SequenceEqual(HandshakeBlocks.KeyIndicator(block.Type, Key).Data.Span))
            return HandshakeFailed(block.Data.Span is [HandshakeBlocks.DefaultKey] ? ProtocolError.DefaultKeyOffered : ProtocolError.HandshakeFailed);

        if (Proof(_panelRandom, response) is not (var key, var keys))
        {
            // The answer to an earlier challenge proves the device holds its key: a late reply to ignore, not an impostor.
            return _earlierChallenges.Any(earlier => Proof(earlier, response) is not null)
                ? new PanelStep.Rejected(ProtocolError.UnexpectedReply)
                : HandshakeFailed(ProtocolError.HandshakeFailed);
        }

        Key = key;
        _pendingKeys = keys;
        _serverCryptogram = keys.ServerCryptogram(_panelRandom, response.Random.Span);
        _lastReply = packet.Bytes.ToArray();
        State = PanelState.Proving;
        var cryptogram = new ServerCryptogram(_serverCryptogram);
        var sequence = Sequence.Next(_sequence);
        return new PanelStep.SendNext(Transmit(sequence, Packet.Encode(BusAddress, sequence, (byte)cryptogram.Code,
            cryptogram.EncodeData(), HandshakeBlocks.KeyIndicator(SecurityBlockType.ServerCryptogram, Key))));
    }

    /// <summary>The candidate key whose client cryptogram for the challenge <paramref name="panelRandom"/> the device sent, with its session keys.</summary>
    private (Scbk Key, SessionKeys Keys)? Proof(byte[] panelRandom, ChallengeResponse response)
    {
        foreach (var candidate in _candidates)
        {
            var keys = SessionKeys.Derive(candidate, panelRandom);
            if (CryptographicOperations.FixedTimeEquals(keys.ClientCryptogram(panelRandom, response.Random.Span), response.Cryptogram.Span))
                return (candidate, keys);
        }

        return null;
    }

    private PanelStep OnInitialRMac(Packet packet)
    {
        if (packet.Sequence != _sequence) return new PanelStep.Rejected(ProtocolError.BadSequence);
        if (packet.Security != HandshakeBlocks.CryptogramAccepted
            || Reply.DecodeData(packet.Code, packet.Data.Span).Message is not InitialRMac rmac
            || !CryptographicOperations.FixedTimeEquals(_pendingKeys!.InitialRMac(_serverCryptogram), rmac.Mac.Span))
            return HandshakeFailed(ProtocolError.HandshakeFailed);

        _session = new SecureSession(_pendingKeys, isPanel: true, BusAddress, rmac.Mac.ToArray());
        _pendingKeys = null;
        _outstanding = null;
        _lastReply = packet.Bytes.ToArray();
        State = PanelState.Established;
        return new PanelStep.Established();
    }

    /// <summary>
    /// A reply whose MAC fails leaves the chain and the outstanding command as they were: the genuine reply, or the
    /// device's copy of it when the command is retransmitted, still verifies.
    /// </summary>
    private PanelStep OnSecureReply(Packet packet)
    {
        var opened = _session!.Open(packet);
        if (opened.Error != ProtocolError.None) return new PanelStep.Rejected(opened.Error);
        if (packet.Sequence != _sequence) return new PanelStep.Rejected(ProtocolError.BadSequence);
        _session.Accept(opened);
        _lastReply = packet.Bytes.ToArray();

        var decoded = Reply.DecodeData(packet.Code, opened.Plaintext);
        _outstanding = null;
        return decoded.Message switch
        {
            Nak { Error: NakCode.BadSequence or NakCode.UnsupportedSecurityBlock or NakCode.SecurityConditionsNotMet } nak => SessionLost(nak.Error),
            null => new PanelStep.Rejected(decoded.Error),
            ChallengeResponse or InitialRMac or Busy => new PanelStep.Rejected(ProtocolError.UnexpectedReply),
            var reply => new PanelStep.ReplyReceived(reply),
        };
    }

    /// <summary>
    /// A reply without a MAC proves nothing, so it never stands for an answer. The device sends three in the clear,
    /// each about the outstanding command: BUSY (it did nothing: resend), NAK "bad CRC" (it could not read it:
    /// resend) and any other NAK (it has no session, or dropped it on a MAC failure: start over). A forged one can
    /// cost a resend or a handshake, nothing more.
    /// </summary>
    private PanelStep OnPlainReply(Packet packet)
    {
        if (packet.Sequence != _sequence) return new PanelStep.Rejected(ProtocolError.BadMac);
        return Reply.DecodeData(packet.Code, packet.Data.Span).Message switch
        {
            Busy => new PanelStep.ControllerBusy(),
            Nak { Error: NakCode.BadCrc } nak => new PanelStep.Resend(_outstanding!, nak.Error),
            Nak nak => SessionLost(nak.Error),
            _ => new PanelStep.Rejected(ProtocolError.BadMac),
        };
    }

    private PanelStep.Rejected HandshakeFailed(ProtocolError error)
    {
        State = PanelState.NotSecured;
        _outstanding = null;
        _pendingKeys = null;
        return new PanelStep.Rejected(error);
    }

    private PanelStep.SessionLost SessionLost(NakCode reason)
    {
        State = PanelState.NotSecured;
        _session = null;
        _outstanding = null;
        return new PanelStep.SessionLost(reason);
    }

    private byte[] Transmit(byte sequence, byte[] frame)
    {
        _sequence = sequence;
        _outstanding = frame;
        return frame;
    }
}
