using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;

namespace FleetKeys.Protocol.Binary;

/// <summary>
/// The single place that picks bytes up. Failure is sticky rather than thrown: once a read runs past
/// the end or a value is out of range, every later read returns a default and <see cref="Finish"/>
/// reports the first error. Message readers can then be written straight through without a check
/// after every field, and hostile input never costs an exception.
/// </summary>
internal ref struct PayloadReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _position;

    public ProtocolError Error { get; private set; }

    public readonly int Remaining => _data.Length - _position;

    public void Fail(ProtocolError error = ProtocolError.Malformed)
    {
        if (Error == ProtocolError.None) Error = error;
        _position = _data.Length;
    }

    public void Require(bool condition)
    {
        if (!condition) Fail();
    }

    /// <summary>The first error, or <see cref="ProtocolError.Malformed"/> if bytes are left over.</summary>
    public readonly ProtocolError Finish() =>
        Error != ProtocolError.None ? Error : Remaining == 0 ? ProtocolError.None : ProtocolError.Malformed;

    public byte U8()
    {
        var span = Take(1);
        return span.IsEmpty ? (byte)0 : span[0];
    }

    public bool Bool()
    {
        var value = U8();
        Require(value <= 1);
        return value == 1;
    }

    public ushort U16()
    {
        var span = Take(2);
        return span.IsEmpty ? (ushort)0 : BinaryPrimitives.ReadUInt16LittleEndian(span);
    }

    public uint U32()
    {
        var span = Take(4);
        return span.IsEmpty ? 0 : BinaryPrimitives.ReadUInt32LittleEndian(span);
    }

    public long I64()
    {
        var span = Take(8);
        return span.IsEmpty ? 0 : BinaryPrimitives.ReadInt64LittleEndian(span);
    }

    /// <summary>A byte-sized enum; values the enum does not define are malformed.</summary>
    public T Enum<T>() where T : struct, System.Enum
    {
        var value = Unsafe.BitCast<byte, T>(U8());
        Require(System.Enum.IsDefined(value));
        return value;
    }

    public ByteString Fixed(int length) => new(Take(length));

    public ByteString Bytes8(int minLength, int maxLength)
    {
        var length = U8();
        Require(length >= minLength && length <= maxLength);
        return new ByteString(Take(length));
    }

    public string Text8(int minLength, int maxLength)
    {
        var length = U8();
        Require(length >= minLength && length <= maxLength);
        var bytes = Take(length);
        Require(Utf8.IsValid(bytes));
        return Error == ProtocolError.None ? Encoding.UTF8.GetString(bytes) : "";
    }

    public DateTimeOffset Time() => ToTime(I64());

    public DateTimeOffset? OptionalTime()
    {
        var milliseconds = I64();
        return milliseconds == 0 ? null : ToTime(milliseconds);
    }

    public TimeSpan Tenths8() => TimeSpan.FromMilliseconds(U8() * 100);

    public TimeSpan Tenths16() => TimeSpan.FromMilliseconds(U16() * 100);

    /// <summary>
    /// A one-byte item count, checked against the bytes that are left so that a hostile count
    /// cannot make the caller loop or allocate for items that are not there.
    /// </summary>
    public int Count(int minItemLength)
    {
        var count = U8();
        Require(count * minItemLength <= Remaining);
        return Error == ProtocolError.None ? count : 0;
    }

    public ReadOnlySpan<byte> Rest() => Take(Remaining);

    public ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || count > Remaining)
        {
            Fail();
            return default;
        }
        var span = _data.Slice(_position, count);
        _position += count;
        return span;
    }

    private DateTimeOffset ToTime(long milliseconds)
    {
        const long min = -62_135_596_800_000, max = 253_402_300_799_999;
        Require(milliseconds is >= min and <= max);
        return Error == ProtocolError.None ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds) : default;
    }
}
