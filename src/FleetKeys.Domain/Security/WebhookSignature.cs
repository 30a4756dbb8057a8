using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace FleetKeys.Domain.Security;

/// <summary>
/// One signature for webhooks both ways (the access-control system's calls to FleetKeys, FleetKeys' notifications to
/// subscribers): "X-FleetKeys-Signature: sha256=&lt;hex HMAC-SHA256(secret, timestamp + "." + body)&gt;" with the Unix time
/// in "X-FleetKeys-Timestamp": binding the timestamp into the MAC is what lets a stale timestamp reject a replayed body.
/// </summary>
public static class WebhookSignature
{
    public const string SignatureHeader = "X-FleetKeys-Signature";
    public const string TimestampHeader = "X-FleetKeys-Timestamp";
    private const string Scheme = "sha256=";

    public static string Sign(string secret, long timestamp, ReadOnlySpan<byte> body) =>
        Scheme + Convert.ToHexStringLower(Mac(secret, timestamp, body));

    public static bool Verify(string secret, string? timestampHeader, string? signatureHeader, ReadOnlySpan<byte> body, out long timestamp)
    {
        timestamp = 0;
        if (!long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out timestamp)) return false;
        if (signatureHeader is null || !signatureHeader.StartsWith(Scheme, StringComparison.Ordinal)) return false;
        Span<byte> presented = stackalloc byte[32];
        var hex = signatureHeader.AsSpan(Scheme.Length);
        if (hex.Length != 64 || Convert.FromHexString(hex, presented, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32)
            return false;
        return CryptographicOperations.FixedTimeEquals(presented, Mac(secret, timestamp, body));
    }

    private static byte[] Mac(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message);
    }
}
