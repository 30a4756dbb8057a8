using static FleetKeys.Domain.Tests.Support.PersonSteps;

namespace FleetKeys.Domain.Tests;

public class PersonRevocationTests
{
    private static readonly DateTimeOffset RevokedAt = T0.AddSeconds(40);

    /// <summary>Alice holds cab-1/1, waits on a grant for cab-1/2, and has sessions open at cab-1 and cab-2.</summary>
    private static PersonState Busy() =>
        APerson.Default()
            .Holding(Slot1, G1, S1, T0)
            .WithGrant(G2, S1, Slot2, T0.AddSeconds(20))
            .WithSession(S2, T0.AddSeconds(25), Cab2);

    [Fact]
    public void The_revocation_lists_what_was_cut_off_and_what_is_still_out()
    {
        var revoked = Busy()
            .Decide(new RevokePerson(Alice, PersonStatus.Terminated, "left the company", RevokedAt))
            .OnlyEvent<PersonRevoked, PersonEvent>();

        Assert.Equal(Alice, revoked.Person);
        Assert.Equal(PersonStatus.Terminated, revoked.Status);
        Assert.Equal("left the company", revoked.Reason);
        Assert.Equal(RevokedAt, revoked.At);
        Assert.Equal(
            [new PersonSession(S1, Cab1, T0 + SessionTtl), new PersonSession(S2, Cab2, T0.AddSeconds(25) + SessionTtl)],
            revoked.SessionsClosed.OrderBy(s => s.Cabinet.Value));
        Assert.Equal([G2], revoked.GrantsVoided);
        Assert.Equal([Slot1], revoked.KeysHeld);
    }

    [Fact]
    public void After_the_revocation_the_person_keeps_the_held_keys_but_no_session_or_grant()
    {
        var person = Busy().Revoked(PersonStatus.Terminated, RevokedAt);

        Assert.Equal(PersonStatus.Terminated, person.Status);
        Assert.Equal("test", person.RevocationReason);
        Assert.Empty(person.Sessions);
        Assert.Empty(person.Grants);
        Assert.Equal([Slot1], person.Held);
    }

    [Theory]
    [InlineData(PersonStatus.Suspended)]
    [InlineData(PersonStatus.Terminated)]
    public void After_the_revocation_every_session_and_grant_is_denied(PersonStatus status)
    {
        var person = Busy().Revoked(status, RevokedAt);
        var later = RevokedAt.AddSeconds(1);

        person.Decide(Open(S3, later)).Rejected(RejectionCode.NotActive);
        person.Decide(Grant(G3, S1, Slot3, later)).Rejected(RejectionCode.NotActive);
        person.Decide(Grant(G3, S2, Cab2Slot1, later)).Rejected(RejectionCode.NotActive);
    }

    [Fact]
    public void A_session_open_at_termination_can_no_longer_get_a_grant_even_inside_its_lifetime()
    {
        var person = APerson.Default().WithSession(S1, T0);
        person.Decide(Grant(G1, S1, Slot1, T0.AddSeconds(10))).Accepted();

        person = person.Revoked(PersonStatus.Terminated, T0.AddSeconds(5));
        person.Decide(Grant(G1, S1, Slot1, T0.AddSeconds(10))).Rejected(RejectionCode.NotActive);
    }

    [Fact]
    public void A_key_already_out_can_still_be_handed_back()
    {
        var person = Busy().Revoked(PersonStatus.Terminated, RevokedAt);
        var back = person.Decide(new ConfirmReturned(Alice, Slot1, RevokedAt.AddHours(1))).OnlyEvent<KeyHandedBack, PersonEvent>();
        Assert.Empty(person.Apply(back).Held);
    }

    [Fact]
    public void A_key_picked_up_on_a_release_made_before_the_revocation_is_still_recorded_as_held()
    {
        // The release reached the slot before the revocation; the key physically left afterwards.
        var person = Busy().Revoked(PersonStatus.Suspended, RevokedAt);
        var picked = person.Decide(new ConfirmTaken(Alice, G2, Slot2, RevokedAt.AddSeconds(1))).OnlyEvent<KeyPickedUp, PersonEvent>();
        Assert.Equal([Slot1, Slot2], person.Apply(picked).Held);
    }

    [Fact]
    public void Revoking_to_active_is_invalid()
    {
        Busy().Decide(new RevokePerson(Alice, PersonStatus.Active, "oops", RevokedAt)).Rejected(RejectionCode.Invalid);
    }

    [Theory]
    [InlineData(PersonStatus.Suspended)]
    [InlineData(PersonStatus.Terminated)]
    public void Revoking_twice_with_the_same_status_is_idempotent(PersonStatus status)
    {
        Busy().Revoked(status, RevokedAt)
            .Decide(new RevokePerson(Alice, status, "again", RevokedAt.AddMinutes(1)))
            .AcceptedWithoutEvents();
    }

    [Fact]
    public void A_suspended_person_can_then_be_terminated()
    {
        var person = Busy().Revoked(PersonStatus.Suspended, RevokedAt);
        var terminated = person.Decide(new RevokePerson(Alice, PersonStatus.Terminated, "left", RevokedAt.AddDays(1)))
            .OnlyEvent<PersonRevoked, PersonEvent>();

        Assert.Equal(PersonStatus.Terminated, terminated.Status);
        Assert.Empty(terminated.SessionsClosed);
        Assert.Empty(terminated.GrantsVoided);
        Assert.Equal([Slot1], terminated.KeysHeld);
        Assert.Equal(PersonStatus.Terminated, person.Apply(terminated).Status);
    }

    [Fact]
    public void Reinstating_reactivates_but_does_not_revive_old_sessions()
    {
        var person = Busy().Revoked(PersonStatus.Suspended, RevokedAt);
        var reinstated = person.Decide(new ReinstatePerson(Alice, RevokedAt.AddSeconds(10))).OnlyEvent<PersonReinstated, PersonEvent>();
        person = person.Apply(reinstated);

        Assert.Equal(PersonStatus.Active, person.Status);
        Assert.Null(person.RevocationReason);
        var later = RevokedAt.AddSeconds(20);
        person.Decide(Grant(G3, S1, Slot3, later)).Rejected(RejectionCode.SessionNotOpen);
        person.Decide(Open(S3, later)).Accepted();
    }

    [Fact]
    public void Reinstating_an_active_person_changes_nothing()
    {
        APerson.Default().Decide(new ReinstatePerson(Alice, T0)).AcceptedWithoutEvents();
    }
}
