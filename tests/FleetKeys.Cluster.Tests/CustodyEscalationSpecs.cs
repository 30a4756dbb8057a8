using Akka.Actor;
using Akka.Hosting;
using Akka.Persistence;
using Akka.TestKit;
using FleetKeys.Cluster.Cabinets;
using FleetKeys.Cluster.Controllers;
using FleetKeys.Cluster.Credentials;
using FleetKeys.Cluster.Entities;
using FleetKeys.Cluster.KeyIds;
using FleetKeys.Cluster.KeySlots;
using FleetKeys.Cluster.People;
using FleetKeys.Cluster.TagHomes;
using FleetKeys.Cluster.Sites;
using FleetKeys.Cluster.Tests.Support;
using FleetKeys.Domain.Cabinets;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeySlots;
using Microsoft.Extensions.Time.Testing;

namespace FleetKeys.Cluster.Tests;

/// <summary>
/// Reminder and escalation steps ride the cabinet's one timer per key: a real cabinet and a real key slot, both
/// stopped and started again as a crashed node's entities would be, on a clock and scheduler moved by hand.
/// </summary>
public sealed class CustodyEscalationSpecs : Akka.TestKit.Xunit2.TestKit
{
    private static readonly CabinetId Cabinet = new("cab-1");
    private static readonly SlotId Slot = new(Cabinet, 2);
    private static readonly TagId Tag = new("tag-2");
    private static readonly PersonId Alice = new("alice");
    private static readonly CustodyPolicy Policy = new(TimeSpan.FromHours(1), null)
    {
        Alerts = new CustodyAlerts(TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30), TimeSpan.FromHours(1)),
    };

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly List<NoticeOverdue> _notices = [];
    private IActorRef _cabinet = ActorRefs.Nobody;
    private IActorRef _slot = ActorRefs.Nobody;

    public CustodyEscalationSpecs() : base("akka.scheduler.implementation = \"Akka.TestKit.TestScheduler, Akka.TestKit\"")
    {
        var registry = ActorRegistry.For(Sys);
        // Stand-ins for the shard regions that route to whichever incarnation of the entity is running now.
        registry.Register<KeySlotRegion>(Relay(m =>
        {
            if (m is NoticeOverdue notice) lock (_notices) _notices.Add(notice);
            return _slot;
        }));
        registry.Register<CabinetRegion>(Relay(_ => _cabinet));
        registry.Register<PersonRegion>(Relay(_ => TestActor));
        registry.Register<CredentialRegion>(CreateTestProbe().Ref);
        registry.Register<ControllerRegion>(CreateTestProbe().Ref);
        registry.Register<SiteRegion>(CreateTestProbe().Ref);
        registry.Register<KeyIdRegion>(KeyIdsStandIn.Granting(CreateTestProbe()));
        registry.Register<TagHomeRegion>(KeyIdsStandIn.Granting(CreateTestProbe()));
    }

    private IActorRef Relay(Func<object, IActorRef> to)
    {
        var probe = CreateTestProbe();
        probe.SetAutoPilot(new DelegateAutoPilot((sender, message) =>
        {
            if (to(message) is var target && target.Equals(TestActor)) sender.Tell("noted");
            else target.Tell(message, sender);
            return AutoPilot.KeepRunning;
        }));
        return probe.Ref;
    }

    private DateTimeOffset At => _clock.GetUtcNow();
    private DateTimeOffset Due { get; set; }

    private EntityServices Services => new(_clock, new EntitySettings(), null);

    private void Start()
    {
        _cabinet = Sys.ActorOf(Props.Create(() => new CabinetActor(Cabinet, Services)));
        _slot = Sys.ActorOf(Props.Create(() => new KeySlotActor(Slot, Services)));
        _cabinet.Tell(new WakeCabinet(Cabinet));
        // Both answer once recovered, so the cabinet has re-armed its deadlines before the spec moves the clock.
        _cabinet.Tell(new GetCabinet(Cabinet), TestActor);
        ExpectMsg<CabinetDetails>();
        _slot.Tell(new GetCustody(Slot), TestActor);
        ExpectMsg<KeySlotDetails>();
    }

    private void Crash()
    {
        foreach (var actor in new[] { _cabinet, _slot })
        {
            Watch(actor);
            Sys.Stop(actor);
            ExpectTerminated(actor);
        }
    }

    private void Elapse(TimeSpan time)
    {
        _clock.Advance(time);
        ((TestScheduler)Sys.Scheduler).Advance(time);
    }

    /// <summary>The cabinet's summary arrives by at-least-once delivery; wait until it has the step the slot says is next.</summary>
    private void AwaitArmed()
    {
        var next = Recorded().NextStepAt;
        AwaitAssert(() =>
        {
            _cabinet.Tell(new GetCabinet(Cabinet), TestActor);
            Assert.Equal(next, ExpectMsg<CabinetDetails>().Summary[Slot.Number].NextStepAt);
        });
    }

    private void TakeKey()
    {
        _cabinet.Tell(new RegisterCabinet(Cabinet, new SiteId("hq"), "UTC", new ControllerId("ctl"), 1, 4, false, At), TestActor);
        ExpectMsg<CabinetDetails>();
        _slot.Tell(new AssignKey(Slot, new KeyDefinition(new KeyId("van-2"), "Van 2", new KeyGroup("vans"), Criticality.Normal, Tag, Policy),
            "UTC", At), TestActor);
        ExpectMsg<KeySlotDetails>();
        _slot.Tell(new RecordOfflineRelease(Slot, Alice, At), TestActor);
        ExpectMsg<KeySlotDetails>();
        _slot.Tell(new RecordTagRemoved(Slot, Tag, At), TestActor);
        Due = ExpectMsg<KeySlotDetails>().DueAt!.Value;
        AwaitArmed();
    }

    private IReadOnlyList<object> Journal()
    {
        Sys.ActorOf(Props.Create(() => new JournalReader($"keyslot-{Slot}", TestActor)));
        return ExpectMsg<IReadOnlyList<object>>();
    }

    /// <summary>The slot's state as its journal records it: the steps of a custody are its own bookkeeping, not in its answers.</summary>
    private KeySlotState Recorded() => Journal().OfType<KeySlotEvent>().Aggregate(KeySlotState.Empty(Slot), (state, e) => state.Apply(e));

    [Fact]
    public void The_reminder_and_each_escalation_step_fire_at_their_time()
    {
        Start();
        TakeKey();

        Elapse(TimeSpan.FromMinutes(44));
        Assert.Equal(CustodySteps.None, Recorded().StepsRecorded);
        Elapse(TimeSpan.FromMinutes(1));
        AwaitAssert(() => Assert.Equal(CustodySteps.DueSoon, Recorded().StepsRecorded));
        AwaitArmed();

        Elapse(Due - At);
        AwaitAssert(() => Assert.True(Recorded().OverdueNoticed));
        AwaitArmed();
        Elapse(TimeSpan.FromMinutes(30));
        AwaitAssert(() => Assert.True(Recorded().StepsRecorded.HasFlag(CustodySteps.Security)));
        AwaitArmed();
        Elapse(TimeSpan.FromMinutes(30));
        AwaitAssert(() => Assert.True(Recorded().StepsRecorded.HasFlag(CustodySteps.Manager)));

        Assert.Equal([Due.AddMinutes(-15), Due, Due.AddMinutes(30), Due.AddHours(1)], _notices.Select(n => n.At));
    }

    [Fact]
    public void A_step_due_while_the_node_was_down_fires_once_when_its_entities_start_again()
    {
        Start();
        TakeKey();
        Elapse(Due.AddMinutes(-15) - At);
        AwaitAssert(() => Assert.Equal(CustodySteps.DueSoon, Recorded().StepsRecorded));
        AwaitArmed();

        // The node dies before the due time and comes back after the security step's time.
        Crash();
        Elapse(TimeSpan.FromMinutes(50));
        Start();
        Elapse(TimeSpan.Zero);
        AwaitAssert(() => Assert.True(Recorded().StepsRecorded.HasFlag(CustodySteps.Security)));
        AwaitArmed();

        // And once more: started again, nothing already recorded is recorded twice.
        Crash();
        Start();
        Elapse(TimeSpan.Zero);
        AwaitArmed();
        Assert.Equal(2, _notices.Count);

        var steps = Journal().Where(e => e is KeyDueSoon or KeyOverdue or OverdueEscalated).ToList();
        Assert.Collection(steps,
            e => Assert.IsType<KeyDueSoon>(e),
            e => Assert.IsType<KeyOverdue>(e),
            e => Assert.Equal(EscalationAudience.Security, Assert.IsType<OverdueEscalated>(e).Audience));
        Assert.Equal(Due.AddHours(1), Recorded().NextStepAt);
    }

    /// <summary>Replays one entity's journal and hands over what it found.</summary>
    private sealed class JournalReader : ReceivePersistentActor
    {
        private readonly List<object> _events = [];

        public JournalReader(string persistenceId, IActorRef replyTo)
        {
            PersistenceId = persistenceId;
            Recover<RecoveryCompleted>(_ =>
            {
                replyTo.Tell((IReadOnlyList<object>)_events);
                Context.Stop(Self);
            });
            Recover<object>(e => _events.Add(e is SnapshotOffer ? "snapshot" : e));
        }

        public override string PersistenceId { get; }
    }
}
