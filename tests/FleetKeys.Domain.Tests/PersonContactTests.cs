namespace FleetKeys.Domain.Tests;

public class PersonContactTests
{
    [Fact]
    public void Email_and_manager_are_set_changed_and_cleared_and_a_repeat_records_nothing()
    {
        var set = APerson.Default().Decide(new SetContact(Alice, "alice@example.com", Bob, T0)).OnlyEvent<ContactSet, PersonEvent>();
        var person = APerson.Default().Apply(set);

        Assert.Equal(("alice@example.com", (PersonId?)Bob), (person.Email, person.Manager));
        person.Decide(new SetContact(Alice, "alice@example.com", Bob, T0.AddMinutes(1))).AcceptedWithoutEvents();
        var cleared = person.Run(new SetContact(Alice, null, null, T0.AddMinutes(2)));
        Assert.Equal((null, null), (cleared.Email, cleared.Manager));
    }

    [Fact]
    public void Nobody_is_their_own_manager_and_an_unknown_person_has_no_contact()
    {
        APerson.Default().Decide(new SetContact(Alice, null, Alice, T0)).Rejected(RejectionCode.Invalid);
        PersonState.Empty(Bob).Decide(new SetContact(Bob, "bob@example.com", null, T0)).Rejected(RejectionCode.NotFound);
    }
}
