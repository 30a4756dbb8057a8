using System.Globalization;
using System.Text;

namespace FleetKeys.Domain.Audit;

/// <summary>
/// The node's signed statement "the audit chain's row <c>Seq</c> has hash <c>Head</c>", numbered so that a checkpoint
/// taken out of the middle shows. The signature covers every other field (<see cref="SignedText"/>), so a head moved to
/// a rewritten chain no longer verifies.
/// </summary>
/// <param name="KeyId">Which audit signing key signed it (<see cref="AuditPublicKey.IdOf"/>).</param>
/// <param name="Signature">ECDSA P-256 over SHA-256 of <see cref="SignedText"/>, IEEE P1363 form, base64.</param>
public sealed record AuditCheckpoint(long Number, long Seq, string Head, DateTimeOffset SignedAt, string KeyId, string Signature)
{
    public const string Format = "fleetkeys-audit-checkpoint/v1";

    public static byte[] SignedText(long number, long seq, string head, DateTimeOffset signedAt, string keyId) =>
        Encoding.UTF8.GetBytes(string.Join('\n', Format, Text(number), Text(seq), head, Text(signedAt.UtcTicks), keyId));

    public byte[] SignedText() => SignedText(Number, Seq, Head, SignedAt, KeyId);

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
