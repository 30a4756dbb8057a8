namespace FleetKeys.Cluster.Clustering;

/// <summary>Where this node listens and whom it joins; bound from configuration section "FleetKeys:Cluster".</summary>
public sealed class ClusterSettings
{
    public string SystemName { get; set; } = "fleetkeys";

    /// <summary>Loopback by default: a node is reachable from other machines only when configured to be.</summary>
    public string Hostname { get; set; } = "127.0.0.1";

    /// <summary>The address other nodes use, when it differs from <see cref="Hostname"/> (containers, NAT).</summary>
    public string? PublicHostname { get; set; }

    /// <summary>0 picks a free port; a clustered node needs a fixed one so that seeds can find it.</summary>
    public int Port { get; set; } = 4053;

    /// <summary>Akka addresses such as "akka.tcp://fleetkeys@127.0.0.1:4053". Empty: this node forms a cluster of its own.</summary>
    public string[] SeedNodes { get; set; } = [];

    public string[] Roles { get; set; } = [];

    /// <summary>
    /// How long membership must be stable, with some node unreachable, before the split-brain resolver downs the minority
    /// (Akka's default is 20 s). Failover of a dead node's controllers takes about this plus the heartbeat pause, so it is
    /// kept short enough for DESIGN's 20 s target, and long enough that a GC pause or a brief network blip downs nobody.
    /// </summary>
    public TimeSpan DownUnreachableAfter { get; set; } = TimeSpan.FromSeconds(7);

    /// <summary>Missed heartbeats tolerated before a node is deemed unreachable.</summary>
    public TimeSpan HeartbeatPause { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Mutual TLS between nodes; off until a certificate is named.</summary>
    public ClusterTlsSettings Tls { get; set; } = new();

    /// <summary>How a node without seeds finds the others (Akka.Discovery, then FleetKeys's join step).</summary>
    public ClusterDiscoverySettings Discovery { get; set; } = new();

    /// <summary>"akka.ssl.tcp" over TLS, "akka.tcp" otherwise: the protocol of every node address, seeds included.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Protocol => Tls.Enabled ? "akka.ssl.tcp" : "akka.tcp";
}
