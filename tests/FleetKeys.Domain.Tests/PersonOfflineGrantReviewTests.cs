namespace FleetKeys.Domain.Tests;

/// <summary>A controller's offline grant is reviewed by the person: one made while they were revoked is recorded as such.</summary>
public class PersonOfflineGrantReviewTests
{
    private static ReviewOfflineGrant Review(DateTimeOffset grantedAt) => new(Alice, Cab1, 2, grantedAt, T0.AddHours(1));

    [Fact]
    public void A_grant_after_the_revocation_is_recorded()
    {
        var revoked = APerson.Default().Revoked(PersonStatus.Terminated, T0);

        var recorded = revoked.Decide(Review(T0.AddMinutes(5))).OnlyEvent<OfflineGrantAfterRevocation, PersonEvent>();

        Assert.Equal(new OfflineGrantAfterRevocation(Alice, Cab1, 2, T0.AddMinutes(5), T0, T0.AddHours(1)), recorded);
    }

    [Fact]
    public void A_grant_before_the_revocation_is_fine()
    {
        APerson.Default().Revoked(PersonStatus.Suspended, T0).Decide(Review(T0.AddMinutes(-1))).AcceptedWithoutEvents();
    }

    [Fact]
    public void A_grant_after_reinstatement_is_fine_but_one_between_revocation_and_reinstatement_is_not()
    {
        var reinstated = APerson.Default().Revoked(PersonStatus.Suspended, T0).Run(new ReinstatePerson(Alice, T0.AddMinutes(10)));

        reinstated.Decide(Review(T0.AddMinutes(11))).AcceptedWithoutEvents();
        reinstated.Decide(Review(T0.AddMinutes(5))).OnlyEvent<OfflineGrantAfterRevocation, PersonEvent>();
    }

    [Fact]
    public void A_person_never_revoked_has_nothing_to_review()
    {
        APerson.Default().Decide(Review(T0)).AcceptedWithoutEvents();
    }
}
