using System.Security.Cryptography;
using FleetKeys.Protocol.Framing;
using FleetKeys.Protocol.Messages;
using FleetKeys.Protocol.Security;

namespace FleetKeys.Protocol.Channels;

/// <summary>
/// The device's end of the link for one bus address (an OSDP peripheral): answers the secure-channel handshake, then
/// admits only sealed commands whose MAC continues the chain and whose sequence number follows, hands each to the
/// device logic once, and seals its reply. A command repeated byte for byte is a retry and gets the stored reply
/// again, so nothing is executed twice. Any other refusal inside a session drops the session, as the standard asks:
/// a plain NAK tells the panel to start over with a new challenge. Every refusal is a NAK plus a counted error, never
/// an exception. Not thread-safe: one per address, one caller.
/// </summary>
public sealed class PeripheralChannel
{
    /// <summary>
    /// The most reply data one sealed frame can hold: header, block, code, 4-byte MAC and CRC take 14 bytes, and
    /// the encrypted data is padded with at least one byte to whole 16-byte blocks.
    /// </summary>
    public const int MaxReplyDataLength = (Packet.MaxLength - 14) / SessionKeys.BlockLength * SessionKeys.BlockLength - 1;

    private readonly RandomNumberGenerator _random;
    private readonly ByteString _clientId;

    private SecureSession? _session;
    private SessionKeys? _pendingKeys;
    private byte[]? _panelRandom;
    private byte[]? _deviceRandom;
    private byte _sequence;
    private byte[]? _lastCommand;
    private byte[]? _lastReply;

    /// <param name="key">The key the device holds: its own SCBK, or <see cref="Scbk.Default"/> until commissioned.</param>
    /// <param name="clientId">The 8-byte cUID sent in osdp_CCRYPT; zeros unless the device has one.</param>
    /// <param name="random">Source of RND.B; the system's CSPRNG unless a test needs fixed ones.</param>
    public PeripheralChannel(byte busAddress, Scbk key, RandomNumberGenerator? random = null, ByteString? clientId = null)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(busAddress, Packet.BroadcastAddress);
        BusAddress = busAddress;
        Key = key;
        _random = random ?? RandomNumberGenerator.Create();
        _clientId = clientId ?? new byte[ChallengeResponse.ClientIdLength];
    }

    /// <summary>A commissioned FleetKeys device: its key derived from its controller's secret (<see cref="Scbk.Derive"/>).</summary>
    public PeripheralChannel(byte busAddress, ControllerSecret secret, RandomNumberGenerator? random = null)
        : this(busAddress, Scbk.Derive(secret, busAddress), random)
    {
    }

    public byte BusAddress { get; }

    /// <summary>The key the next handshake uses; osdp_KEYSET replaces it.</summary>
    public Scbk Key { get; private set; }

    public bool IsEstablished => _session is not null;

    /// <summary>
    /// Checks one packet and, if it is a valid new command, runs <paramref name="execute"/> on it.
    /// A <see cref="Busy"/> result is sent in the clear and leaves the command unconsumed, so the panel's resend
    /// is executed then. Never throws for anything in the packet.
    /// </summary>
    public PeripheralStep Receive(Packet packet, Func<Command, Reply> execute)
    {
        if (packet.IsReply || packet.BusAddress != BusAddress) return new PeripheralStep(null, ProtocolError.WrongAddress);
        if (_lastCommand is not null && packet.Bytes.Span.SequenceEqual(_lastCommand))
            return new PeripheralStep(_lastReply, ProtocolError.None, IsRetransmission: true);
        return packet.Security?.Type switch
        {
            SecurityBlockType.Challenge => OnChallenge(packet),
            SecurityBlockType.ServerCryptogram => OnServerCryptogram(packet),
            _ when _session is null => Refuse(packet, NakCode.SecurityConditionsNotMet, ProtocolError.NoSession),
            _ => OnSecureCommand(packet, execute),
        };
    }

    /// <summary>
    /// osdp_KEYSET is the channel's own: the key is for the next handshake, and the session it came in stays up until
    /// then. It only ever arrives inside a session, so only a panel that knew the previous key can set one.
    /// </summary>
    private Ack InstallKey(Scbk key)
    {
        Key = key;
        return new Ack();
    }

    /// <summary>
    /// The NAK for a frame that failed framing (bad CRC, length...), to send when the
    /// <see cref="FrameResult.AddressHint"/> names this address. In the clear and changing nothing: the panel resends.
    /// </summary>
    public byte[] RejectUnreadable(byte sequenceHint) => Nak((byte)(sequenceHint & 0x03), NakCode.BadCrc);

    /// <summary>
    /// A challenge restarts the link whatever its sequence number: the panel sends one when it (re)connects or has
    /// lost track, and must not be locked out by a session it no longer has. The device answers with the key it
    /// holds, whichever the panel asked for: the panel decides whether to trust it.
    /// </summary>
    private PeripheralStep OnChallenge(Packet packet)
    {
        var decoded = Command.DecodeData(packet.Code, packet.Data.Span);
        if (decoded.Message is not Challenge challenge)
            return Refuse(packet, NakCode.CommandLength, decoded.IsSuccess ? ProtocolError.Malformed : decoded.Error);

        _session = null;
        _panelRandom = challenge.Random.ToArray();
        _deviceRandom = new byte[SessionKeys.RandomLength];
        _random.GetBytes(_deviceRandom);
        _pendingKeys = SessionKeys.Derive(Key, _panelRandom);
        var response = new ChallengeResponse(_clientId, _deviceRandom, _pendingKeys.ClientCryptogram(_panelRandom, _deviceRandom));
        return Complete(packet, Plain(packet.Sequence, response, HandshakeBlocks.KeyIndicator(SecurityBlockType.ChallengeResponse, Key)));
    }

    private PeripheralStep OnServerCryptogram(Packet packet)
    {
        if (_pendingKeys is null || _panelRandom is null || _deviceRandom is null)
            return Refuse(packet, NakCode.SecurityConditionsNotMet, ProtocolError.HandshakeFailed);
        if (!Sequence.Follows(packet.Sequence, _sequence))
            return Refuse(packet, NakCode.BadSequence, ProtocolError.BadSequence);
        var decoded = Command.DecodeData(packet.Code, packet.Data.Span);
        if (decoded.Message is not ServerCryptogram cryptogram)
            return Refuse(packet, NakCode.CommandLength, decoded.IsSuccess ? ProtocolError.Malformed : decoded.Error);

        var keys = _pendingKeys;
        var expected = keys.ServerCryptogram(_panelRandom, _deviceRandom);
        (_pendingKeys, _panelRandom, _deviceRandom) = (null, null, null);
        if (!CryptographicOperations.FixedTimeEquals(expected, cryptogram.Cryptogram.Span))
            return Refuse(packet, NakCode.SecurityConditionsNotMet, ProtocolError.HandshakeFailed);

        var initialRMac = keys.InitialRMac(expected);
        _session = new SecureSession(keys, isPanel: false, BusAddress, initialRMac);
        return Complete(packet, Plain(packet.Sequence, new InitialRMac(initialRMac), HandshakeBlocks.CryptogramAccepted));
    }

    private PeripheralStep OnSecureCommand(Packet packet, Func<Command, Reply> execute)
    {
        var session = _session!;
        var opened = session.Open(packet);
        if (opened.Error != ProtocolError.None)
            return DropSession(packet, opened.Error == ProtocolError.UnsupportedSecurityBlock
                ? NakCode.UnsupportedSecurityBlock
                : NakCode.SecurityConditionsNotMet, opened.Error);
        if (!Sequence.Follows(packet.Sequence, _sequence))
            return DropSession(packet, NakCode.BadSequence, ProtocolError.BadSequence);

        var decoded = Command.DecodeData(packet.Code, opened.Plaintext);
        if (decoded.Message is null or Challenge or ServerCryptogram)
        {
            // Authentic and in sequence, so consumed: a resend gets this same NAK, not a new verdict.
            session.Accept(opened);
            var unknown = decoded.Error == ProtocolError.UnknownCode || decoded.Message is not null;
            var nak = new Nak(unknown ? NakCode.UnknownCommand : NakCode.CommandLength);
            return Complete(packet, session.Seal(packet.Sequence, nak.WireCode, nak.EncodeData()),
                unknown ? ProtocolError.UnknownCode : decoded.Error);
        }

        var reply = decoded.Message is KeySet keySet ? InstallKey(keySet.Key) : execute(decoded.Message);
        if (reply is Busy) return new PeripheralStep(Plain(packet.Sequence, reply, security: null), ProtocolError.None);
        session.Accept(opened);
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

    /// <summary>
    /// The standard's answer to a frame that breaks the session (MAC, padding, block, sequence): the session is gone,
    /// and a plain NAK tells the panel to begin again with osdp_CHLNG.
    /// </summary>
    private PeripheralStep DropSession(Packet packet, NakCode code, ProtocolError error)
    {
        _session = null;
        return Refuse(packet, code, error);
    }

    /// <summary>A NAK that consumes nothing: the panel may send the same command again.</summary>
    private PeripheralStep Refuse(Packet packet, NakCode code, ProtocolError error) =>
        new(Nak(packet.Sequence, code), error);

    /// <summary>
    /// Always in the clear: a NAK refuses a frame that did not (or could not) continue the MAC chain, so sealing it
    /// would move the chain past a command the panel still counts as outstanding.
    /// </summary>
    private byte[] Nak(byte sequence, NakCode code) => Plain(sequence, new Nak(code), security: null);

    private byte[] Plain(byte sequence, Reply reply, SecurityBlock? security) =>
        Packet.Encode((byte)(BusAddress | Packet.ReplyFlag), sequence, reply.WireCode, reply.EncodeData(), security);
}
