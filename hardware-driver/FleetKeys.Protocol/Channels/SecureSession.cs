using System.Buffers.Binary;
using FleetKeys.Protocol.Framing;
using FleetKeys.Protocol.Security;

namespace FleetKeys.Protocol.Channels;

/// <summary>
/// One direction-aware secure session, shared by both ends: seals outgoing frames (counter in the
/// security block, data encrypted, MAC) and opens incoming ones. Counters start at 1 after the
/// handshake and only ever grow; a frame whose counter is not above the last accepted is a replay.
/// </summary>
internal sealed class SecureSession(SessionKeys keys, bool isPanel, byte busAddress)
{
    private const int CounterLength = 4;

    private uint _sent;
    private uint _received;

    public bool CanSeal => _sent < uint.MaxValue;

    private SecurityBlockType Outgoing => isPanel ? SecurityBlockType.SecureCommand : SecurityBlockType.SecureReply;

    private SecurityBlockType Incoming => isPanel ? SecurityBlockType.SecureReply : SecurityBlockType.SecureCommand;

    public byte[] Seal(byte sequence, byte code, ReadOnlySpan<byte> plaintext)
    {
        if (!CanSeal) throw new InvalidOperationException("the frame counter is exhausted: start a new handshake");
        var counter = ++_sent;
        var block = new byte[CounterLength];
        BinaryPrimitives.WriteUInt32LittleEndian(block, counter);
        var address = isPanel ? busAddress : (byte)(busAddress | Packet.ReplyFlag);
        return Packet.Encode(address, sequence, code, keys.Transform(Outgoing, busAddress, counter, plaintext),
            new SecurityBlock(Outgoing, block), keys);
    }

    /// <summary>Verifies and decrypts, but does not yet move the replay window: see <see cref="Accept"/>.</summary>
    public Opened Open(Packet packet)
    {
        if (packet.Security is not { } block) return new Opened(ProtocolError.BadMac);
        if (block.Type != Incoming || block.Data.Length != CounterLength)
            return new Opened(ProtocolError.UnsupportedSecurityBlock);
        if (!keys.Verifies(packet.MacCovered, packet.Mac.Span)) return new Opened(ProtocolError.BadMac);
        var counter = BinaryPrimitives.ReadUInt32LittleEndian(block.Data.Span);
        if (counter <= _received) return new Opened(ProtocolError.Replay);
        return new Opened(ProtocolError.None, counter, keys.Transform(Incoming, busAddress, counter, packet.Data.Span));
    }

    /// <summary>
    /// Commits a frame's counter. Kept apart from <see cref="Open"/> because an authentic frame can
    /// still be turned away (wrong sequence, BUSY) and must then stay acceptable when resent.
    /// </summary>
    public void Accept(uint counter) => _received = counter;

    public readonly record struct Opened(ProtocolError Error, uint Counter = 0, byte[]? Plaintext = null);
}
