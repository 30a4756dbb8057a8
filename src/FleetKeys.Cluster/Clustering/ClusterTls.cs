using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Akka.Event;
using Akka.Remote.Hosting;
using FleetKeys.Cluster.Security;

namespace FleetKeys.Cluster.Clustering;

/// <summary>
/// Mutual TLS for Akka.Remote. Akka checks a peer's chain only against the machine's public roots, so FleetKeys gives it
/// a validator (Akka's supported hook, <see cref="SslOptions.CustomValidator"/>) that accepts a peer, inbound or outbound,
/// only when its certificate chains to the cluster's own CA; anything else is refused before a single message passes, and
/// logged with who it was. Host names are not checked: nodes come and go under discovered addresses, and the CA is the
/// membership list.
/// </summary>
public static class ClusterTls
{
    public static SslOptions Options(ClusterTlsSettings settings)
    {
        if (string.IsNullOrWhiteSpace(settings.CaPath))
            throw new InvalidOperationException("FleetKeys:Cluster:Tls:CaPath must name the PEM file of the cluster's CA when a certificate is set");
        var ca = TrustedCa.FromPemFile(settings.CaPath);
        return new SslOptions
        {
            X509Certificate = settings.Certificate.Load("FleetKeys:Cluster:Tls:Certificate"),
            SuppressValidation = false,
            RequireMutualAuthentication = true,
            ValidateCertificateHostname = false,
            CustomValidator = (certificate, chain, peer, _, log) => Accept(ca, certificate, chain, peer, log),
        };
    }

    /// <remarks>Public for its spec: the same decision the transport makes, without a handshake.</remarks>
    public static bool Accept(TrustedCa ca, X509Certificate2? certificate, X509Chain? chain, string peer, ILoggingAdapter log)
    {
        var presented = chain is null ? null : new X509Certificate2Collection(chain.ChainElements.Select(e => e.Certificate).ToArray());
        var refusal = ca.Refusal(certificate, presented);
        if (refusal is null) return true;
        log.Warning("Refused a cluster connection with {0}: {1}", peer, refusal);
        return false;
    }
}
