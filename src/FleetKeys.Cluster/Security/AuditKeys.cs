using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FleetKeys.Domain.Audit;

namespace FleetKeys.Cluster.Security;

/// <summary>
/// The audit signing key, an ECDSA P-256 key derived from the hardware master secret (HMAC-SHA256 of
/// "fleetkeys/audit-signing/{generation}"), so it is never in the database, every node of a cluster signs with the same
/// key wherever the checkpointing singleton runs, and nothing needs backing up beside the master secret. Raising the
/// generation rotates it; the public keys of earlier generations stay trusted, so earlier checkpoints still verify.
/// </summary>
public sealed class AuditKeys : IDisposable
{
    // The order of P-256's base point: a private scalar must lie in [1, n-1].
    private static readonly byte[] Order = Convert.FromHexString("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551");

    private readonly ECDsa _signing;

    public AuditKeys(ReadOnlySpan<byte> masterSecret, int generation)
    {
        if (generation < 1) throw new ArgumentOutOfRangeException(nameof(generation), "the audit key generation starts at 1");
        _signing = Derive(masterSecret, generation);
        Current = AuditPublicKey.FromKey(_signing);
        var trusted = new List<AuditPublicKey> { Current };
        for (var earlier = 1; earlier < generation; earlier++)
        {
            using var key = Derive(masterSecret, earlier);
            trusted.Add(AuditPublicKey.FromKey(key));
        }

        Trusted = trusted;
    }

    public AuditPublicKey Current { get; }

    /// <summary>The current key's public half and every earlier generation's.</summary>
    public IReadOnlyCollection<AuditPublicKey> Trusted { get; }

    public AuditCheckpoint Sign(long number, long seq, string head, DateTimeOffset signedAt)
    {
        var signature = _signing.SignData(AuditCheckpoint.SignedText(number, seq, head, signedAt, Current.Id), HashAlgorithmName.SHA256);
        return new AuditCheckpoint(number, seq, head, signedAt, Current.Id, Convert.ToBase64String(signature));
    }

    private static ECDsa Derive(ReadOnlySpan<byte> masterSecret, int generation)
    {
        for (var attempt = 0; ; attempt++)
        {
            var label = string.Create(CultureInfo.InvariantCulture, $"fleetkeys/audit-signing/{generation}/{attempt}");
            var d = HMACSHA256.HashData(masterSecret, Encoding.UTF8.GetBytes(label));
            // All but never (odds 2^-32) the bytes fall outside the curve's order; the next attempt's do not.
            if (d.AsSpan().SequenceCompareTo(Order) >= 0 || d.All(b => b == 0)) continue;
            var key = ECDsa.Create();
            key.ImportParameters(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = d });
            return key;
        }
    }

    public override string ToString() => $"AuditKeys({Current.Id}, private half redacted)";

    public void Dispose() => _signing.Dispose();
}
