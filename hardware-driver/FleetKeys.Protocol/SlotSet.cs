using System.Collections;

namespace FleetKeys.Protocol;

/// <summary>
/// A set of slot numbers 1-255, held as a 256-bit map (bit n = slot n; bit 0, the door, is never set).
/// On the wire it is that map, least significant byte first, trailing zero bytes dropped.
/// </summary>
public readonly struct SlotSet : IEquatable<SlotSet>, IEnumerable<int>
{
    public const int MaxSlot = 255;
    internal const int MapLength = 32;

    private readonly ulong _w0, _w1, _w2, _w3;

    private SlotSet(ulong w0, ulong w1, ulong w2, ulong w3) => (_w0, _w1, _w2, _w3) = (w0, w1, w2, w3);

    public static SlotSet Empty => default;

    public static SlotSet Of(params IEnumerable<int> slots)
    {
        Span<ulong> words = stackalloc ulong[4];
        foreach (var slot in slots)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(slot, 1, nameof(slots));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(slot, MaxSlot, nameof(slots));
            words[slot >> 6] |= 1UL << (slot & 63);
        }
        return new SlotSet(words[0], words[1], words[2], words[3]);
    }

    /// <summary>The slots of either set.</summary>
    public SlotSet Union(SlotSet other) => new(_w0 | other._w0, _w1 | other._w1, _w2 | other._w2, _w3 | other._w3);

    public bool Contains(int slot) => slot is >= 1 and <= MaxSlot && (Word(slot >> 6) >> (slot & 63) & 1) == 1;

    /// <summary>The wire form: the map with trailing zero bytes dropped (empty for no slots).</summary>
    internal byte[] ToMap()
    {
        var map = new byte[MapLength];
        for (var i = 0; i < MapLength; i++) map[i] = (byte)(Word(i >> 3) >> ((i & 7) * 8));
        var length = MapLength;
        while (length > 0 && map[length - 1] == 0) length--;
        return map[..length];
    }

    /// <summary>Null when the map is too long or bit 0 (the door) is set: it is then not a set of slots.</summary>
    internal static SlotSet? FromMap(ReadOnlySpan<byte> map)
    {
        if (map.Length > MapLength || (!map.IsEmpty && (map[0] & 1) != 0)) return null;
        Span<ulong> words = stackalloc ulong[4];
        for (var i = 0; i < map.Length; i++) words[i >> 3] |= (ulong)map[i] << ((i & 7) * 8);
        return new SlotSet(words[0], words[1], words[2], words[3]);
    }

    public IEnumerator<int> GetEnumerator()
    {
        for (var slot = 1; slot <= MaxSlot; slot++)
            if (Contains(slot)) yield return slot;
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(SlotSet other) => _w0 == other._w0 && _w1 == other._w1 && _w2 == other._w2 && _w3 == other._w3;

    public override bool Equals(object? obj) => obj is SlotSet other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_w0, _w1, _w2, _w3);

    public override string ToString() => $"{{{string.Join(",", this)}}}";

    public static bool operator ==(SlotSet left, SlotSet right) => left.Equals(right);

    public static bool operator !=(SlotSet left, SlotSet right) => !left.Equals(right);

    private ulong Word(int index) => index switch { 0 => _w0, 1 => _w1, 2 => _w2, _ => _w3 };
}
