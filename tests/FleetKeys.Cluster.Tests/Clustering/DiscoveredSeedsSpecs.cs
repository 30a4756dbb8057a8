using Akka.Actor;
using FleetKeys.Cluster.Clustering;

namespace FleetKeys.Cluster.Tests.Clustering;

/// <summary>The join rule of a node that finds the others through discovery: when, through whom, in which order.</summary>
public sealed class DiscoveredSeedsSpecs
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly ClusterSettings Plain = new();

    private static Address Node(string host, int port) => DiscoveredSeeds.AddressOf(host, port, Plain);

    private static readonly Address A = Node("10.0.0.1", 4053);
    private static readonly Address B = Node("10.0.0.2", 4053);
    private static readonly Address C = Node("10.0.0.3", 4053);

    /// <summary>Feeds what discovery found at each second after <see cref="T0"/>; returns which seeds were joined when.</summary>
    private static List<(int Second, string Seeds)> Run(DiscoveredSeeds rule, params (int Second, Address[] Found)[] lookups)
    {
        var joined = new List<(int, string)>();
        foreach (var (second, found) in lookups)
        {
            (rule, var seeds) = rule.Observe(found, T0.AddSeconds(second));
            if (seeds is not null) joined.Add((second, Seeds([.. seeds])));
        }
        return joined;
    }

    private static string Seeds(params Address[] seeds) => string.Join(", ", seeds);

    [Fact]
    public void Every_node_orders_the_same_nodes_the_same_way_by_host_then_port_whatever_order_discovery_names_them()
    {
        var found = new[] { Node("10.0.0.9", 4054), Node("10.0.0.10", 4053), Node("10.0.0.9", 4053), Node("10.0.0.10", 4053) };
        var expected = new[] { Node("10.0.0.10", 4053), Node("10.0.0.9", 4053), Node("10.0.0.9", 4054) };

        Assert.Equal(expected, DiscoveredSeeds.Order(found));
        Assert.Equal(expected, DiscoveredSeeds.Order(Enumerable.Reverse(found)));
        Assert.Equal([(5, Seeds(expected))], Run(new DiscoveredSeeds(3, TimeSpan.FromSeconds(5)), (0, found), (5, [.. Enumerable.Reverse(found)])));
    }

    [Fact]
    public void Nothing_is_joined_while_fewer_nodes_than_required_are_found_however_long_they_stay()
    {
        var joined = Run(new DiscoveredSeeds(3, TimeSpan.FromSeconds(5)), (0, [A, B]), (10, [A, B]), (600, [B, A]));

        Assert.Empty(joined);
    }

    [Fact]
    public void The_found_nodes_are_joined_only_once_they_have_stayed_the_same_for_the_stable_margin()
    {
        var joined = Run(new DiscoveredSeeds(2, TimeSpan.FromSeconds(5)),
            (0, [A, B]), (4, [A, B]),   // not yet stable
            (5, [A, B, C]),             // changed: the margin starts again
            (9, [A, B, C]), (10, [C, B, A]), (11, [A, B, C]));

        Assert.Equal([(10, Seeds(A, B, C))], joined);
    }

    [Fact]
    public void A_set_already_joined_is_not_joined_again_but_another_set_that_settles_is()
    {
        // The founder (A) is gone before this node got in: the nodes left settle, and are joined with B first.
        var joined = Run(new DiscoveredSeeds(2, TimeSpan.FromSeconds(5)), (0, [A, B, C]), (5, [A, B, C]), (6, [A, B, C]), (7, [B, C]), (12, [B, C]));

        Assert.Equal([(5, Seeds(A, B, C)), (12, Seeds(B, C))], joined);
    }

    [Fact]
    public void A_discovered_node_is_addressed_with_this_nodes_protocol_and_system_and_its_port_unless_discovery_names_one()
    {
        var tls = new ClusterSettings { SystemName = "fleetkeys", Port = 4100, Tls = { Certificate = { Path = "node.crt" } } };

        Assert.Equal("akka.ssl.tcp://fleetkeys@10.0.0.7:4053", DiscoveredSeeds.AddressOf("10.0.0.7", 4053, tls).ToString());
        Assert.Equal("akka.ssl.tcp://fleetkeys@10.0.0.7:4100", DiscoveredSeeds.AddressOf("10.0.0.7", null, tls).ToString());
        Assert.Equal("akka.tcp://fleetkeys@10.0.0.7:4053", DiscoveredSeeds.AddressOf("10.0.0.7", 4053, Plain).ToString());
    }
}
