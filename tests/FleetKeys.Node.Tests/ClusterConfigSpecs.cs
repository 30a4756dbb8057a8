using FleetKeys.Testing;
using Microsoft.Extensions.Configuration;

namespace FleetKeys.Node.Tests;

/// <summary>The shipped configurations parse, bind to the node's settings, and describe the topology they claim to.</summary>
public sealed class ClusterConfigSpecs
{
    private static NodeSettings Load(string file)
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(RepositoryPaths.File("cluster-config", file)).Build();
        return NodeSettings.From(configuration);
    }

    [Fact]
    public void The_single_node_config_forms_its_own_cluster_on_embedded_sqlite()
    {
        var settings = Load("single-node.json");

        Assert.Empty(settings.Cluster.SeedNodes);
        Assert.Equal(FleetKeys.Cluster.Persistence.DatabaseProvider.Sqlite, settings.Persistence.Provider);
        Assert.Equal("127.0.0.1", settings.Cluster.Hostname);
    }

    [Fact]
    public void The_three_node_configs_share_seeds_and_a_journal_on_distinct_ports()
    {
        var nodes = new[] { 1, 2, 3 }.Select(i => Load($"three-node/node-{i}.json")).ToList();

        Assert.Equal(3, nodes.Select(n => n.Cluster.Port).Distinct().Count());
        Assert.Equal(3, nodes.Select(n => n.Management.Port).Distinct().Count());
        Assert.All(nodes, n => Assert.Equal(nodes[0].Cluster.SeedNodes, n.Cluster.SeedNodes));
        Assert.All(nodes[0].Cluster.SeedNodes, seed => Assert.Contains(nodes, n => seed.EndsWith($":{n.Cluster.Port}")));
        Assert.Single(nodes.Select(n => n.Persistence.DataFolder).Distinct());
    }

    [Fact]
    public void The_production_template_uses_postgres_and_keeps_secrets_out_of_the_file()
    {
        var settings = Load("production.json");

        Assert.Equal(FleetKeys.Cluster.Persistence.DatabaseProvider.Postgres, settings.Persistence.Provider);
        Assert.StartsWith("set ", settings.Persistence.ConnectionString);
        Assert.Empty(settings.Api.Keys);
        Assert.True(settings.Cluster.SeedNodes.Length >= 2);
    }

    [Fact]
    public void The_production_template_turns_tls_on_for_the_api_the_management_port_and_the_cluster()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(RepositoryPaths.File("cluster-config", "production.json")).Build();
        var settings = NodeSettings.From(configuration);

        Assert.StartsWith("https://", configuration["Urls"]);
        Assert.False(string.IsNullOrWhiteSpace(configuration["Kestrel:Certificates:Default:Path"]));
        Assert.True(settings.Management.Certificate.IsSet);
        Assert.True(settings.Cluster.Tls.Enabled);
        Assert.False(string.IsNullOrWhiteSpace(settings.Cluster.Tls.CaPath));
        Assert.All(settings.Cluster.SeedNodes, seed => Assert.StartsWith("akka.ssl.tcp://", seed));
        Assert.False(settings.Network.Trusted);
    }
}
