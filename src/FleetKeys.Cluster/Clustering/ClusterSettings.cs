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
}
