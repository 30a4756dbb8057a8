using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.Tests;

public class PersonRevocationProgressTests
{
    private static readonly ControllerId Ctl2 = new("ctl-2");

    private static PersonState Revoked() => APerson.Default().Run(new RevokePerson(Alice, PersonStatus.Suspended, "audit", T0));

    [Fact]
    public void A_revocation_starts_a_new_revision_with_nobody_confirmed()
    {
        var first = Revoked();
        var second = first.Run(new RevokePerson(Alice, PersonStatus.Terminated, "left", T0.AddHours(1)));

        Assert.Equal((1, T0), (first.Revocation!.Revision, first.Revocation.At));
        Assert.Equal(2, second.Revocation!.Revision);
        Assert.Empty(second.Revocation.PurgedBy);
    }

    [Fact]
    public void Each_controller_confirms_once_and_only_for_the_current_revision()
    {
        var confirmed = Revoked().Run(new ConfirmPurge(Alice, 1, Ctl1, T0.AddSeconds(1)));

        Assert.Equal(T0.AddSeconds(1), confirmed.Revocation!.PurgedBy[Ctl1]);
        confirmed.Decide(new ConfirmPurge(Alice, 1, Ctl1, T0.AddSeconds(2))).AcceptedWithoutEvents();
        confirmed.Decide(new ConfirmPurge(Alice, 0, Ctl2, T0.AddSeconds(2))).AcceptedWithoutEvents();
        confirmed.Decide(new ConfirmPurge(Alice, 1, Ctl2, T0.AddSeconds(2))).OnlyEvent<PurgeConfirmed, PersonEvent>();
    }

    [Fact]
    public void A_revocation_lists_the_releases_still_open_and_their_relocks_start_pending()
    {
        var person = APerson.Default()
            .WithSession(S1, T0.AddMinutes(-5)).WithGrant(G1, S1, Slot1, T0.AddMinutes(-5))
            .WithSession(S2, T0.AddSeconds(-10)).WithGrant(G2, S2, Slot2, T0.AddSeconds(-10));

        var revoked = person.Decide(new RevokePerson(Alice, PersonStatus.Terminated, "left", T0)).OnlyEvent<PersonRevoked, PersonEvent>();
        var relocks = person.Apply(revoked).Revocation!.Relocks;

        Assert.Equal([new PendingGrant(G2, S2, Slot2, T0.AddSeconds(20))], revoked.Releases!);
        Assert.Equal(new SlotRelock(G2, RelockState.Pending, null), Assert.Single(relocks, r => r.Key == Slot2).Value);
        Assert.DoesNotContain(Slot1, relocks.Keys);
    }

    [Fact]
    public void A_relock_moves_on_from_pending_once_and_only_for_the_current_revision()
    {
        var person = APerson.Default().WithSession(S1, T0).WithGrant(G2, S1, Slot2, T0).Run(new RevokePerson(Alice, PersonStatus.Terminated, "left", T0));

        person.Decide(new ReportRelock(Alice, 2, Slot2, RelockState.Relocked, T0)).AcceptedWithoutEvents();
        person.Decide(new ReportRelock(Alice, 1, Slot3, RelockState.Relocked, T0)).AcceptedWithoutEvents();
        person.Decide(new ReportRelock(Alice, 1, Slot2, RelockState.Pending, T0)).AcceptedWithoutEvents();
        var relocked = person.Run(new ReportRelock(Alice, 1, Slot2, RelockState.Relocked, T0.AddSeconds(1)));

        Assert.Equal(new SlotRelock(G2, RelockState.Relocked, T0.AddSeconds(1)), relocked.Revocation!.Relocks[Slot2]);
        Assert.Empty(relocked.Revocation.PendingRelocks);
        relocked.Decide(new ReportRelock(Alice, 1, Slot2, RelockState.NotReleased, T0.AddSeconds(2))).AcceptedWithoutEvents();
    }

    [Fact]
    public void A_key_taken_under_the_voided_grant_is_recorded_even_after_the_lock_was_confirmed()
    {
        var relocked = APerson.Default().WithSession(S1, T0).WithGrant(G2, S1, Slot2, T0)
            .Run(new RevokePerson(Alice, PersonStatus.Terminated, "left", T0))
            .Run(new ReportRelock(Alice, 1, Slot2, RelockState.Relocked, T0.AddSeconds(1)));

        var taken = relocked.Run(new ReportRelock(Alice, 1, Slot2, RelockState.KeyTaken, T0.AddSeconds(2)));

        Assert.Equal(RelockState.KeyTaken, taken.Revocation!.Relocks[Slot2].State);
        taken.Decide(new ReportRelock(Alice, 1, Slot2, RelockState.Relocked, T0.AddSeconds(3))).AcceptedWithoutEvents();
    }

    [Fact]
    public void A_confirmation_without_a_revocation_changes_nothing()
    {
        APerson.Default().Decide(new ConfirmPurge(Alice, 1, Ctl1, T0)).AcceptedWithoutEvents();
    }

    [Fact]
    public void A_badge_in_another_case_is_the_badge_already_held_and_one_recorded_twice_in_two_cases_is_held_once()
    {
        var person = APerson.Default().Run(new AddBadge(Alice, new BadgeNumber("ab12cd"), T0));
        person.Decide(new AddBadge(Alice, new BadgeNumber("AB12CD"), T0)).AcceptedWithoutEvents();

        var recordedTwice = person.Apply(new BadgeAdded(Alice, new BadgeNumber("AB12CD"), T0));
        Assert.Equal([new BadgeNumber("AB12CD")], recordedTwice.Badges);
        Assert.Empty(recordedTwice.Run(new RemoveBadge(Alice, new BadgeNumber("ab12cd"), T0)).Badges);
    }

    [Fact]
    public void A_badge_the_person_does_not_hold_cannot_be_removed_from_them()
    {
        APerson.Default().Decide(new RemoveBadge(Alice, Badge1, T0)).Rejected(RejectionCode.BadgeNotHeld);
    }

    [Fact]
    public void A_badge_is_removed_once_and_the_profile_no_longer_carries_it()
    {
        var person = APerson.Default().Run(new AddBadge(Alice, Badge1, T0));
        var removed = person.Run(new RemoveBadge(Alice, Badge1, T0));

        Assert.DoesNotContain(Badge1, removed.Profile(9).Badges);
        removed.Decide(new RemoveBadge(Alice, Badge1, T0)).Rejected(RejectionCode.BadgeNotHeld);
    }
}
