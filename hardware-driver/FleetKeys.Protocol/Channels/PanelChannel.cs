using System.Security.Cryptography;
using FleetKeys.Protocol.Framing;
using FleetKeys.Protocol.Messages;
using FleetKeys.Protocol.Security;

namespace FleetKeys.Protocol.Channels;

/// <summary>
/// The driver's end of the link to one bus address (an OSDP control panel talking to one
/// peripheral). It runs the handshake, numbers and seals commands, and checks every reply for
/// address, MAC, replay and sequence before decoding it. One command is outstanding at a time;
/// the caller owns timing (see <see cref="ProtocolTiming"/>) and the socket.
/// Not thread-safe: it belongs to one actor.
/// </summary>
public sealed class PanelChannel
{
    private readonly ControllerSecret _secret;
    private readonly RandomNumberGenerator _random;

    private SecureSession? _session;
    private byte[] _panelNonce = [];
    private byte[] _panelProof = [];
    private SessionKeys? _pendingKeys;
    private byte _sequence;
    private byte[]? _outstanding;
    private byte[]? _lastReply;

    /// <param name="busAddress">0x00-0x7E: a session belongs to one peripheral, so never the broadcast address.</param>
    /// <param name="random">Source of nonces; the system's CSPRNG unless a test needs fixed ones.</param>
    public PanelChannel(byte busAddress, ControllerSecret secret, RandomNumberGenerator? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(busAddress, Packet.BroadcastAddress);
        BusAddress = busAddress;
        _secret = secret;
        _random = random ?? RandomNumberGenerator.Create();
    }

    public byte BusAddress { get; }

    public PanelState State { get; private set; }

    /// <summary>False also when the frame counter is spent: then a new handshake is due.</summary>
    public bool IsEstablished => State == PanelState.Established && _session!.CanSeal;

    public bool IsAwaitingReply => _outstanding is not null;

    /// <summary>
    /// Drops any session and returns a CHLNG with sequence 0, which resets the controller's end.
    /// Call on connect and whenever a step says the session is gone.
    /// </summary>
    public byte[] StartHandshake()
    {
        _session = null;
        _pendingKeys = null;
        _lastReply = null;
        _panelNonce = new byte[HandshakeCrypto.NonceLength];
        _random.GetBytes(_panelNonce);
        State = PanelState.Challenging;
        var challenge = new Challenge(_panelNonce);
        return Transmit(0, Packet.Encode(BusAddress, 0, (byte)challenge.Code, challenge.EncodeData(),
            new SecurityBlock(SecurityBlockType.Challenge, ByteString.Empty)));
    }

    /// <summary>Seals a command into a frame with the next sequence number.</summary>
    /// <exception cref="InvalidOperationException">No session, or a command is still outstanding.</exception>
    public byte[] Send(Command command)
    {
        if (!IsEstablished) throw new InvalidOperationException("no secure session: start a handshake first");
        if (IsAwaitingReply)
            throw new InvalidOperationException("a command is outstanding: retransmit it, or start a new handshake");
        if (command is Challenge or PanelProof)
            throw new ArgumentException("handshake commands are the channel's own", nameof(command));
        var sequence = Sequence.Next(_sequence);
        return Transmit(sequence, _session!.Seal(sequence, (byte)command.Code, command.EncodeData()));
    }

    /// <summary>The outstanding frame again, byte for byte, so the controller can tell it is a retry.</summary>
    public byte[] Retransmit() =>
        _outstanding ?? throw new InvalidOperationException("no command is outstanding");

    /// <summary>Checks and interprets one packet from the controller. Never throws.</summary>
    public PanelStep Receive(Packet packet)
    {
        if (!packet.IsReply || packet.BusAddress != BusAddress) return new PanelStep.Rejected(ProtocolError.WrongAddress);
        if (_lastReply is not null && packet.Bytes.Span.SequenceEqual(_lastReply)) return new PanelStep.Duplicate();
        if (_outstanding is null) return new PanelStep.Rejected(ProtocolError.UnexpectedReply);
        return State switch
        {
            PanelState.Challenging => OnChallengeResponse(packet),
            PanelState.Proving => OnSessionConfirmation(packet),
            _ => OnSecureReply(packet),
        };
    }

    private PanelStep OnChallengeResponse(Packet packet)
    {
        if (packet.Sequence != _sequence) return new PanelStep.Rejected(ProtocolError.BadSequence);
        if (packet.Security?.Type != SecurityBlockType.ChallengeResponse
            || Reply.DecodeData(packet.Code, packet.Data.Span).Message is not ChallengeResponse response)
            return HandshakeFailed();
        var expected = HandshakeCrypto.ControllerProof(_secret, BusAddress, _panelNonce, response.Nonce.Span);
        if (!HandshakeCrypto.Matches(expected, response.Proof.Span)) return HandshakeFailed();

        _pendingKeys = HandshakeCrypto.DeriveKeys(_secret, BusAddress, _panelNonce, response.Nonce.Span);
        _panelProof = HandshakeCrypto.PanelProof(_secret, BusAddress, _panelNonce, response.Nonce.Span);
        _lastReply = packet.Bytes.ToArray();
        State = PanelState.Proving;
        var proof = new PanelProof(_panelProof);
        var sequence = Sequence.Next(_sequence);
        return new PanelStep.SendNext(Transmit(sequence, Packet.Encode(BusAddress, sequence, (byte)proof.Code,
            proof.EncodeData(), new SecurityBlock(SecurityBlockType.PanelProof, ByteString.Empty))));
    }

    private PanelStep OnSessionConfirmation(Packet packet)
    {
        if (packet.Sequence != _sequence) return new PanelStep.Rejected(ProtocolError.BadSequence);
        if (packet.Security?.Type != SecurityBlockType.SessionConfirmation
            || Reply.DecodeData(packet.Code, packet.Data.Span).Message is not SessionConfirmation confirmation
            || !HandshakeCrypto.Matches(_pendingKeys!.Confirmation(_panelProof), confirmation.Confirmation.Span))
            return HandshakeFailed();

        _session = new SecureSession(_pendingKeys, isPanel: true, BusAddress);
        _pendingKeys = null;
        _outstanding = null;
        _lastReply = packet.Bytes.ToArray();
        State = PanelState.Established;
        return new PanelStep.Established();
    }

    private PanelStep OnSecureReply(Packet packet)
    {
        if (packet.Security is null) return OnPlainReply(packet);
        var opened = _session!.Open(packet);
        if (opened.Error != ProtocolError.None) return new PanelStep.Rejected(opened.Error);
        if (packet.Sequence != _sequence) return new PanelStep.Rejected(ProtocolError.BadSequence);
        _session.Accept(opened.Counter);
        _lastReply = packet.Bytes.ToArray();

        var decoded = Reply.DecodeData(packet.Code, opened.Plaintext);
        switch (decoded.Message)
        {
            case Busy:
                return new PanelStep.ControllerBusy();
            case Nak { Error: NakCode.BadCrc } nak:
                return new PanelStep.Resend(_outstanding!, nak.Error);
            case Nak { Error: NakCode.BadSequence or NakCode.UnsupportedSecurityBlock or NakCode.SecurityConditionsNotMet } nak:
                return SessionLost(nak.Error);
            case null or ChallengeResponse or SessionConfirmation:
                _outstanding = null;
                return new PanelStep.Rejected(decoded.Message is null ? decoded.Error : ProtocolError.UnexpectedReply);
            default:
                _outstanding = null;
                return new PanelStep.ReplyReceived(decoded.Message);
        }
    }

    /// <summary>
    /// A reply without a MAC proves nothing, so it can never stand for an answer; but a controller
    /// that lost its session (restart, or a new challenge from elsewhere) can only say so in the
    /// clear, and the worst a forged one can do is cost us a handshake.
    /// </summary>
    private PanelStep OnPlainReply(Packet packet)
    {
        if (packet.Sequence == _sequence && Reply.DecodeData(packet.Code, packet.Data.Span).Message is Nak nak)
            return SessionLost(nak.Error);
        return new PanelStep.Rejected(ProtocolError.BadMac);
    }

    private PanelStep.Rejected HandshakeFailed()
    {
        State = PanelState.NotSecured;
        _outstanding = null;
        _pendingKeys = null;
        return new PanelStep.Rejected(ProtocolError.HandshakeFailed);
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
