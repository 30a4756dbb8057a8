namespace FleetKeys.Protocol;

/// <summary>
/// Immutable bytes with value equality, so that messages holding tag ids, card data or nonces
/// compare by content (records alone would compare arrays by reference). Prints as hex.
/// </summary>
public readonly struct ByteString : IEquatable<ByteString>
{
    private readonly byte[]? _bytes;

    public ByteString(ReadOnlySpan<byte> bytes) => _bytes = bytes.IsEmpty ? null : bytes.ToArray();

    public static ByteString Empty => default;

    public int Length => _bytes?.Length ?? 0;

    public bool IsEmpty => Length == 0;

    public ReadOnlySpan<byte> Span => _bytes;

    public static implicit operator ByteString(byte[] bytes) => new(bytes);

    public static ByteString FromHex(string hex) => new(Convert.FromHexString(hex));

    public string ToHex() => Convert.ToHexString(Span);

    public byte[] ToArray() => Span.ToArray();

    public bool Equals(ByteString other) => Span.SequenceEqual(other.Span);

    public override bool Equals(object? obj) => obj is ByteString other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(Span);
        return hash.ToHashCode();
    }

    public override string ToString() => ToHex();

    public static bool operator ==(ByteString left, ByteString right) => left.Equals(right);

    public static bool operator !=(ByteString left, ByteString right) => !left.Equals(right);
}
