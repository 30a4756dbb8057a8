using FleetKeys.Cluster.Tests.Support;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeySlots;
using FleetKeys.Domain.People;

namespace FleetKeys.Cluster.Tests;

/// <summary>A handover tells both people; a slot that crashed before they heard of it tells them again once it is recovered.</summary>
public sealed class KeySlotHandoverSpecs : SlotActorSpecs
{
    private static readonly PersonId Giver = new("alice");
    private static readonly PersonId Receiver = new("bob");

    [Fact]
    public void After_a_crash_the_slot_tells_the_receiver_and_the_giver_of_its_handover_again()
    {
        var slot = AssignedSlot();
        ReleaseTo(slot, Giver);
        slot.Tell(new RecordTagRemoved(Slot, Tag, At), TestActor);
        ExpectMsg<KeySlotDetails>();
        Elapse(TimeSpan.FromMinutes(10));
        slot.Tell(new RequestHandover(Slot, null, Receiver, new HandoverOrigin("ops", "shift change"), new SiteId("hq"), At), TestActor);
        var grant = People.FishForMessage<RequestHandoverGrant>(_ => true);
        People.Reply(new GrantIssued(Receiver, grant.Grant, SessionId.New(), Slot, grant.ExpiresAt, grant.At));
        ExpectMsg<KeySlotDetails>();
        People.FishForMessage<ConfirmPassedOn>(_ => true);

        Watch(slot);
        Sys.Stop(slot);
        ExpectTerminated(slot);
        var recovered = SlotActor();

        var received = People.FishForMessage<ConfirmReceived>(_ => true);
        var passedOn = People.FishForMessage<ConfirmPassedOn>(_ => true);
        Assert.Equal((Receiver, grant.Grant, Giver), (received.Person, received.Grant, received.From));
        Assert.Equal((Giver, Receiver), (passedOn.Person, passedOn.To));
        Assert.Equal((CustodyStatus.Out, Receiver), (Custody(recovered).Status, Custody(recovered).Holder));
    }
}
