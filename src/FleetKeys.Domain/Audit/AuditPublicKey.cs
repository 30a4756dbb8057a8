using System.Security.Cryptography;

namespace FleetKeys.Domain.Audit;

/// <summary>The public half of an audit signing key: what anyone verifying the audit needs, and nothing that signs.</summary>
public sealed class AuditPublicKey
{
    private readonly ECDsa _key;

    private AuditPublicKey(ECDsa key, string pem)
    {
        _key = key;
        Pem = pem;
        Id = IdOf(key);
    }

    /// <summary>The first 16 hex digits of SHA-256 over the key's SubjectPublicKeyInfo.</summary>
    public string Id { get; }

    /// <summary>"-----BEGIN PUBLIC KEY-----" (SubjectPublicKeyInfo).</summary>
    public string Pem { get; }

    public static string IdOf(ECDsa key) =>
        Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16];

    /// <exception cref="ArgumentException">The text holds no P-256 public key.</exception>
    public static AuditPublicKey FromPem(string pem)
    {
        using var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw new ArgumentException($"not an ECDSA public key: {e.Message}", nameof(pem), e);
        }

        if (key.KeySize != 256) throw new ArgumentException("the audit signing key is ECDSA P-256", nameof(pem));
        return FromKey(key);
    }

    /// <summary>Only the public parameters are taken from <paramref name="key"/>: a private key handed in stays outside.</summary>
    public static AuditPublicKey FromKey(ECDsa key)
    {
        var copy = ECDsa.Create();
        copy.ImportSubjectPublicKeyInfo(key.ExportSubjectPublicKeyInfo(), out _);
        return new AuditPublicKey(copy, copy.ExportSubjectPublicKeyInfoPem());
    }

    public bool Signed(AuditCheckpoint checkpoint)
    {
        if (checkpoint.KeyId != Id) return false;
        try
        {
            return _key.VerifyData(checkpoint.SignedText(), Convert.FromBase64String(checkpoint.Signature), HashAlgorithmName.SHA256);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
