using System.Security.Cryptography;
using FleetKeys.Protocol.Framing;
using FleetKeys.Protocol.Messages;
using FleetKeys.Protocol.Security;

namespace FleetKeys.Protocol.Channels;

/// <summary>
/// The controller's end of the link for one bus address (an OSDP peripheral): answers the
/// handshake, then admits only sealed commands that are authentic, fresh and in sequence, hands
/// each to the controller logic once, and seals its reply. A command repeated byte for byte is a
/// retry and gets the stored reply again, so nothing is executed twice. Every refusal is a NAK
/// plus a counted error, never an exception. Not thread-safe: one per address, one caller.
/// </summary>
public sealed class PeripheralChannel
{
    /// <summary>The most reply data one sealed frame can hold (header, block, code, MAC and CRC take 22 bytes).</summary>
    public const int MaxReplyDataLength = Packet.MaxLength - 22;

    private readonly ControllerSecret _secret;
    private readonly RandomNumberGenerator _random;

    private SecureSession? _session;
    private byte[]? _panelNonce;
    private byte[]? _controllerNonce;
    private byte _sequence;
    private byte[]? _lastCommand;
    private byte[]? _lastReply;

    /// <param name="random">Source of nonces; the system's CSPRNG unless a test needs fixed ones.</param>
    public PeripheralChannel(byte busAddress, ControllerSecret secret, RandomNumberGenerator? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(busAddress, Packet.BroadcastAddress);
        BusAddress = busAddress;
        _secret = secret;
        _random = random ?? RandomNumberGenerator.Create();
    }

    public byte BusAddress { get; }

    public bool IsEstablished => _session is not null;

    /// <summary>
    /// Checks one packet and, if it is a valid new command, runs <paramref name="execute"/> on it.
    /// A <see cref="Busy"/> result is sent but leaves the command unconsumed, so the panel's resend
    /// is executed then. Never throws for anything in the packet.
    /// </summary>
    public PeripheralStep Receive(Packet packet, Func<Command, Reply> execute)
    {
        if (packet.IsReply || packet.BusAddress != BusAddress) return new PeripheralStep(null, ProtocolError.WrongAddress);
        if (_session is { CanSeal: false }) _session = null;
        if (_lastCommand is not null && packet.Bytes.Span.SequenceEqual(_lastCommand))
            return new PeripheralStep(_lastReply, ProtocolError.None, IsRetransmission: true);
        return packet.Security?.Type switch
        {
            SecurityBlockType.Challenge => OnChallenge(packet),
            SecurityBlockType.PanelProof => OnPanelProof(packet),
            _ when _session is null => Refuse(packet, NakCode.SecurityConditionsNotMet, ProtocolError.NoSession),
            _ => OnSecureCommand(packet, execute),
        };
    }

    /// <summary>
    /// The NAK for a frame that failed framing (bad CRC, length...), to send when the
    /// <see cref="FrameResult.AddressHint"/> names this address. Changes no state: the panel resends.
    /// </summary>
    public byte[] RejectUnreadable(byte sequenceHint) => Nak((byte)(sequenceHint & 0x03), NakCode.BadCrc);

    /// <summary>
    /// A challenge restarts the link whatever its sequence number: the panel sends one when it
    /// (re)connects or has lost track, and must not be locked out by a session it no longer has.
    /// </summary>
    private PeripheralStep OnChallenge(Packet packet)
    {
        var decoded = Command.DecodeData(packet.Code, packet.Data.Span);
        if (decoded.Message is not Challenge challenge)
            return Refuse(packet, NakCode.CommandLength, decoded.IsSuccess ? ProtocolError.Malformed : decoded.Error);

        _session = null;
        _panelNonce = challenge.Nonce.ToArray();
        _controllerNonce = new byte[HandshakeCrypto.NonceLength];
        _random.GetBytes(_controllerNonce);
        var response = new ChallengeResponse(_controllerNonce,
            HandshakeCrypto.ControllerProof(_secret, BusAddress, _panelNonce, _controllerNonce));
        return Complete(packet, Plain(packet.Sequence, response, SecurityBlockType.ChallengeResponse));
    }

    private PeripheralStep OnPanelProof(Packet packet)
    {
        if (_panelNonce is null || _controllerNonce is null)
            return Refuse(packet, NakCode.SecurityConditionsNotMet, ProtocolError.HandshakeFailed);
        if (!Sequence.Follows(packet.Sequence, _sequence))
            return Refuse(packet, NakCode.BadSequence, ProtocolError.BadSequence);
        var decoded = Command.DecodeData(packet.Code, packet.Data.Span);
        if (decoded.Message is not PanelProof proof)
            return Refuse(packet, NakCode.CommandLength, decoded.IsSuccess ? ProtocolError.Malformed : decoded.Error);

        var expected = HandshakeCrypto.PanelProof(_secret, BusAddress, _panelNonce, _controllerNonce);
        var keys = HandshakeCrypto.DeriveKeys(_secret, BusAddress, _panelNonce, _controllerNonce);
        (_panelNonce, _controllerNonce) = (null, null);
        if (!HandshakeCrypto.Matches(expected, proof.Proof.Span))
            return Refuse(packet, NakCode.SecurityConditionsNotMet, ProtocolError.HandshakeFailed);

        _session = new SecureSession(keys, isPanel: false, BusAddress);
        var confirmation = new SessionConfirmation(keys.Confirmation(proof.Proof.Span));
        return Complete(packet, Plain(packet.Sequence, confirmation, SecurityBlockType.SessionConfirmation));
    }

    private PeripheralStep OnSecureCommand(Packet packet, Func<Command, Reply> execute)
    {
        var session = _session!;
        var opened = session.Open(packet);
        if (opened.Error != ProtocolError.None)
            return Refuse(packet, opened.Error == ProtocolError.UnsupportedSecurityBlock
                ? NakCode.UnsupportedSecurityBlock
                : NakCode.SecurityConditionsNotMet, opened.Error);
        if (!Sequence.Follows(packet.Sequence, _sequence))
            return Refuse(packet, NakCode.BadSequence, ProtocolError.BadSequence);

        var decoded = Command.DecodeData(packet.Code, opened.Plaintext);
        if (decoded.Message is null or Challenge or PanelProof)
        {
            // Authentic and in sequence, so consumed: a resend gets this same NAK, not a new verdict.
            session.Accept(opened.Counter);
            var unknown = decoded.Error == ProtocolError.UnknownCode || decoded.Message is not null;
            return Complete(packet, Nak(packet.Sequence, unknown ? NakCode.UnknownCommand : NakCode.CommandLength),
                unknown ? ProtocolError.UnknownCode : decoded.Error);
        }

        var reply = execute(decoded.Message);
        if (reply is Busy) return new PeripheralStep(session.Seal(packet.Sequence, reply.WireCode, reply.EncodeData()), ProtocolError.None);
        session.Accept(opened.Counter);
        return Complete(packet, session.Seal(packet.Sequence, reply.WireCode, reply.EncodeData()));
    }

    /// <summary>Records a consumed command and its reply, which is what a retry gets back.</summary>
    private PeripheralStep Complete(Packet packet, byte[] reply, ProtocolError error = ProtocolError.None)
    {
        _sequence = packet.Sequence;
        _lastCommand = packet.Bytes.ToArray();
        _lastReply = reply;
        return new PeripheralStep(reply, error);
    }

    /// <summary>A NAK that consumes nothing: the panel may send the same command again.</summary>
    private PeripheralStep Refuse(Packet packet, NakCode code, ProtocolError error) =>
        new(Nak(packet.Sequence, code), error);

    /// <summary>Sealed when there is a session, so the panel can trust it; in the clear otherwise.</summary>
    private byte[] Nak(byte sequence, NakCode code)
    {
        var nak = new Nak(code);
        return _session is not null
            ? _session.Seal(sequence, nak.WireCode, nak.EncodeData())
            : Plain(sequence, nak, security: null);
    }

    private byte[] Plain(byte sequence, Reply reply, SecurityBlockType? security) =>
        Packet.Encode((byte)(BusAddress | Packet.ReplyFlag), sequence, reply.WireCode, reply.EncodeData(),
            security is { } type ? new SecurityBlock(type, ByteString.Empty) : null);
}
