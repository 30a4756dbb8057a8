using Akka.Actor;
using FleetKeys.Cluster.Tests.Support;
using FleetKeys.Domain;
using FleetKeys.Domain.KeySlots;
using FleetKeys.Domain.People;

namespace FleetKeys.Cluster.Tests;

/// <summary>
/// A request declares its reply: the asking entity continues with that reply or a rejection, and anything else is a bug
/// that fails the entity loudly instead of falling through as if it were an answer.
/// </summary>
public sealed class TypedAskSpecs : SlotActorSpecs
{
    private IActorRef AskingForAGrant()
    {
        var slot = AssignedSlot();
        slot.Tell(new RequestRemoteRelease(Slot, new Domain.Ids.PersonId("mallory"), "night shift", "control-room", At), TestActor);
        People.ExpectMsg<RequestRemoteGrant>();
        return slot;
    }

    [Fact]
    public void The_persons_refusal_is_the_requesters_answer_and_nothing_is_released()
    {
        var slot = AskingForAGrant();

        var refusal = Rejection.Of(RejectionCode.NotActive, "person mallory is suspended");
        People.Reply(refusal);

        Assert.Equal(refusal, ExpectMsg<Rejection>());
        Assert.Equal(CustodyStatus.InSlot, Custody(slot).Status);
    }

    [Fact]
    public void An_answer_the_request_does_not_declare_fails_the_entity_and_releases_nothing()
    {
        var slot = AskingForAGrant();

        EventFilter.Exception<InvalidOperationException>(contains: "RequestRemoteGrant was answered with PersonRevoked").ExpectOne(() =>
            People.Reply(new PersonRevoked(new Domain.Ids.PersonId("mallory"), PersonStatus.Suspended, "left", [], [], [], At)));

        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        Assert.Equal(CustodyStatus.InSlot, Custody(slot).Status);
    }
}
