namespace FleetKeys.Domain.Tests;

public class CredentialTests
{
    private static readonly CredentialState Unclaimed = new(Badge1, null);

    [Fact]
    public void An_unclaimed_badge_is_claimed()
    {
        var claimed = Unclaimed.Decide(new ClaimBadge(Badge1, Alice, T0)).OnlyEvent<BadgeClaimed, CredentialEvent>();
        Assert.Equal(new BadgeClaimed(Badge1, Alice, T0), claimed);
        Assert.Equal(Alice, Unclaimed.Apply(claimed).Owner);
    }

    [Fact]
    public void Claiming_again_by_the_same_person_changes_nothing()
    {
        var owned = Unclaimed.Apply(new BadgeClaimed(Badge1, Alice, T0));
        owned.Decide(new ClaimBadge(Badge1, Alice, T0.AddDays(1))).AcceptedWithoutEvents();
    }

    [Fact]
    public void A_badge_owned_by_someone_else_cannot_be_claimed()
    {
        var owned = Unclaimed.Apply(new BadgeClaimed(Badge1, Alice, T0));
        owned.Decide(new ClaimBadge(Badge1, Bob, T0.AddDays(1))).Rejected(RejectionCode.BadgeAlreadyAssigned);
        Assert.Equal(Alice, owned.Owner);
    }

    [Fact]
    public void Only_the_owner_releases_a_badge_and_a_released_badge_can_be_claimed_by_someone_else()
    {
        var owned = Unclaimed.Apply(new BadgeClaimed(Badge1, Alice, T0));

        owned.Decide(new ReleaseBadge(Badge1, Bob, T0)).AcceptedWithoutEvents();
        var released = owned.Decide(new ReleaseBadge(Badge1, Alice, T0)).OnlyEvent<BadgeReleased, CredentialEvent>();
        var free = owned.Apply(released);

        Assert.Null(free.Owner);
        free.Decide(new ClaimBadge(Badge1, Bob, T0)).OnlyEvent<BadgeClaimed, CredentialEvent>();
        free.Decide(new ReleaseBadge(Badge1, Alice, T0)).AcceptedWithoutEvents();
    }
}
