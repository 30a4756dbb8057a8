using System.Security.Cryptography;

namespace FleetKeys.Protocol.Security;

/// <summary>
/// An OSDP Secure Channel Base Key: the AES-128 key one peripheral shares with the panel, from which every session's
/// keys are derived. FleetKeys never stores one: a device's key is computed from its controller's secret and its bus
/// address whenever it is needed (<see cref="Derive"/>). <see cref="Default"/> is the standard's well-known SCBK-D,
/// which a device holds until it is commissioned. Never in ToString or logs.
/// </summary>
public sealed class Scbk : IEquatable<Scbk>
{
    public const int Length = 16;

    private static readonly byte[] DefaultKey = [.. Enumerable.Range(0x30, Length).Select(b => (byte)b)];

    private readonly byte[] _key;

    public Scbk(ReadOnlySpan<byte> key)
    {
        if (key.Length != Length) throw new ArgumentException($"an SCBK is exactly {Length} bytes, not {key.Length}", nameof(key));
        _key = key.ToArray();
        IsDefault = key.SequenceEqual(DefaultKey);
    }

    /// <summary>SCBK-D, 0x30..0x3F: the key of a device out of the box, public, for commissioning only.</summary>
    public static Scbk Default { get; } = new(DefaultKey);

    /// <summary>True for SCBK-D: the channel then says so in the key-indicator byte of its handshake blocks.</summary>
    public bool IsDefault { get; }

    internal ReadOnlySpan<byte> Key => _key;

    /// <summary>
    /// The key of the device at <paramref name="busAddress"/> of one controller: the first 16 bytes of
    /// HMAC-SHA256(controller secret, ASCII "fleetkeys/scbk/" ‖ address). The controller secret is itself
    /// HMAC(master, id) (<see cref="ControllerSecret.Derive"/>), so the key follows from the master secret, the
    /// controller id and the address; no device's key tells anything about another's.
    /// </summary>
    /// <param name="generation">
    /// The device's key generation: 0 until its key is first rotated (the message is then the address alone, as before
    /// rotation existed), n after n rotations (the message ends with n, 4 bytes big-endian).
    /// </param>
    public static Scbk Derive(ControllerSecret secret, byte busAddress, int generation = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(generation);
        byte[] message = generation == 0
            ? [.. "fleetkeys/scbk/"u8, busAddress]
            : [.. "fleetkeys/scbk/"u8, busAddress, (byte)(generation >> 24), (byte)(generation >> 16), (byte)(generation >> 8), (byte)generation];
        return new(HMACSHA256.HashData(secret.Key, message).AsSpan(0, Length));
    }

    /// <summary>Only for osdp_KEYSET, which carries the key to a device being commissioned or rotated.</summary>
    internal byte[] ToArray() => _key.ToArray();

    public bool Equals(Scbk? other) => other is not null && CryptographicOperations.FixedTimeEquals(_key, other._key);

    public override bool Equals(object? obj) => Equals(obj as Scbk);

    /// <summary>Constant: a hash of the key would be a way out for it.</summary>
    public override int GetHashCode() => Length;

    public override string ToString() => IsDefault ? "Scbk(SCBK-D)" : "Scbk(redacted)";
}
