using FleetKeys.Cluster.Security;

namespace FleetKeys.Cluster.Clustering;

/// <summary>
/// Akka.Remote over TLS with mutual authentication; section "FleetKeys:Cluster:Tls". Every node presents
/// <see cref="Certificate"/> (one per node, or one for the whole cluster) and accepts a peer, in either direction, only
/// when the peer's certificate chains to <see cref="CaPath"/>.
/// </summary>
public sealed class ClusterTlsSettings
{
    public CertificateFile Certificate { get; set; } = new();

    /// <summary>PEM file of the CA (or CAs) whose certificates may join: not the machine's public roots.</summary>
    public string? CaPath { get; set; }

    [System.Text.Json.Serialization.JsonIgnore]
    public bool Enabled => Certificate.IsSet;
}
