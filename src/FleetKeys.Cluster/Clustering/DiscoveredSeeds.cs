using Akka.Actor;

namespace FleetKeys.Cluster.Clustering;

/// <summary>
/// When a node that finds the others through discovery joins, and through whom: once at least
/// <see cref="RequiredContactPoints"/> nodes are found and what is found has stayed the same for
/// <see cref="StableMargin"/>, their cluster addresses become the seed list, lowest first (host, then port). Akka lets
/// only the first seed form a new cluster, and only after no other seed has answered that it is already a member; so
/// every node that sees the same nodes picks the same founder, and a restarted founder joins the cluster that carried on
/// without it. If what is found settles on another set before the node is a member (the founder is gone), that set is
/// joined again.
/// Pure: the caller brings what discovery found and the time.
/// </summary>
public sealed record DiscoveredSeeds(int RequiredContactPoints, TimeSpan StableMargin)
{
    /// <summary>What discovery found last, in <see cref="Order"/>; the same instance for as long as it does not change.</summary>
    public IReadOnlyList<Address>? Found { get; private init; }
    private DateTimeOffset FoundSince { get; init; }
    private IReadOnlyList<Address>? Joined { get; init; }

    /// <summary>The seeds to join now; null while too few are found, the set still changes, or it is already joined.</summary>
    public (DiscoveredSeeds Next, IReadOnlyList<Address>? Join) Observe(IEnumerable<Address> found, DateTimeOffset at)
    {
        var ordered = Order(found);
        var next = Found is not null && ordered.SequenceEqual(Found) ? this : this with { Found = ordered, FoundSince = at };
        if (ordered.Count < Math.Max(1, RequiredContactPoints) || at - next.FoundSince < StableMargin) return (next, null);
        if (Joined is not null && Joined.SequenceEqual(ordered)) return (next, null);
        return (next with { Joined = ordered }, ordered);
    }

    /// <summary>The order every node agrees on: host (ordinal), then port; the first may form the cluster.</summary>
    public static IReadOnlyList<Address> Order(IEnumerable<Address> addresses) =>
        [.. addresses.Distinct().OrderBy(a => a.Host, StringComparer.Ordinal).ThenBy(a => a.Port)];

    /// <summary>
    /// A discovered node's cluster address: the host as discovery names it (which must be the host the node advertises),
    /// the port discovery gives or else this node's own, every node being configured alike.
    /// </summary>
    public static Address AddressOf(string host, int? port, ClusterSettings self) =>
        new(self.Protocol, self.SystemName, host, port ?? self.Port);
}
