using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using FleetKeys.Cluster.Cabinets;
using FleetKeys.Cluster.Controllers;
using FleetKeys.Cluster.Entities;
using FleetKeys.Cluster.Tests.Support;
using FleetKeys.Domain;
using FleetKeys.Domain.Cabinets;
using FleetKeys.Domain.Controllers;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeySlots;
using FleetKeys.Testing;
using Microsoft.Extensions.Time.Testing;

namespace FleetKeys.Cluster.Tests;

/// <summary>
/// Controllers, cabinets and keys changed and taken out of service on a real node and database: what happens to custody,
/// to the bus, and to a remembered controller across a restart. Each database gets a subclass below.
/// </summary>
public abstract class LifecycleSpecs<TDatabase> : NodeSpecs<TDatabase> where TDatabase : TestDatabase, new()
{
    private async Task TakeKey(CabinetId cabinet, int slot)
    {
        var (_, badge) = await Fleet.Person();
        var access = await AtCabinet<AccessGranted>(new PresentBadge(cabinet, badge, null, Now));
        await AtCabinet<UnlockSlot>(new SelectKey(cabinet, access.Session, slot, Now));
        await AtCabinet<SlotEventRecorded>(new ReportTagRemoved(cabinet, slot, Fleet.TagOf(cabinet, slot), Now));
    }

    /// <summary>Which controllers run on this node right now, as the shard region itself says (asking it starts nothing).</summary>
    private async Task<IReadOnlyList<string>> RunningControllers()
    {
        var state = await Node.Region<ControllerRegion>().Ask<CurrentShardRegionState>(GetShardRegionState.Instance, TimeSpan.FromSeconds(10));
        return [.. state.Shards.SelectMany(s => s.EntityIds)];
    }

    /// <summary>
    /// The controllers the cluster remembers, as its remember-entities store writes them to the journal (one stream per
    /// shard, of started and stopped entity ids): what decides which controllers a restarted cluster starts by itself.
    /// </summary>
    private async Task<IReadOnlySet<string>> RememberedControllers()
    {
        var journal = PersistenceQuery.Get(Node.System).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
        var materializer = Node.System.Materializer();
        var stores = await journal.CurrentPersistenceIds().Where(id => id.StartsWith("/sharding/controllerShard", StringComparison.Ordinal))
            .RunWith(Sink.Seq<string>(), materializer);
        var remembered = new HashSet<string>();
        foreach (var store in stores)
        foreach (var entry in await Node.History.EventsOf(store))
        {
            var entities = (IEnumerable<string>)entry.Event.GetType().GetProperty("Entities")!.GetValue(entry.Event)!;
            if (entry.Event.GetType().Name == "EntitiesStarted") remembered.UnionWith(entities);
            else if (entry.Event.GetType().Name == "EntitiesStopped") remembered.ExceptWith(entities);
        }

        return remembered;
    }

    /// <summary>Another controller id in the same shard as <paramref name="controller"/>, so both are restarted, or not, together.</summary>
    private static ControllerId Neighbour(ControllerId controller)
    {
        var extractor = new EntityMessageExtractor<IControllerMessage>(m => m.Controller.Value);
        var shard = extractor.ShardId(controller.Value);
        return Enumerable.Range(1, 10_000).Select(n => new ControllerId($"{controller}-n{n}"))
            .First(id => extractor.ShardId(id.Value) == shard);
    }

    [Fact]
    public async Task A_decommissioned_controller_stops_and_is_not_started_again_after_a_restart()
    {
        var gone = new ControllerId(Fleet.Unique("ctl"));
        var stays = Neighbour(gone);
        Fleet.Must(await Node.Admin.RegisterController(gone, "127.0.0.1", 4001, OfflinePolicy.DenyAll, "test"));
        Fleet.Must(await Node.Admin.RegisterController(stays, "127.0.0.1", 4002, OfflinePolicy.DenyAll, "test"));

        Assert.Contains(gone.Value, await RememberedControllers());

        Fleet.Must(await Node.Admin.DecommissionController(gone, "ops"));
        await Eventually.Holds(async () => Assert.DoesNotContain(gone.Value, await RunningControllers()));
        await Eventually.Holds(async () => Assert.DoesNotContain(gone.Value, await RememberedControllers()));
        await RestartNode();

        // The remembered neighbour in the same shard is back: had the decommissioned one been remembered, it would be too.
        await Eventually.Holds(async () => Assert.Contains(stays.Value, await RunningControllers()), TimeSpan.FromSeconds(20));
        Assert.DoesNotContain(gone.Value, await RunningControllers());
        Assert.Equal([stays.Value], (await RememberedControllers()).Where(id => id == stays.Value || id == gone.Value));
        Assert.Equal(RejectionCode.NotFound, Fleet.Rejected(await Node.Admin.GetController(gone)).Code);
        Assert.DoesNotContain(gone.Value, await RunningControllers());
        Assert.Equal(RejectionCode.Conflict, Fleet.Rejected(await Node.Admin.RegisterController(gone, "127.0.0.1", 4001, OfflinePolicy.DenyAll, "test")).Code);
    }

    [Fact]
    public async Task A_controller_with_a_cabinet_wired_to_it_stays_in_service()
    {
        var cabinet = await Fleet.Cabinet(slots: 1);
        var controller = Fleet.Must(await Node.Admin.GetCabinet(cabinet)).Controller;

        var refused = Fleet.Rejected(await Node.Admin.DecommissionController(controller, "ops"));

        Assert.Equal(RejectionCode.Conflict, refused.Code);
        Assert.Contains(controller.Value, await RunningControllers());
    }

    [Fact]
    public async Task A_key_out_cannot_be_removed_or_changed_and_the_cabinet_keeps_its_home()
    {
        var cabinet = await Fleet.Cabinet(slots: 2);
        await TakeKey(cabinet, 1);
        var otherTag = Fleet.Key(cabinet, 1) with { Tag = new TagId("tag-new") };

        var removal = Fleet.Rejected(await Node.Admin.RemoveKey(new SlotId(cabinet, 1), "ops"));
        var change = Fleet.Rejected(await Node.Admin.AssignKey(new SlotId(cabinet, 1), otherTag, "test"));

        Assert.Equal((RejectionCode.Conflict, RejectionCode.Conflict), (removal.Code, change.Code));
        Assert.Equal(Fleet.TagOf(cabinet, 1), Fleet.Must(await Node.Admin.GetCabinet(cabinet)).Homes[1]);
        Assert.Equal(CustodyStatus.Out, Fleet.Must(await Node.Admin.GetCustody(new SlotId(cabinet, 1))).Status);
        var back = await AtCabinet<SlotEventRecorded>(new ReportTagInserted(cabinet, 1, Fleet.TagOf(cabinet, 1), Now));
        Assert.Null(back.GuideToSlot);
        Assert.Equal(CustodyStatus.InSlot, Fleet.Must(await Node.Admin.GetCustody(new SlotId(cabinet, 1))).Status);
    }

    [Fact]
    public async Task A_cabinet_emptied_of_its_keys_is_decommissioned_and_leaves_its_controllers_bus()
    {
        var cabinet = await Fleet.Cabinet(slots: 2);
        var controller = Fleet.Must(await Node.Admin.GetCabinet(cabinet)).Controller;
        Assert.Equal(RejectionCode.Conflict, Fleet.Rejected(await Node.Admin.DecommissionCabinet(cabinet, "ops")).Code);

        foreach (var slot in (int[])[1, 2]) Assert.Equal(CustodyStatus.Unassigned, Fleet.Must(await Node.Admin.RemoveKey(new SlotId(cabinet, slot), "ops")).Status);
        Assert.Empty(Fleet.Must(await Node.Admin.GetCabinet(cabinet)).Homes);
        Fleet.Must(await Node.Admin.DecommissionCabinet(cabinet, "ops"));

        Assert.Equal(RejectionCode.NotFound, Fleet.Rejected(await Node.Admin.GetCabinet(cabinet)).Code);
        await Eventually.Holds(async () => Assert.Empty(Fleet.Must(await ControllerAsItIs(controller)).Cabinets));
    }

    [Fact]
    public async Task A_cabinet_rewired_to_another_controller_is_claimed_there_and_let_go_by_the_first()
    {
        var cabinet = await Fleet.Cabinet(slots: 1);
        var first = Fleet.Must(await Node.Admin.GetCabinet(cabinet)).Controller;
        var second = new ControllerId(Fleet.Unique("ctl"));
        Fleet.Must(await Node.Admin.RegisterController(second, "127.0.0.1", 4003, OfflinePolicy.DenyAll, "test"));

        var rewired = Fleet.Must(await Node.Admin.ChangeCabinet(cabinet, second, 5, null, "ops"));

        Assert.Equal((second, 5), (rewired.Controller, rewired.BusAddress));
        Assert.Equal(cabinet, Fleet.Must(await Node.Admin.GetController(second)).Cabinets[5].Cabinet);
        await Eventually.Holds(async () => Assert.Empty(Fleet.Must(await ControllerAsItIs(first)).Cabinets));
    }

    [Fact]
    public async Task A_controller_that_still_lists_a_cabinet_decommissioned_meanwhile_lets_it_go_when_it_starts_again()
    {
        var cabinet = await Fleet.Cabinet(slots: 1);
        var controller = Fleet.Must(await Node.Admin.GetCabinet(cabinet)).Controller;
        Fleet.Must(await Node.Admin.RemoveKey(new SlotId(cabinet, 1), "ops"));
        Fleet.Must(await Node.Admin.DecommissionCabinet(cabinet, "ops"));
        await Eventually.Holds(async () => Assert.Empty(Fleet.Must(await ControllerAsItIs(controller)).Cabinets));
        // As if the cabinet's word to let go had been lost with a crash: the controller lists it again.
        await Node.Ask<ControllerDetails>(Node.Region<ControllerRegion>(), new AttachCabinet(controller, 1, cabinet, false, Now));

        await RestartNode();

        await Eventually.Holds(async () => Assert.Empty(Fleet.Must(await ControllerAsItIs(controller)).Cabinets), TimeSpan.FromSeconds(20));
    }

    /// <summary>The controller entity's own state, registered or not (these controllers were only ever attached to).</summary>
    private async Task<Administration.Outcome<ControllerDetails>> ControllerAsItIs(ControllerId controller) =>
        Administration.Outcome<ControllerDetails>.From(await Node.Region<ControllerRegion>().Ask<object>(new GetController(controller), TimeSpan.FromSeconds(10)));
}

public sealed class SqliteLifecycleSpecs : LifecycleSpecs<SqliteTestDatabase>;

public sealed class PostgresLifecycleSpecs : LifecycleSpecs<PostgresTestDatabase>;
