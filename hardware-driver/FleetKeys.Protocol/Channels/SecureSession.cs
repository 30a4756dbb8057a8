using System.Security.Cryptography;
using FleetKeys.Protocol.Framing;
using FleetKeys.Protocol.Security;

namespace FleetKeys.Protocol.Channels;

/// <summary>
/// One OSDP secure-channel session, shared by both ends: seals outgoing frames (data encrypted, MAC) and opens
/// incoming ones. Every MAC is chained on the last MAC of the other direction — a command's on the last R-MAC (the
/// initial R-MAC at first), a reply's on its command's C-MAC — so a recorded frame never verifies again and a lost
/// or forged one breaks the chain: the receiver then drops the session (docs/protocol.md "Secure channel").
/// </summary>
internal sealed class SecureSession(SessionKeys keys, bool isPanel, byte busAddress, byte[] initialRMac)
{
    private byte[] _commandMac = [];
    private byte[] _replyMac = initialRMac;

    /// <summary>The last MAC of the other direction: what this side's next frame is chained on.</summary>
    private byte[] OutgoingChain => isPanel ? _replyMac : _commandMac;

    private byte[] IncomingChain => isPanel ? _commandMac : _replyMac;

    public byte[] Seal(byte sequence, byte code, ReadOnlySpan<byte> plaintext)
    {
        var chain = OutgoingChain;
        var type = plaintext.IsEmpty
            ? isPanel ? SecurityBlockType.MacCommand : SecurityBlockType.MacReply
            : isPanel ? SecurityBlockType.SecureCommand : SecurityBlockType.SecureReply;
        var data = plaintext.IsEmpty ? [] : keys.Encrypt(chain, plaintext);
        var address = isPanel ? busAddress : (byte)(busAddress | Packet.ReplyFlag);
        byte[] mac = [];
        var frame = Packet.Encode(address, sequence, code, data, new SecurityBlock(type, ByteString.Empty),
            (covered, wire) =>
            {
                mac = keys.Mac(chain, covered);
                mac.AsSpan(0, wire.Length).CopyTo(wire);
            });
        if (isPanel) _commandMac = mac;
        else _replyMac = mac;
        return frame;
    }

    /// <summary>
    /// Verifies and decrypts without moving the chain: see <see cref="Accept"/>. Data in the clear (SCS_15/16 with
    /// data) is refused: FleetKeys encrypts everything in a session, PIN digits and verifiers included.
    /// </summary>
    public Opened Open(Packet packet)
    {
        if (packet.Security is not { } block) return new Opened(ProtocolError.BadMac);
        var (withoutData, withData) = isPanel
            ? (SecurityBlockType.MacReply, SecurityBlockType.SecureReply)
            : (SecurityBlockType.MacCommand, SecurityBlockType.SecureCommand);
        if (!block.Data.IsEmpty || (block.Type != withoutData && block.Type != withData)
            || (block.Type == withoutData) != packet.Data.IsEmpty)
            return new Opened(ProtocolError.UnsupportedSecurityBlock);
        var chain = IncomingChain;
        var mac = keys.Mac(chain, packet.MacCovered);
        if (!CryptographicOperations.FixedTimeEquals(mac.AsSpan(0, Packet.MacLength), packet.Mac.Span))
            return new Opened(ProtocolError.BadMac);
        var plaintext = packet.Data.IsEmpty ? [] : keys.Decrypt(chain, packet.Data.Span);
        return plaintext is null ? new Opened(ProtocolError.BadMac) : new Opened(ProtocolError.None, mac, plaintext);
    }

    /// <summary>
    /// Moves the chain past a frame. Kept apart from <see cref="Open"/> because an authentic command answered BUSY is
    /// not consumed and must verify again when resent.
    /// </summary>
    public void Accept(Opened opened)
    {
        if (isPanel) _replyMac = opened.Mac!;
        else _commandMac = opened.Mac!;
    }

    public readonly record struct Opened(ProtocolError Error, byte[]? Mac = null, byte[]? Plaintext = null);
}
