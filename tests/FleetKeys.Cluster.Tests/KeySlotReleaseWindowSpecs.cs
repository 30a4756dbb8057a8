using Akka.Actor;
using Akka.TestKit;
using FleetKeys.Cluster.Cabinets;
using FleetKeys.Cluster.KeySlots;
using FleetKeys.Cluster.People;
using FleetKeys.Cluster.Tests.Support;
using FleetKeys.Domain;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeySlots;
using FleetKeys.Domain.People;

namespace FleetKeys.Cluster.Tests;

/// <summary>
/// The release window is a timer; it is tested on Akka's TestScheduler and an injected clock, both moved by hand,
/// and it must be re-armed from persisted state when the slot's actor is recovered.
/// </summary>
public sealed class KeySlotReleaseWindowSpecs : SlotActorSpecs
{
    private static readonly PersonId Person = new("alice");

    private GrantId ReleaseTo(IActorRef slot) => ReleaseTo(slot, Person);

    [Fact]
    public void An_untaken_release_lapses_when_the_window_ends_and_the_person_is_told()
    {
        var slot = AssignedSlot();
        var grant = ReleaseTo(slot);

        Elapse(TimeSpan.FromSeconds(29));
        Assert.Equal(CustodyStatus.Released, Custody(slot).Status);

        Elapse(TimeSpan.FromSeconds(1));
        var lapsed = People.FishForMessage<ConfirmGrantLapsed>(_ => true);
        Assert.Equal(grant, lapsed.Grant);
        Assert.Equal(CustodyStatus.InSlot, Custody(slot).Status);
    }

    [Fact]
    public void A_take_inside_the_window_reported_after_it_lapsed_and_a_restart_is_the_persons()
    {
        var slot = AssignedSlot();
        var releasedAt = At;
        var grant = ReleaseTo(slot);
        Elapse(TimeSpan.FromSeconds(31));
        Assert.Equal(grant, People.FishForMessage<ConfirmGrantLapsed>(_ => true).Grant);
        Watch(slot);
        Sys.Stop(slot);
        ExpectTerminated(slot);

        // The controller was cut off near the window's end and reports the take, timed inside it, once it is back.
        var recovered = SlotActor();
        recovered.Tell(new RecordTagRemoved(Slot, Tag, releasedAt.AddSeconds(29)), TestActor);
        var custody = ExpectMsg<KeySlotDetails>();

        Assert.Equal((CustodyStatus.Out, Person, releasedAt.AddSeconds(29)), (custody.Status, custody.Holder, custody.Since));
        var taken = People.FishForMessage<ConfirmTaken>(_ => true);
        Assert.Equal((Person, grant, Slot), (taken.Person, taken.Grant, taken.Slot));
    }

    [Fact]
    public void A_key_taken_within_the_window_does_not_lapse()
    {
        var slot = AssignedSlot();
        ReleaseTo(slot);
        slot.Tell(new RecordTagRemoved(Slot, Tag, At), TestActor);
        ExpectMsg<KeySlotDetails>();

        Elapse(TimeSpan.FromMinutes(5));

        People.FishForMessage<ConfirmTaken>(_ => true);
        People.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
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

        Assert.Equal(grant, People.FishForMessage<ConfirmGrantLapsed>(_ => true).Grant);
        Assert.Equal(CustodyStatus.InSlot, Custody(recovered).Status);
    }

    [Fact]
    public void A_second_request_while_the_person_is_being_asked_waits_and_then_loses()
    {
        var slot = AssignedSlot();
        slot.Tell(new RequestRelease(Slot, Person, SessionId.New(), new SiteId("hq"), At), TestActor);
        var request = People.ExpectMsg<RequestGrant>();
        var asker = People.LastSender;
        var rival = CreateTestProbe();
        slot.Tell(new RequestRelease(Slot, new PersonId("bob"), SessionId.New(), new SiteId("hq"), At), rival.Ref);
        People.ExpectNoMsg(TimeSpan.FromMilliseconds(100));

        asker.Tell(new GrantIssued(Person, request.Grant, request.Session, Slot, request.ExpiresAt, request.At));

        ExpectMsg<ReleaseGranted>();
        Assert.Equal(RejectionCode.KeyNotAvailable, rival.ExpectMsg<Rejection>().Code);
    }
}
