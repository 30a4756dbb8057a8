namespace FleetKeys.Cluster.Clustering;

public enum DiscoveryMethod
{
    /// <summary>Hand-listed seeds (FleetKeys:Cluster:SeedNodes); without any, the node forms a cluster of its own.</summary>
    None,

    /// <summary>Fixed hosts: <see cref="ClusterDiscoverySettings.Endpoints"/> lists every node's bootstrap endpoint.</summary>
    Config,

    /// <summary>Pods found through the Kubernetes API by label (<see cref="ClusterDiscoverySettings.PodLabelSelector"/>).</summary>
    Kubernetes,
}

/// <summary>
/// Akka.Management Cluster Bootstrap with Akka.Discovery; section "FleetKeys:Cluster:Discovery". Nodes find each other's
/// bootstrap endpoints, agree on who forms the cluster (the lowest address, once enough contact points are stable),
/// and the others join it: nobody maintains a seed list. Hand-listed seeds, when given, still win.
/// </summary>
public sealed class ClusterDiscoverySettings
{
    public DiscoveryMethod Method { get; set; } = DiscoveryMethod.None;

    /// <summary>The name the nodes are looked up by (the config service's name, the pods' "app" label by default).</summary>
    public string ServiceName { get; set; } = "fleetkeys";

    /// <summary>
    /// The port of this node's bootstrap endpoint (Akka.Management's HTTP server, 8558 as in Akka's documentation). It
    /// answers other nodes' probes with the cluster's member addresses, read-only, over plain HTTP (Akka.Management has no
    /// TLS): keep it on the cluster's own network. Joining still takes a certificate from the cluster's CA.
    /// </summary>
    public int Port { get; set; } = 8558;

    /// <summary>Config: every node's bootstrap endpoint, "host:port", this one's included.</summary>
    public string[] Endpoints { get; set; } = [];

    /// <summary>Kubernetes: the label selector of the nodes' pods; "{0}" is replaced by <see cref="ServiceName"/>.</summary>
    public string PodLabelSelector { get; set; } = "app={0}";

    /// <summary>How many nodes must be found before the first cluster forms: the nodes of a fresh installation.</summary>
    public int RequiredContactPoints { get; set; } = 2;

    /// <summary>How long what discovery finds must stay unchanged before a node forms or joins a cluster on it.</summary>
    public TimeSpan StableMargin { get; set; } = TimeSpan.FromSeconds(5);
}
