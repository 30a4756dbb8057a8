using System.Buffers.Binary;
using System.Text;

namespace FleetKeys.Protocol.Binary;

/// <summary>
/// The single place that lays bytes down. Little-endian throughout, as OSDP. It writes into a fixed
/// span because nothing may exceed one packet; a value that does not fit or is out of range is a
/// bug in the caller, so it throws.
/// </summary>
internal ref struct PayloadWriter(Span<byte> buffer)
{
    private readonly Span<byte> _buffer = buffer;

    public int Length { get; private set; }

    public readonly ReadOnlySpan<byte> Written => _buffer[..Length];

    public void U8(byte value) => Take(1)[0] = value;

    public void Bool(bool value) => U8(value ? (byte)1 : (byte)0);

    public void U16(ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(Take(2), value);

    public void U32(uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Take(4), value);

    public void I64(long value) => BinaryPrimitives.WriteInt64LittleEndian(Take(8), value);

    public void Bytes(scoped ReadOnlySpan<byte> value) => value.CopyTo(Take(value.Length));

    public void Fixed(ByteString value, int length, string what)
    {
        if (value.Length != length)
            throw new ArgumentException($"{what} must be exactly {length} bytes, not {value.Length}");
        Bytes(value.Span);
    }

    /// <summary>A one-byte length, then the bytes.</summary>
    public void Bytes8(ByteString value, int minLength, int maxLength, string what)
    {
        if (value.Length < minLength || value.Length > maxLength)
            throw new ArgumentException($"{what} must be {minLength}-{maxLength} bytes, not {value.Length}");
        U8((byte)value.Length);
        Bytes(value.Span);
    }

    /// <summary>A one-byte length, then UTF-8.</summary>
    public void Text8(string value, int minLength, int maxLength, string what)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        if (bytes.Length < minLength || bytes.Length > maxLength)
            throw new ArgumentException($"{what} must be {minLength}-{maxLength} UTF-8 bytes, not {bytes.Length}");
        U8((byte)bytes.Length);
        Bytes(bytes);
    }

    /// <summary>Milliseconds since the Unix epoch; finer ticks are dropped.</summary>
    public void Time(DateTimeOffset value) => I64(value.ToUnixTimeMilliseconds());

    /// <summary>An optional instant, 0 meaning "unbounded".</summary>
    public void OptionalTime(DateTimeOffset? value) => I64(value?.ToUnixTimeMilliseconds() ?? 0);

    /// <summary>OSDP times are counted in units of 100 ms.</summary>
    public void Tenths8(TimeSpan value, string what) => U8((byte)Tenths(value, byte.MaxValue, what));

    public void Tenths16(TimeSpan value, string what) => U16((ushort)Tenths(value, ushort.MaxValue, what));

    /// <summary>A one-byte item count; more than 255 items cannot be said.</summary>
    public void Count(int count, string what)
    {
        if (count > byte.MaxValue)
            throw new ArgumentException($"{what}: at most {byte.MaxValue} items, not {count}");
        U8((byte)count);
    }

    public Span<byte> Take(int count)
    {
        if (Length + count > _buffer.Length)
            throw new ArgumentException($"the message does not fit in one packet ({_buffer.Length} bytes)");
        var slot = _buffer.Slice(Length, count);
        Length += count;
        return slot;
    }

    private static long Tenths(TimeSpan value, int max, string what)
    {
        var tenths = Math.DivRem(value.Ticks, TimeSpan.TicksPerMillisecond * 100, out var rest);
        if (rest != 0 || tenths < 0 || tenths > max)
            throw new ArgumentException($"{what} must be a whole number of 100 ms between 0 and {max / 10.0} s, not {value}");
        return tenths;
    }
}
