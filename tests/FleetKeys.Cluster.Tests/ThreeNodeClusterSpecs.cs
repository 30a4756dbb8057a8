using Akka.Actor;
using Akka.Cluster.Sharding;
using FleetKeys.Cluster.Cabinets;
using FleetKeys.Cluster.Clustering;
using FleetKeys.Cluster.KeySlots;
using FleetKeys.Cluster.Tests.Support;
using FleetKeys.Testing;
using FleetKeys.Domain.Cabinets;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeySlots;
using Microsoft.Extensions.Time.Testing;

namespace FleetKeys.Cluster.Tests;

/// <summary>
/// Three nodes on loopback ports form one cluster over real Akka.Remote TCP and share one database.
/// Entities spread over all three, and the take flow works whichever node a request enters through.
/// </summary>
public sealed class ThreeNodeClusterSpecs : IAsyncLifetime
{
    private readonly PostgresTestDatabase _database = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly List<TestNode> _nodes = [];

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        var ports = Enumerable.Range(0, 3).Select(_ => FreePort.Next()).ToArray();
        var seed = $"akka.tcp://fleetkeys@127.0.0.1:{ports[0]}";
        var starting = ports.Select(port => TestNode.StartAsync(_database.Settings, _clock,
            new ClusterSettings { Port = port, SeedNodes = [seed] }, hocon: "akka.cluster.min-nr-of-members = 3"));
        _nodes.AddRange(await Task.WhenAll(starting));
    }

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes) await node.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Entities_spread_over_all_nodes_and_requests_through_any_node_reach_them()
    {
        // Up means the leader saw all three; each node learns of the others through gossip, a round or so later.
        await Eventually.Holds(() => Assert.All(_nodes, n => Assert.Equal(3, Akka.Cluster.Cluster.Get(n.System).State.Members.Count)));
        var fleet = new Fleet(_nodes[0].Admin);
        var cabinet = await fleet.Cabinet(slots: 24);
        var (person, badge) = await fleet.Person(maxKeys: 24);

        var hosted = await Task.WhenAll(_nodes.Select(async n =>
            (await n.Region<KeySlotRegion>().Ask<CurrentShardRegionState>(GetShardRegionState.Instance, TimeSpan.FromSeconds(10)))
            .Shards.SelectMany(s => s.EntityIds).ToHashSet()));
        Assert.All(hosted, entities => Assert.NotEmpty(entities));
        Assert.Equal(24, hosted.Sum(h => h.Count));

        // Take every key through node 2 and return it through node 3; read custody through node 1.
        for (var slot = 1; slot <= 24; slot++)
        {
            var through = _nodes[1];
            var access = await through.Ask<AccessGranted>(through.Region<CabinetRegion>(), new PresentBadge(cabinet, badge, null, _clock.GetUtcNow()));
            await through.Ask<UnlockSlot>(through.Region<CabinetRegion>(), new SelectKey(cabinet, access.Session, slot, _clock.GetUtcNow()));
            await through.Ask<SlotEventRecorded>(through.Region<CabinetRegion>(),
                new ReportTagRemoved(cabinet, slot, Fleet.TagOf(cabinet, slot), _clock.GetUtcNow()));
        }

        for (var slot = 1; slot <= 24; slot++)
            Assert.Equal((CustodyStatus.Out, person), Custody(await _nodes[0].Admin.GetCustody(new SlotId(cabinet, slot))));

        var back = _nodes[2];
        await back.Ask<AccessGranted>(back.Region<CabinetRegion>(), new PresentBadge(cabinet, badge, null, _clock.GetUtcNow()));
        for (var slot = 1; slot <= 24; slot++)
            await back.Ask<SlotEventRecorded>(back.Region<CabinetRegion>(),
                new ReportTagInserted(cabinet, slot, Fleet.TagOf(cabinet, slot), _clock.GetUtcNow()));

        for (var slot = 1; slot <= 24; slot++)
            Assert.Equal(CustodyStatus.InSlot, Fleet.Must(await _nodes[0].Admin.GetCustody(new SlotId(cabinet, slot))).Status);
    }

    private static (CustodyStatus, PersonId?) Custody(Administration.Outcome<KeySlotDetails> outcome)
    {
        var state = Fleet.Must(outcome);
        return (state.Status, state.Holder);
    }
}
