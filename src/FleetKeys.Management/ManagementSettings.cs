namespace FleetKeys.Management;

/// <summary>Where the node listens for fleetctl; section "FleetKeys:Management".</summary>
public sealed class ManagementSettings
{
    /// <summary>An IP address. Loopback by default: operators on the host only, unless configured to be reachable.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>9110, as Petabridge.Cmd's pbm, so Akka.NET operators find it where they expect it; 0 picks a free port.</summary>
    public int Port { get; set; } = 9110;

    /// <summary>When set, the management port serves HTTPS only, with this certificate (fleetctl --ca-file trusts its CA).</summary>
    public Cluster.Security.CertificateFile Certificate { get; set; } = new();
}
