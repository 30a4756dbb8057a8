using FleetKeys.Cluster.Entities;
using FleetKeys.Domain.Ids;

namespace FleetKeys.Cluster.Tests;

public sealed class PersistenceIdsSpecs
{
    [Fact]
    public void A_persons_journal_names_the_person_back_and_no_other_journal_names_one()
    {
        var person = new PersonId("person-7");

        Assert.Equal(person, PersistenceIds.PersonOf(PersistenceIds.Person(person)));
        Assert.Null(PersistenceIds.PersonOf(PersistenceIds.Cabinet(new CabinetId("person-7"))));
        Assert.Null(PersistenceIds.PersonOf("personnel-7"));
    }
}
