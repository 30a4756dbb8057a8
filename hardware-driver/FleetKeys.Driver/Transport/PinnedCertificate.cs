using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FleetKeys.Driver.Transport;

/// <summary>
/// The one certificate a controller's TLS link trusts: its SHA-256 thumbprint, as configured for the controller. Pinning
/// replaces the certificate authorities — a serial server's certificate is usually self-signed — so the chain and the host
/// name are not looked at; any other certificate is refused, and <see cref="Refusal"/> says which one was offered.
/// </summary>
internal sealed class PinnedCertificate(string thumbprint)
{
    public string? Refusal { get; private set; }

    /// <summary>The SHA-256 of the certificate's DER bytes, in upper-case hex: what <c>openssl x509 -fingerprint -sha256</c> shows, without colons.</summary>
    public static string ThumbprintOf(X509Certificate certificate) => Convert.ToHexString(SHA256.HashData(certificate.GetRawCertData()));

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            Refusal = "TLS: the controller presented no certificate: not trusted, no session";
            return false;
        }

        var offered = ThumbprintOf(certificate);
        if (string.Equals(offered, thumbprint, StringComparison.OrdinalIgnoreCase)) return true;
        Refusal = $"TLS: the controller's certificate (SHA-256 {offered}) is not the one pinned for it (SHA-256 {thumbprint}): not trusted, no session";
        return false;
    }
}
