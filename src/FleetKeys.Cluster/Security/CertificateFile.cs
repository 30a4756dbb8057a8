using System.Security.Cryptography.X509Certificates;

namespace FleetKeys.Cluster.Security;

/// <summary>
/// A certificate with its private key, from files named in configuration, in the shape Kestrel's own certificate settings
/// have: a PFX (<see cref="Path"/>, <see cref="Password"/>) or a PEM certificate with its PEM key (<see cref="KeyPath"/>).
/// </summary>
public sealed class CertificateFile
{
    /// <summary>A .pfx/.p12 file, or a PEM certificate (its chain may follow it in the same file).</summary>
    public string? Path { get; set; }

    /// <summary>The PEM private key, when <see cref="Path"/> is a PEM certificate without one.</summary>
    public string? KeyPath { get; set; }

    /// <summary>The PFX's password, or the encrypted PEM key's.</summary>
    public string? Password { get; set; }

    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsSet => !string.IsNullOrWhiteSpace(Path);

    /// <exception cref="InvalidOperationException">The files are missing, unreadable, or hold no private key.</exception>
    public X509Certificate2 Load(string setting)
    {
        try
        {
            var certificate = IsPem(Path!)
                ? Password is null
                    ? X509Certificate2.CreateFromPemFile(Path!, KeyPath)
                    : X509Certificate2.CreateFromEncryptedPemFile(Path!, Password, KeyPath)
                : X509CertificateLoader.LoadPkcs12FromFile(Path!, Password);
            if (!certificate.HasPrivateKey) throw new InvalidOperationException("it holds no private key");
            // A key made from PEM lives only in memory; TLS on some platforms wants it in a PKCS#12 store, so it is re-read from one.
            return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException
                                      or ArgumentException or InvalidOperationException)
        {
            throw new InvalidOperationException($"{setting}: the certificate {Path} (key {KeyPath ?? "in the same file"}) cannot be used: {e.Message}", e);
        }
    }

    private static bool IsPem(string path) =>
        File.Exists(path) && File.ReadAllText(path).Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal);
}
