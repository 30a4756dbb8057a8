using FleetKeys.Protocol.Binary;
using FleetKeys.Protocol.Framing;

namespace FleetKeys.Protocol.Messages;

/// <summary>
/// A command or reply: the code byte and the data that go between a packet's control/security
/// header and its MAC/CRC. Encoding an invalid message is a caller bug and throws
/// <see cref="ArgumentException"/>; decoding never throws (see <see cref="DecodeResult{T}"/>).
/// </summary>
public abstract record Message
{
    private protected Message()
    {
    }

    internal abstract byte WireCode { get; }

    /// <summary>The data bytes of this message (not the packet around them).</summary>
    public byte[] EncodeData()
    {
        Span<byte> buffer = stackalloc byte[Packet.MaxLength];
        var writer = new PayloadWriter(buffer);
        WriteData(ref writer);
        return writer.Written.ToArray();
    }

    private protected abstract void WriteData(ref PayloadWriter writer);

    private protected delegate T? BodyReader<out T>(byte code, ref PayloadReader reader) where T : Message;

    /// <summary>The one decode loop: run the body reader, then insist every byte was used.</summary>
    private protected static DecodeResult<T> Decode<T>(byte code, ReadOnlySpan<byte> data, BodyReader<T> read)
        where T : Message
    {
        var reader = new PayloadReader(data);
        var message = read(code, ref reader);
        var error = reader.Finish();
        if (error == ProtocolError.None && message is null) error = ProtocolError.UnknownCode;
        return error == ProtocolError.None ? new DecodeResult<T>(message, error) : new DecodeResult<T>(null, error);
    }

    private protected static T? Unknown<T>(ref PayloadReader reader) where T : class
    {
        reader.Fail(ProtocolError.UnknownCode);
        return null;
    }
}
