using System.Buffers.Binary;
using FleetKeys.Protocol.Binary;

namespace FleetKeys.Protocol.Framing;

/// <summary>
/// One OSDP packet: SOM, address, length (whole packet, little-endian), control, optional security
/// block, command or reply code, data, optional MAC, CRC-16. This type only frames; whether the MAC
/// is right, the sequence expected or the data meaningful is decided by the channels and messages.
/// </summary>
public sealed class Packet
{
    public const byte StartOfMessage = 0x53;
    public const byte BroadcastAddress = 0x7F;
    public const byte ReplyFlag = 0x80;

    /// <summary>Header, code and CRC: a packet without data or security block.</summary>
    public const int MinLength = HeaderLength + 1 + CrcLength;

    /// <summary>
    /// No OSDP device needs more, and refusing early keeps a corrupted length field from making a
    /// reader wait for (or buffer) bytes that will never be a packet.
    /// </summary>
    public const int MaxLength = 1024;

    /// <summary>OSDP sends the first 4 bytes of the 16-byte MAC.</summary>
    public const int MacLength = 4;

    internal const int HeaderLength = 5;
    internal const int CrcLength = 2;

    private const byte SequenceMask = 0x03;
    private const byte CrcFlag = 0x04;
    private const byte SecurityFlag = 0x08;
    private const byte ReservedBits = 0xF0;

    private Packet(byte[] bytes, SecurityBlock? security, int codeOffset, int macLength)
    {
        Bytes = bytes;
        Security = security;
        Code = bytes[codeOffset];
        Data = bytes.AsMemory(codeOffset + 1, bytes.Length - codeOffset - 1 - macLength - CrcLength);
        Mac = bytes.AsMemory(bytes.Length - CrcLength - macLength, macLength);
    }

    /// <summary>The address byte as sent: bus address, with <see cref="ReplyFlag"/> on replies.</summary>
    public byte Address => Bytes.Span[1];

    public byte BusAddress => (byte)(Address & ~ReplyFlag);

    public bool IsReply => (Address & ReplyFlag) != 0;

    /// <summary>0 resets the link; otherwise 1, 2, 3, 1... (see <see cref="Channels.Sequence"/>).</summary>
    public byte Sequence => (byte)(Bytes.Span[4] & SequenceMask);

    public SecurityBlock? Security { get; }

    public byte Code { get; }

    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>Empty unless the security block type calls for a MAC.</summary>
    public ReadOnlyMemory<byte> Mac { get; }

    /// <summary>The whole packet, SOM to CRC, exactly as received or sent.</summary>
    public ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>What the MAC covers: everything before it.</summary>
    internal ReadOnlySpan<byte> MacCovered => Bytes.Span[..(Bytes.Length - CrcLength - Mac.Length)];

    public override string ToString() =>
        $"Packet(address 0x{Address:X2}, seq {Sequence}, code 0x{Code:X2}, {Data.Length} data bytes"
        + (Security is { } block ? $", {block.Type})" : ")");

    /// <summary>Parses exactly one packet. Never throws.</summary>
    public static FrameResult Parse(ReadOnlySpan<byte> bytes)
    {
        var header = CheckHeader(bytes);
        if (header != ProtocolError.None) return FrameResult.Failure(header, bytes.Length, bytes);
        if (bytes.Length < HeaderLength || bytes.Length < DeclaredLength(bytes))
            return FrameResult.Failure(ProtocolError.Truncated, bytes.Length, bytes);
        if (bytes.Length > DeclaredLength(bytes))
            return FrameResult.Failure(ProtocolError.BadLength, bytes.Length, bytes);
        return ParseWhole(bytes);
    }

    /// <summary>Encodes a packet without a MAC: handshake frames, and tools.</summary>
    public static byte[] Encode(byte address, byte sequence, byte code, ReadOnlySpan<byte> data,
        SecurityBlock? security = null)
    {
        if (security is { } block && SecurityBlock.TypeCarriesMac((byte)block.Type))
            throw new ArgumentException("this security block type carries a MAC: seal the frame through a channel");
        return Encode(address, sequence, code, data, security, signer: null);
    }

    internal static byte[] Encode(byte address, byte sequence, byte code, ReadOnlySpan<byte> data,
        SecurityBlock? security, MacSigner? signer)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sequence, SequenceMask);
        var macLength = signer is null ? 0 : MacLength;
        var length = HeaderLength + (security?.WireLength ?? 0) + 1 + data.Length + macLength + CrcLength;
        if (length > MaxLength)
            throw new ArgumentException($"a {length}-byte packet exceeds the {MaxLength}-byte maximum");
        if (security?.WireLength > byte.MaxValue)
            throw new ArgumentException("a security block holds at most 253 bytes of data");

        var packet = new byte[length];
        var writer = new PayloadWriter(packet);
        writer.U8(StartOfMessage);
        writer.U8(address);
        writer.U16((ushort)length);
        writer.U8((byte)(sequence | CrcFlag | (security is null ? 0 : SecurityFlag)));
        if (security is { } block)
        {
            writer.U8((byte)block.WireLength);
            writer.U8((byte)block.Type);
            writer.Bytes(block.Data.Span);
        }
        writer.U8(code);
        writer.Bytes(data);
        signer?.Invoke(writer.Written, writer.Take(MacLength));
        writer.U16(Crc16.Compute(writer.Written));
        return packet;
    }

    /// <summary>Writes the MAC of <paramref name="covered"/> (SOM to the end of data) into <paramref name="mac"/>.</summary>
    internal delegate void MacSigner(ReadOnlySpan<byte> covered, Span<byte> mac);

    /// <summary>
    /// Checks as much of the header as is present, so a streaming reader can drop a false start as
    /// soon as its first bytes give it away instead of waiting for a length that will never come.
    /// </summary>
    internal static ProtocolError CheckHeader(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty) return ProtocolError.None;
        if (bytes[0] != StartOfMessage) return ProtocolError.Noise;
        if (bytes.Length < 4) return ProtocolError.None;
        var length = DeclaredLength(bytes);
        if (length < MinLength) return ProtocolError.BadLength;
        if (length > MaxLength) return ProtocolError.Oversize;
        if (bytes.Length < HeaderLength) return ProtocolError.None;
        // We always use the CRC; OSDP's one-byte checksum mode and future control bits are refused.
        var control = bytes[4];
        return (control & CrcFlag) == 0 || (control & ReservedBits) != 0 ? ProtocolError.Malformed : ProtocolError.None;
    }

    internal static int DeclaredLength(ReadOnlySpan<byte> header) => BinaryPrimitives.ReadUInt16LittleEndian(header[2..4]);

    /// <summary>Parses a packet whose header is valid and whose length matches <paramref name="bytes"/>.</summary>
    internal static FrameResult ParseWhole(ReadOnlySpan<byte> bytes)
    {
        var body = bytes[..^CrcLength];
        if (Crc16.Compute(body) != BinaryPrimitives.ReadUInt16LittleEndian(bytes[^CrcLength..]))
            return FrameResult.Failure(ProtocolError.BadCrc, 1, bytes);

        SecurityBlock? security = null;
        var codeOffset = HeaderLength;
        var macLength = 0;
        if ((bytes[4] & SecurityFlag) != 0)
        {
            var blockLength = bytes.Length > HeaderLength ? bytes[HeaderLength] : 0;
            if (blockLength < 2 || HeaderLength + blockLength >= body.Length)
                return FrameResult.Failure(ProtocolError.Malformed, bytes.Length, bytes);
            var type = bytes[HeaderLength + 1];
            security = new SecurityBlock((SecurityBlockType)type, new ByteString(bytes.Slice(HeaderLength + 2, blockLength - 2)));
            codeOffset += blockLength;
            macLength = SecurityBlock.TypeCarriesMac(type) ? MacLength : 0;
        }
        if (codeOffset + 1 + macLength > body.Length)
            return FrameResult.Failure(ProtocolError.Malformed, bytes.Length, bytes);
        return FrameResult.Success(new Packet(bytes.ToArray(), security, codeOffset, macLength));
    }
}
