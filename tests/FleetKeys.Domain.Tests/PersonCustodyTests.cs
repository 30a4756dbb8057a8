using static FleetKeys.Domain.Tests.Support.PersonSteps;

namespace FleetKeys.Domain.Tests;

/// <summary>The person's side of a take and a return, and the idempotency the shells rely on when messages repeat.</summary>
public class PersonCustodyTests
{
    private static PersonState WithPendingGrant() => APerson.Default().WithSession(S1).WithGrant(G1, S1, Slot1, T0);

    [Fact]
    public void A_pickup_turns_the_grant_into_a_holding()
    {
        var person = WithPendingGrant();
        var picked = person.Decide(new ConfirmTaken(Alice, G1, Slot1, T0.AddSeconds(5))).OnlyEvent<KeyPickedUp, PersonEvent>();
        Assert.Equal(new KeyPickedUp(Alice, G1, Slot1, T0.AddSeconds(5)), picked);

        person = person.Apply(picked);
        Assert.Empty(person.Grants);
        Assert.Equal([Slot1], person.Held);
        Assert.Equal(1, person.KeysCommitted(T0.AddDays(1)));
    }

    [Fact]
    public void A_repeated_pickup_changes_nothing()
    {
        var person = WithPendingGrant().Run(new ConfirmTaken(Alice, G1, Slot1, T0.AddSeconds(5)));
        person.Decide(new ConfirmTaken(Alice, G1, Slot1, T0.AddSeconds(6))).AcceptedWithoutEvents();
    }

    [Fact]
    public void A_lapsed_grant_is_dropped()
    {
        var person = WithPendingGrant();
        var lapsed = person.Decide(new ConfirmGrantLapsed(Alice, G1, T0.AddSeconds(30))).OnlyEvent<GrantLapsed, PersonEvent>();
        Assert.Equal(G1, lapsed.Grant);

        person = person.Apply(lapsed);
        Assert.Empty(person.Grants);
        Assert.Equal(0, person.KeysCommitted(T0));
    }

    [Fact]
    public void A_repeated_or_unknown_lapse_changes_nothing()
    {
        var person = WithPendingGrant().Run(new ConfirmGrantLapsed(Alice, G1, T0.AddSeconds(30)));
        person.Decide(new ConfirmGrantLapsed(Alice, G1, T0.AddSeconds(31))).AcceptedWithoutEvents();
        person.Decide(new ConfirmGrantLapsed(Alice, G2, T0.AddSeconds(31))).AcceptedWithoutEvents();
    }

    [Fact]
    public void A_lapse_after_the_pickup_does_not_undo_the_holding()
    {
        var person = WithPendingGrant().Run(new ConfirmTaken(Alice, G1, Slot1, T0.AddSeconds(5)));
        person.Decide(new ConfirmGrantLapsed(Alice, G1, T0.AddSeconds(30))).AcceptedWithoutEvents();
    }

    [Fact]
    public void A_returned_key_is_handed_back()
    {
        var person = APerson.Default().Holding(Slot1, G1, S1);
        var back = person.Decide(new ConfirmReturned(Alice, Slot1, T0.AddHours(1))).OnlyEvent<KeyHandedBack, PersonEvent>();
        Assert.Equal(new KeyHandedBack(Alice, Slot1, T0.AddHours(1)), back);
        Assert.Empty(person.Apply(back).Held);
    }

    [Fact]
    public void A_repeated_return_or_a_key_not_held_changes_nothing()
    {
        var person = APerson.Default().Holding(Slot1, G1, S1).Run(new ConfirmReturned(Alice, Slot1, T0.AddHours(1)));
        person.Decide(new ConfirmReturned(Alice, Slot1, T0.AddHours(1))).AcceptedWithoutEvents();
        person.Decide(new ConfirmReturned(Alice, Slot2, T0.AddHours(1))).AcceptedWithoutEvents();
    }

    [Fact]
    public void Returning_one_key_keeps_the_others_held()
    {
        var person = APerson.Default().Holding(Slot1, G1, S1).Holding(Slot2, G2, S1, T0.AddSeconds(10))
            .Run(new ConfirmReturned(Alice, Slot1, T0.AddHours(1)));
        Assert.Equal([Slot2], person.Held);
    }
}
