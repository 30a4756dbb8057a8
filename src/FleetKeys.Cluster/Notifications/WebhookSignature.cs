using System.Security.Cryptography;
using System.Text;

namespace FleetKeys.Cluster.Notifications;

/// <summary>
/// The <c>X-FleetKeys-Signature</c> header: <c>sha256=</c> and the lowercase hex HMAC-SHA256 of the exact body bytes,
/// keyed with the subscription's secret (its UTF-8 bytes, as shown at creation).
/// </summary>
public static class WebhookSignature
{
    public const string Header = "X-FleetKeys-Signature";
    public const string IdempotencyHeader = "Idempotency-Key";

    public static string Of(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public static bool Verify(string secret, byte[] body, string? signature) =>
        signature is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Of(secret, body)), Encoding.ASCII.GetBytes(signature));
}
