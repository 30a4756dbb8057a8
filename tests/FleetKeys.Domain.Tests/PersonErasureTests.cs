namespace FleetKeys.Domain.Tests;

/// <summary>Erasure on request (issue #23): the person's own rules; the key store and the read side follow outside the domain.</summary>
public class PersonErasureTests
{
    private static PersonState WithContact() =>
        APerson.Default().Run(new AddBadge(Alice, Badge1, T0)).Run(new SetContact(Alice, "alice@example.org", Bob, T0));

    [Fact]
    public void An_erasure_records_who_and_why_and_leaves_the_person_nothing_that_identifies_them_or_admits_them()
    {
        var erased = WithContact().Decide(new ErasePerson(Alice, "admin", "request 42", T0)).OnlyEvent<PersonErased, PersonEvent>();
        var person = WithContact().Apply(erased);

        Assert.Equal(new PersonErased(Alice, "admin", "request 42", T0), erased);
        Assert.Equal("erased person #alice", person.Name);
        Assert.Empty(person.Badges);
        Assert.Null(person.Email);
        Assert.Null(person.PinHash);
        Assert.Empty(person.Entitlements);
        Assert.False(person.Profile(1).Active);
    }

    [Fact]
    public void A_person_holding_a_key_is_not_erased_and_is_told_why()
    {
        var holding = APerson.Default().WithSession(S1).WithGrant(G1, S1, Slot1, T0).Run(new ConfirmTaken(Alice, G1, Slot1, T0.AddSeconds(5)));

        var refused = holding.Decide(new ErasePerson(Alice, "admin", "request 42", T0.AddMinutes(1))).Rejected(RejectionCode.Conflict);

        Assert.Contains("holds 1 key", refused.Message);
        Assert.Contains("before the person is erased", refused.Message);
    }

    [Fact]
    public void An_erased_person_is_erased_again_without_a_new_fact_and_refuses_every_other_change()
    {
        var person = WithContact().Run(new ErasePerson(Alice, "admin", "request 42", T0));

        person.Decide(new ErasePerson(Alice, "admin", "again", T0.AddMinutes(1))).AcceptedWithoutEvents();
        person.Decide(new RenamePerson(Alice, "Alice Again", T0.AddMinutes(1))).Rejected(RejectionCode.NotActive);
        person.Decide(new AddBadge(Alice, Badge1, T0.AddMinutes(1))).Rejected(RejectionCode.NotActive);
        person.Decide(new ReinstatePerson(Alice, T0.AddMinutes(1))).Rejected(RejectionCode.NotActive);
    }

    [Fact]
    public void An_unknown_person_is_not_erased()
    {
        PersonState.Empty(Bob).Decide(new ErasePerson(Bob, "admin", "request 42", T0)).Rejected(RejectionCode.NotFound);
    }
}
