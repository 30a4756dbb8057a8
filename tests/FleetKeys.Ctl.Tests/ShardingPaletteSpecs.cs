using FleetKeys.Cluster.Administration;
using FleetKeys.Ctl.Tests.Support;
using FleetKeys.Domain.Ids;

namespace FleetKeys.Ctl.Tests;

[Collection(SingleNodeCollection.Name)]
public sealed class ShardingPaletteSpecs(SingleNode single)
{
    private CtlNode Node => single.Node;

    private async Task<string> ASite()
    {
        var id = $"site-{Guid.NewGuid():N}"[..20];
        Assert.NotNull((await Node.Service<FleetAdmin>().RegisterSite(new SiteId(id), "Somewhere", "UTC", "test")).Value);
        return id;
    }

    [Fact]
    public async Task Regions_list_every_entity_type_with_its_nodes_shards_and_entities()
    {
        await ASite();

        var run = await Node.Ctl("sharding", "regions", "--json");

        Assert.Equal(0, run.ExitCode);
        var types = run.Json.EnumerateArray().ToDictionary(r => r.GetProperty("type").GetString()!);
        Assert.Superset(new HashSet<string> { "cabinet", "controller", "credential", "keyslot", "person", "site" }, types.Keys.ToHashSet());
        Assert.Equal(1, types["site"].GetProperty("nodes").GetInt32());
        Assert.True(types["site"].GetProperty("entities").GetInt32() >= 1);
    }

    [Fact]
    public async Task Stats_and_shards_of_a_type_say_which_node_hosts_what()
    {
        await ASite();

        var stats = await Node.Ctl("sharding", "stats", "site");
        var shards = await Node.Ctl("sharding", "shards", "site", "--json");
        var unknown = await Node.Ctl("sharding", "stats", "spaceship");

        Assert.Equal(0, stats.ExitCode);
        Assert.Equal(Node.Address, stats.Row("akka.tcp://")[0]);
        Assert.All(shards.Json.EnumerateArray(), s => Assert.Equal(Node.Address, s.GetProperty("node").GetString()));
        Assert.Equal(int.Parse(stats.Row("akka.tcp://")[2]), shards.Json.EnumerateArray().Sum(s => s.GetProperty("entities").GetInt32()));
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("no entity type 'spaceship'", unknown.Error);
    }

    [Fact]
    public async Task Locate_finds_an_entitys_shard_and_node_without_starting_it()
    {
        var site = await ASite();

        var running = await Node.Ctl("sharding", "locate", "site", site, "--json");
        var absent = await Node.Ctl("sharding", "locate", "site", "nowhere-at-all");

        Assert.Equal(0, running.ExitCode);
        Assert.Equal(Node.Address, running.Json.GetProperty("node").GetString());
        Assert.True(running.Json.GetProperty("running").GetBoolean());
        var shards = await Node.Ctl("sharding", "shards", "site", "--json");
        Assert.Contains(shards.Json.EnumerateArray(), s => s.GetProperty("shard").GetString() == running.Json.GetProperty("shard").GetString());
        Assert.Equal(["running:", "no"], absent.Row("running:"));
    }
}
