using System.Security.Cryptography.X509Certificates;

namespace FleetKeys.Cluster.Security;

/// <summary>
/// The private certificate authority a deployment trusts, instead of the machine's public roots: a peer is accepted only
/// when its certificate chains to one of these CA certificates. Shared by the cluster transport and fleetctl.
/// </summary>
public sealed class TrustedCa(X509Certificate2Collection authorities)
{
    public static TrustedCa FromPemFile(string path)
    {
        var authorities = new X509Certificate2Collection();
        authorities.ImportFromPemFile(path);
        if (authorities.Count == 0) throw new InvalidOperationException($"{path} holds no PEM certificate");
        return new TrustedCa(authorities);
    }

    /// <returns>Null when <paramref name="certificate"/> chains to the CA; otherwise why not, in words.</returns>
    public string? Refusal(X509Certificate2? certificate, X509Certificate2Collection? intermediates = null)
    {
        if (certificate is null) return "no certificate was presented";
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        // A private CA publishes no revocation list; a compromised node certificate is retired by re-issuing from a new CA.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (intermediates is not null) chain.ChainPolicy.ExtraStore.AddRange(intermediates);
        if (chain.Build(certificate)) return null;
        var reasons = chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct();
        return $"'{certificate.Subject}' issued by '{certificate.Issuer}' does not chain to the trusted CA ({string.Join("; ", reasons)})";
    }
}
