namespace FleetKeys.Cluster.Clustering;

public enum DiscoveryMethod
{
    /// <summary>Hand-listed seeds (FleetKeys:Cluster:SeedNodes); without any, the node forms a cluster of its own.</summary>
    None,

    /// <summary>Fixed hosts: <see cref="ClusterDiscoverySettings.Endpoints"/> lists every node's cluster endpoint.</summary>
    Config,

    /// <summary>Pods found through the Kubernetes API by label (<see cref="ClusterDiscoverySettings.PodLabelSelector"/>).</summary>
    Kubernetes,
}

/// <summary>
/// How a node without hand-listed seeds finds the others, through Akka.Discovery; section "FleetKeys:Cluster:Discovery".
/// The node looks the service up until enough nodes are found and the set is stable, then joins them as seeds, lowest
/// address first (<see cref="DiscoveredSeeds"/>): nobody maintains a seed list. Hand-listed seeds, when given, still win.
/// </summary>
public sealed class ClusterDiscoverySettings
{
    public DiscoveryMethod Method { get; set; } = DiscoveryMethod.None;

    /// <summary>The name the nodes are looked up by (the config service's name, the pods' "app" label by default).</summary>
    public string ServiceName { get; set; } = "fleetkeys";

    /// <summary>
    /// Config: every node's cluster endpoint, "host:port" as the node advertises it (its PublicHostname or Hostname and
    /// its cluster port), this one's included. Without a port, this node's cluster port is assumed.
    /// </summary>
    public string[] Endpoints { get; set; } = [];

    /// <summary>Kubernetes: the label selector of the nodes' pods; "{0}" is replaced by <see cref="ServiceName"/>.</summary>
    public string PodLabelSelector { get; set; } = "app={0}";

    /// <summary>
    /// Kubernetes: the name of the container port that is the cluster port. Pods are found by their IP, so a node in a pod
    /// advertises its pod IP (PublicHostname from status.podIP).
    /// </summary>
    public string PortName { get; set; } = "remoting";

    /// <summary>How many nodes must be found before the first cluster forms: the nodes of a fresh installation.</summary>
    public int RequiredContactPoints { get; set; } = 2;

    /// <summary>How long what discovery finds must stay unchanged before a node joins on it.</summary>
    public TimeSpan StableMargin { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the node asks discovery again until it is a member.</summary>
    public TimeSpan LookupInterval { get; set; } = TimeSpan.FromSeconds(1);
}
