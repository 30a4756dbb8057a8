using Akka.Actor;
using Akka.Hosting;
using Akka.TestKit;
using FleetKeys.Cluster.Cabinets;
using FleetKeys.Cluster.Entities;
using FleetKeys.Cluster.KeyIds;
using FleetKeys.Cluster.KeySlots;
using FleetKeys.Cluster.People;
using FleetKeys.Cluster.Tests.Support;
using FleetKeys.Domain;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeySlots;
using FleetKeys.Domain.People;
using Microsoft.Extensions.Time.Testing;

namespace FleetKeys.Cluster.Tests;

/// <summary>
/// The release window is a timer; it is tested on Akka's TestScheduler and an injected clock, both moved by hand,
/// and it must be re-armed from persisted state when the slot's actor is recovered.
/// </summary>
public sealed class KeySlotReleaseWindowSpecs : Akka.TestKit.Xunit2.TestKit
{
    private static readonly SlotId Slot = new(new CabinetId("cab-1"), 1);
    private static readonly PersonId Person = new("alice");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly EntitySettings _settings = new() { ReleaseWindow = TimeSpan.FromSeconds(30) };
    private readonly TestProbe _people;

    public KeySlotReleaseWindowSpecs()
        : base("akka.scheduler.implementation = \"Akka.TestKit.TestScheduler, Akka.TestKit\"")
    {
        _people = CreateTestProbe();
        var registry = ActorRegistry.For(Sys);
        registry.Register<PersonRegion>(_people.Ref);
        registry.Register<CabinetRegion>(CreateTestProbe().Ref);
        registry.Register<KeyIdRegion>(KeyIdsStandIn.Granting(CreateTestProbe()));
    }

    private TestScheduler Scheduler => (TestScheduler)Sys.Scheduler;

    private IActorRef SlotActor() =>
        Sys.ActorOf(Props.Create(() => new KeySlotActor(Slot, new EntityServices(_clock, _settings))));

    private void Elapse(TimeSpan time)
    {
        _clock.Advance(time);
        Scheduler.Advance(time);
    }

    private GrantId ReleaseTo(IActorRef slot)
    {
        slot.Tell(new RequestRelease(Slot, Person, SessionId.New(), new SiteId("hq"), _clock.GetUtcNow()), TestActor);
        var request = _people.ExpectMsg<RequestGrant>();
        _people.Reply(new GrantIssued(Person, request.Grant, request.Session, Slot, request.ExpiresAt, request.At));
        return ExpectMsg<ReleaseGranted>().Grant;
    }

    private IActorRef AssignedSlot()
    {
        var slot = SlotActor();
        var key = new KeyDefinition(new KeyId("k1"), "Master", new KeyGroup("masters"), Criticality.Master, new TagId("t1"),
            CustodyPolicy.Unlimited);
        slot.Tell(new AssignKey(Slot, key, "Europe/Berlin", _clock.GetUtcNow()), TestActor);
        ExpectMsg<KeySlotState>();
        return slot;
    }

    private KeySlotState Custody(IActorRef slot)
    {
        slot.Tell(new GetCustody(Slot), TestActor);
        return ExpectMsg<KeySlotState>();
    }

    [Fact]
    public void An_untaken_release_lapses_when_the_window_ends_and_the_person_is_told()
    {
        var slot = AssignedSlot();
        var grant = ReleaseTo(slot);

        Elapse(TimeSpan.FromSeconds(29));
        Assert.Equal(CustodyStatus.Released, Custody(slot).Status);

        Elapse(TimeSpan.FromSeconds(1));
        var lapsed = _people.FishForMessage<ConfirmGrantLapsed>(_ => true);
        Assert.Equal(grant, lapsed.Grant);
        Assert.Equal(CustodyStatus.InSlot, Custody(slot).Status);
    }

    [Fact]
    public void A_key_taken_within_the_window_does_not_lapse()
    {
        var slot = AssignedSlot();
        ReleaseTo(slot);
        slot.Tell(new RecordTagRemoved(Slot, new TagId("t1"), _clock.GetUtcNow()), TestActor);
        ExpectMsg<KeySlotState>();

        Elapse(TimeSpan.FromMinutes(5));

        _people.FishForMessage<ConfirmTaken>(_ => true);
        _people.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        Assert.Equal(CustodyStatus.Out, Custody(slot).Status);
    }

    [Fact]
    public void The_window_is_re_armed_from_the_journal_when_the_slot_is_recovered()
    {
        var slot = AssignedSlot();
        var grant = ReleaseTo(slot);
        Watch(slot);
        Sys.Stop(slot);
        ExpectTerminated(slot);

        var recovered = SlotActor();
        Assert.Equal(CustodyStatus.Released, Custody(recovered).Status);
        Elapse(TimeSpan.FromSeconds(30));

        Assert.Equal(grant, _people.FishForMessage<ConfirmGrantLapsed>(_ => true).Grant);
        Assert.Equal(CustodyStatus.InSlot, Custody(recovered).Status);
    }

    [Fact]
    public void A_second_request_while_the_person_is_being_asked_waits_and_then_loses()
    {
        var slot = AssignedSlot();
        slot.Tell(new RequestRelease(Slot, Person, SessionId.New(), new SiteId("hq"), _clock.GetUtcNow()), TestActor);
        var request = _people.ExpectMsg<RequestGrant>();
        var asker = _people.LastSender;
        var rival = CreateTestProbe();
        slot.Tell(new RequestRelease(Slot, new PersonId("bob"), SessionId.New(), new SiteId("hq"), _clock.GetUtcNow()), rival.Ref);
        _people.ExpectNoMsg(TimeSpan.FromMilliseconds(100));

        asker.Tell(new GrantIssued(Person, request.Grant, request.Session, Slot, request.ExpiresAt, request.At));

        ExpectMsg<ReleaseGranted>();
        Assert.Equal(RejectionCode.KeyNotAvailable, rival.ExpectMsg<Rejection>().Code);
    }
}
