using FleetKeys.Cluster.Clustering;
using FleetKeys.Cluster.Tests.Support;
using FleetKeys.Testing;
using Microsoft.Extensions.Time.Testing;

namespace FleetKeys.Cluster.Tests.Clustering;

public sealed class SeedsOverDiscoverySpecs
{
    [Fact]
    public async Task A_node_configured_with_discovery_and_hand_listed_seeds_joins_the_seeds()
    {
        var port = FreePort.Next();
        var self = $"akka.tcp://fleetkeys@127.0.0.1:{port}";
        // Discovery that could never let this node in: it names two nodes, and wants three.
        var settings = new ClusterSettings
        {
            Port = port,
            SeedNodes = [self],
            Discovery = new ClusterDiscoverySettings
            {
                Method = DiscoveryMethod.Config,
                Endpoints = [$"127.0.0.1:{FreePort.Next()}", $"127.0.0.1:{FreePort.Next()}"],
                RequiredContactPoints = 3,
            },
        };
        var database = new SqliteTestDatabase();
        try
        {
            // Starting waits until the node is Up, which only its seed can have made it.
            await using var node = await TestNode.StartAsync(database.Settings, new FakeTimeProvider(), settings);

            Assert.Equal([self], Akka.Cluster.Cluster.Get(node.System).State.Members.Select(m => m.Address.ToString()));
        }
        finally
        {
            await database.DisposeAsync();
        }
    }
}
