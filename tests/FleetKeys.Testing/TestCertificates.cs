using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FleetKeys.Testing;

/// <summary>A certificate and its key as PEM files, as an operator's openssl commands leave them.</summary>
public sealed record PemFiles(string CertificatePath, string KeyPath);

/// <summary>
/// A throwaway certificate authority for one test run: its CA certificate as a PEM file, and certificates it issues for
/// nodes on loopback (127.0.0.1 and localhost, for server and client use, as a cluster node needs both). Everything is
/// made in a temporary folder when the test runs; no key is ever committed.
/// </summary>
public sealed class TestCertificates : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fleetkeys-certs-").FullName;
    private readonly X509Certificate2 _ca;

    public TestCertificates(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        _ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(2));
        CaPath = Path.Combine(_folder, $"{name}.crt");
        File.WriteAllText(CaPath, _ca.ExportCertificatePem());
    }

    /// <summary>The CA certificate (no key), PEM: what nodes and fleetctl are told to trust.</summary>
    public string CaPath { get; }

    /// <summary>A certificate for <paramref name="name"/> issued by this CA, valid for 127.0.0.1 and localhost.</summary>
    public PemFiles Issue(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false)); // server and client authentication
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_ca, true, false));
        using var issued = request.Create(_ca, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1),
            RandomNumberGenerator.GetBytes(16));
        var files = new PemFiles(Path.Combine(_folder, $"{name}.crt"), Path.Combine(_folder, $"{name}.key"));
        File.WriteAllText(files.CertificatePath, issued.ExportCertificatePem());
        File.WriteAllText(files.KeyPath, key.ExportPkcs8PrivateKeyPem());
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(files.KeyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return files;
    }

    /// <summary>
    /// A self-signed certificate with its key, in memory only (nothing is written to disk): a controller serial server's
    /// certificate, trusted by the driver through its pinned thumbprint rather than a CA.
    /// </summary>
    public static X509Certificate2 SelfSigned(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        // Through PKCS#12 so the key is one TLS servers can use on every platform.
        return X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>The SHA-256 thumbprint of a certificate, upper-case hex: what a controller's TLS pin holds.</summary>
    public static string Sha256Thumbprint(X509Certificate2 certificate) => Convert.ToHexString(SHA256.HashData(certificate.RawData));

    /// <summary>An HTTP client that trusts this CA (and only it), as fleetctl does with --ca-file.</summary>
    public HttpClient TrustingClient(Uri baseAddress)
    {
        var ca = Cluster.Security.TrustedCa.FromPemFile(CaPath);
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, errors) =>
                (errors & ~System.Net.Security.SslPolicyErrors.RemoteCertificateChainErrors) == 0 && ca.Refusal(certificate) is null,
        };
        return new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(20) };
    }

    public void Dispose()
    {
        _ca.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
