using System.Security.Cryptography;
using System.Text;

namespace FleetKeys.Protocol.Security;

/// <summary>
/// The 32-byte secret shared by the driver and one physical controller. Everything in a session is
/// derived from it, so it never appears in ToString or logs; the only way out is an explicit
/// <see cref="ToBase64"/> for provisioning.
/// </summary>
public sealed class ControllerSecret
{
    public const int Length = 32;

    private const string DerivationLabel = "fleetkeys/controller/";

    private readonly byte[] _key;

    public ControllerSecret(ReadOnlySpan<byte> key)
    {
        if (key.Length != Length)
            throw new ArgumentException($"a controller secret is exactly {Length} bytes, not {key.Length}", nameof(key));
        _key = key.ToArray();
    }

    internal ReadOnlySpan<byte> Key => _key;

    public static ControllerSecret Generate() => new(RandomNumberGenerator.GetBytes(Length));

    /// <summary>
    /// The secret of one controller, computed from a fleet-wide master secret as
    /// HMAC-SHA256(master, UTF-8 "fleetkeys/controller/" + id). The cluster then configures one
    /// master secret and stores none per controller; a controller only ever holds its own, from
    /// which neither the master nor another controller's secret can be recovered.
    /// </summary>
    /// <param name="masterSecret">At least <see cref="Length"/> bytes, so a derived secret is no weaker than a generated one.</param>
    public static ControllerSecret Derive(ReadOnlySpan<byte> masterSecret, string controllerId)
    {
        ArgumentException.ThrowIfNullOrEmpty(controllerId);
        if (masterSecret.Length < Length)
            throw new ArgumentException($"a master secret has at least {Length} bytes, not {masterSecret.Length}", nameof(masterSecret));
        return new ControllerSecret(HMACSHA256.HashData(masterSecret, Encoding.UTF8.GetBytes(DerivationLabel + controllerId)));
    }

    /// <summary>Parses the provisioning form. The error never repeats the input: it may be a near-miss of a real secret.</summary>
    public static ControllerSecret FromBase64(string base64)
    {
        Span<byte> key = stackalloc byte[Length + 3];
        if (!Convert.TryFromBase64String(base64, key, out var written) || written != Length)
            throw new FormatException($"a controller secret is {Length} bytes in base64");
        return new ControllerSecret(key[..Length]);
    }

    public string ToBase64() => Convert.ToBase64String(_key);

    public override string ToString() => "ControllerSecret(redacted)";
}
