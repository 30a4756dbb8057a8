using Akka.Actor;
using FleetKeys.Cluster.Cabinets;
using FleetKeys.Cluster.KeySlots;
using FleetKeys.Cluster.People;
using FleetKeys.Cluster.Tests.Support;
using FleetKeys.Domain.Cabinets;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeySlots;
using FleetKeys.Domain.People;

namespace FleetKeys.Cluster.Tests;

/// <summary>
/// The slot's side of a revocation: a voided release is locked on record, its cabinet is told to relock the slot, and the
/// race that remains — the key already in the hand — ends with the take on the person and the alarm, in either order.
/// </summary>
public sealed class KeySlotVoidSpecs : SlotActorSpecs
{
    private const int Revision = 3;
    private static readonly PersonId Person = new("mallory");

    private (IActorRef Slot, GrantId Grant) Released()
    {
        var slot = AssignedSlot();
        slot.Tell(new RequestRemoteRelease(Slot, Person, "night shift", "control-room", At), TestActor);
        var request = People.ExpectMsg<RequestRemoteGrant>();
        People.Reply(new GrantIssued(Person, request.Grant, new SessionId(request.Grant.Guid), Slot, request.ExpiresAt, request.At));
        return (slot, ExpectMsg<ReleaseGranted>().Grant);
    }

    private RelockState Void(IActorRef slot, GrantId grant)
    {
        slot.Tell(new VoidRelease(Slot, grant, Person, Revision, At), TestActor);
        return ExpectMsg<RelockAnswer>().State;
    }

    [Fact]
    public void A_voided_release_is_locked_on_record_and_the_cabinet_is_told_to_relock_the_slot()
    {
        var (slot, grant) = Released();

        Assert.Equal(RelockState.Pending, Void(slot, grant));

        Assert.Equal(new RelockSlot(Slot, Person, Revision), Cabinets.FishForMessage<RelockSlot>(_ => true));
        Assert.Equal(CustodyStatus.InSlot, Custody(slot).Status);
        // Its window no longer runs: nothing lapses for the person when it would have ended.
        Elapse(ReleaseWindow);
        People.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void A_voided_release_of_a_key_sitting_in_another_cabinet_has_that_cabinet_relock_the_slot_it_sits_in()
    {
        var (slot, first) = Released();
        slot.Tell(new RecordTagRemoved(Slot, Tag, At), TestActor);
        ExpectMsg<KeySlotDetails>();
        People.FishForMessage<ConfirmTaken>(_ => true);
        var sitsIn = new SlotId(new CabinetId("depot"), 6);
        slot.Tell(new RecordTagReturned(Slot, Tag, Person, At, sitsIn), TestActor);
        ExpectMsg<KeySlotDetails>();
        slot.Tell(new RequestRelease(Slot, Person, SessionId.New(), new SiteId("hq"), At, From: sitsIn.Cabinet), TestActor);
        var request = People.FishForMessage<RequestGrant>(_ => true);
        People.Reply(new GrantIssued(Person, request.Grant, request.Session, Slot, request.ExpiresAt, request.At));
        var grant = ExpectMsg<ReleaseGranted>().Grant;
        Assert.NotEqual(first, grant);

        Assert.Equal(RelockState.Pending, Void(slot, grant));

        var relock = Cabinets.FishForMessage<RelockSlot>(_ => true);
        Assert.Equal(new RelockSlot(Slot, Person, Revision, sitsIn), relock);
        Assert.Equal(sitsIn.Cabinet, relock.Cabinet);
    }

    [Fact]
    public void Every_repeat_while_the_slot_stays_voided_has_the_cabinet_relock_it_again()
    {
        var (slot, grant) = Released();
        Void(slot, grant);
        Cabinets.FishForMessage<RelockSlot>(_ => true);

        Assert.Equal(RelockState.Pending, Void(slot, grant));
        Assert.Equal(new RelockSlot(Slot, Person, Revision), Cabinets.FishForMessage<RelockSlot>(_ => true));
    }

    [Fact]
    public void A_key_in_the_hand_when_the_release_was_voided_is_taken_by_the_person_and_reported_as_taken()
    {
        var (slot, grant) = Released();
        Void(slot, grant);

        slot.Tell(new RecordTagRemoved(Slot, Tag, At), TestActor);
        ExpectMsg<KeySlotDetails>();

        Assert.Equal((CustodyStatus.Out, Person), (Custody(slot).Status, Custody(slot).Holder));
        Assert.Equal(new ConfirmTaken(Person, grant, Slot, At), People.FishForMessage<ConfirmTaken>(_ => true));
        Assert.Equal(new ReportRelock(Person, Revision, Slot, RelockState.KeyTaken, At), People.FishForMessage<ReportRelock>(_ => true));
    }

    [Fact]
    public void A_key_taken_before_the_void_arrived_is_answered_and_reported_as_taken()
    {
        var (slot, grant) = Released();
        slot.Tell(new RecordTagRemoved(Slot, Tag, At), TestActor);
        ExpectMsg<KeySlotDetails>();

        Assert.Equal(RelockState.KeyTaken, Void(slot, grant));

        Assert.Equal(new ReportRelock(Person, Revision, Slot, RelockState.KeyTaken, At), People.FishForMessage<ReportRelock>(_ => true));
        Assert.Equal(RelockState.KeyTaken, Void(slot, grant));
        People.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }
}
