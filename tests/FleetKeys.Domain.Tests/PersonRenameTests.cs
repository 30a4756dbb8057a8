namespace FleetKeys.Domain.Tests;

public class PersonRenameTests
{
    [Fact]
    public void A_rename_changes_the_name_and_a_repeat_records_nothing()
    {
        var renamed = APerson.Default().Decide(new RenamePerson(Alice, "Alice Liddell-Hargreaves", T0)).OnlyEvent<PersonRenamed, PersonEvent>();
        var person = APerson.Default().Apply(renamed);

        Assert.Equal("Alice Liddell-Hargreaves", person.Name);
        person.Decide(new RenamePerson(Alice, "Alice Liddell-Hargreaves", T0.AddMinutes(1))).AcceptedWithoutEvents();
    }

    [Fact]
    public void A_name_cannot_be_emptied_and_an_unknown_person_cannot_be_renamed()
    {
        APerson.Default().Decide(new RenamePerson(Alice, " ", T0)).Rejected(RejectionCode.Invalid);
        PersonState.Empty(Bob).Decide(new RenamePerson(Bob, "Bob", T0)).Rejected(RejectionCode.NotFound);
    }
}
