using FleetKeys.Domain.ExternalIds;

namespace FleetKeys.Domain.Tests;

public class ExternalIdTests
{
    private static readonly ExternalId Main7f = new("acs-main", "7f3a");
    private static readonly ExternalIdState Unlinked = new(Main7f, null);

    [Fact]
    public void An_unlinked_cardholder_is_linked_to_the_first_person_that_claims_it_and_again_by_that_person_changes_nothing()
    {
        var claimed = Unlinked.Decide(new ClaimExternalId(Main7f, Alice, T0)).OnlyEvent<ExternalIdClaimed, ExternalIdClaimed>();
        var linked = Unlinked.Apply(claimed);

        Assert.Equal(new ExternalIdClaimed(Main7f, Alice, T0), claimed);
        Assert.Equal(Alice, linked.Person);
        linked.Decide(new ClaimExternalId(Main7f, Alice, T0.AddDays(1))).AcceptedWithoutEvents();
    }

    [Fact]
    public void A_cardholder_linked_to_someone_cannot_be_claimed_by_anyone_else()
    {
        var linked = Unlinked.Apply(new ExternalIdClaimed(Main7f, Alice, T0));

        linked.Decide(new ClaimExternalId(Main7f, Bob, T0.AddDays(1))).Rejected(RejectionCode.Conflict);
    }

    [Fact]
    public void The_same_cardholder_under_another_source_is_another_external_id_and_the_source_cannot_hide_a_colon()
    {
        var annex = new ExternalId("acs-annex", "7f3a");

        Assert.NotEqual(Main7f, annex);
        Assert.NotEqual(Main7f.Value, annex.Value);
        Assert.Equal(annex, ExternalId.Parse(annex.Value));
        Assert.Equal(new ExternalId("acs", "main:7f3a"), ExternalId.Parse("acs:main:7f3a"));
        Assert.Throws<FormatException>(() => new ExternalId("acs:main", "7f3a"));
    }

    [Fact]
    public void A_person_records_a_linked_cardholder_once_and_keeps_it_through_a_revocation()
    {
        var linked = APerson.Default().Decide(new LinkExternalId(Alice, Main7f, T0)).OnlyEvent<ExternalIdLinked, PersonEvent>();
        var person = APerson.Default().Apply(linked);

        Assert.Equal([Main7f], person.ExternalIds);
        person.Decide(new LinkExternalId(Alice, Main7f, T0.AddMinutes(1))).AcceptedWithoutEvents();
        var revoked = person.Run(new RevokePerson(Alice, PersonStatus.Terminated, "left", T0.AddDays(1)));
        Assert.Equal([Main7f], revoked.ExternalIds);
        PersonState.Empty(Bob).Decide(new LinkExternalId(Bob, Main7f, T0)).Rejected(RejectionCode.NotFound);
    }
}
