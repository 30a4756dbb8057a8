using Akka.Actor;
using Akka.Hosting;
using Akka.TestKit;
using FleetKeys.Cluster.Cabinets;
using FleetKeys.Cluster.Entities;
using FleetKeys.Cluster.KeyIds;
using FleetKeys.Cluster.KeySlots;
using FleetKeys.Cluster.People;
using FleetKeys.Cluster.Tests.Support;
using FleetKeys.Domain.Cabinets;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeySlots;
using FleetKeys.Domain.People;
using Microsoft.Extensions.Time.Testing;

namespace FleetKeys.Cluster.Tests;

/// <summary>
/// The slot's side of a revocation: a voided release is locked on record, its cabinet is told to relock the slot, and the
/// race that remains — the key already in the hand — ends with the take on the person and the alarm, in either order.
/// </summary>
public sealed class KeySlotVoidSpecs : Akka.TestKit.Xunit2.TestKit
{
    private const int Revision = 3;
    private static readonly SlotId Slot = new(new CabinetId("cab-1"), 1);
    private static readonly PersonId Person = new("mallory");
    private static readonly TagId Tag = new("t1");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly EntitySettings _settings = new() { ReleaseWindow = TimeSpan.FromSeconds(30) };
    private readonly TestProbe _people;
    private readonly TestProbe _cabinets;

    public KeySlotVoidSpecs() : base("akka.scheduler.implementation = \"Akka.TestKit.TestScheduler, Akka.TestKit\"")
    {
        _people = CreateTestProbe();
        _cabinets = CreateTestProbe();
        var registry = ActorRegistry.For(Sys);
        registry.Register<PersonRegion>(_people.Ref);
        registry.Register<CabinetRegion>(_cabinets.Ref);
        registry.Register<KeyIdRegion>(KeyIdsStandIn.Granting(CreateTestProbe()));
    }

    private TestScheduler Scheduler => (TestScheduler)Sys.Scheduler;

    private DateTimeOffset At => _clock.GetUtcNow();

    private (IActorRef Slot, GrantId Grant) Released()
    {
        var slot = Sys.ActorOf(Props.Create(() => new KeySlotActor(Slot, new EntityServices(_clock, _settings))));
        var key = new KeyDefinition(new KeyId("k1"), "Master", new KeyGroup("masters"), Criticality.Master, Tag, CustodyPolicy.Unlimited);
        slot.Tell(new AssignKey(Slot, key, "Europe/Berlin", At), TestActor);
        ExpectMsg<KeySlotState>();
        slot.Tell(new RequestRemoteRelease(Slot, Person, "night shift", "control-room", At), TestActor);
        var request = _people.ExpectMsg<RequestRemoteGrant>();
        _people.Reply(new GrantIssued(Person, request.Grant, new SessionId(request.Grant.Guid), Slot, request.ExpiresAt, request.At));
        return (slot, ExpectMsg<ReleaseGranted>().Grant);
    }

    private RelockState Void(IActorRef slot, GrantId grant)
    {
        slot.Tell(new VoidRelease(Slot, grant, Person, Revision, At), TestActor);
        return ExpectMsg<RelockAnswer>().State;
    }

    private KeySlotState Custody(IActorRef slot)
    {
        slot.Tell(new GetCustody(Slot), TestActor);
        return ExpectMsg<KeySlotState>();
    }

    [Fact]
    public void A_voided_release_is_locked_on_record_and_the_cabinet_is_told_to_relock_the_slot()
    {
        var (slot, grant) = Released();

        Assert.Equal(RelockState.Pending, Void(slot, grant));

        Assert.Equal(new RelockSlot(Slot, Person, Revision), _cabinets.FishForMessage<RelockSlot>(_ => true));
        Assert.Equal(CustodyStatus.InSlot, Custody(slot).Status);
        // Its window no longer runs: nothing lapses for the person when it would have ended.
        _clock.Advance(TimeSpan.FromSeconds(30));
        Scheduler.Advance(TimeSpan.FromSeconds(30));
        _people.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Every_repeat_while_the_slot_stays_voided_has_the_cabinet_relock_it_again()
    {
        var (slot, grant) = Released();
        Void(slot, grant);
        _cabinets.FishForMessage<RelockSlot>(_ => true);

        Assert.Equal(RelockState.Pending, Void(slot, grant));
        Assert.Equal(new RelockSlot(Slot, Person, Revision), _cabinets.FishForMessage<RelockSlot>(_ => true));
    }

    [Fact]
    public void A_key_in_the_hand_when_the_release_was_voided_is_taken_by_the_person_and_reported_as_taken()
    {
        var (slot, grant) = Released();
        Void(slot, grant);

        slot.Tell(new RecordTagRemoved(Slot, Tag, At), TestActor);
        ExpectMsg<KeySlotState>();

        Assert.Equal((CustodyStatus.Out, Person), (Custody(slot).Status, Custody(slot).Holder));
        Assert.Equal(new ConfirmTaken(Person, grant, Slot, At), _people.FishForMessage<ConfirmTaken>(_ => true));
        Assert.Equal(new ReportRelock(Person, Revision, Slot, RelockState.KeyTaken, At), _people.FishForMessage<ReportRelock>(_ => true));
    }

    [Fact]
    public void A_key_taken_before_the_void_arrived_is_answered_and_reported_as_taken()
    {
        var (slot, grant) = Released();
        slot.Tell(new RecordTagRemoved(Slot, Tag, At), TestActor);
        ExpectMsg<KeySlotState>();

        Assert.Equal(RelockState.KeyTaken, Void(slot, grant));

        Assert.Equal(new ReportRelock(Person, Revision, Slot, RelockState.KeyTaken, At), _people.FishForMessage<ReportRelock>(_ => true));
        Assert.Equal(RelockState.KeyTaken, Void(slot, grant));
        _people.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }
}
