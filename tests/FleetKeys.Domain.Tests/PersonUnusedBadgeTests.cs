namespace FleetKeys.Domain.Tests;

/// <summary>A person none of whose badges has been used within the fleet's limit is suspended when the sweep asks.</summary>
public class PersonUnusedBadgeTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromDays(60);
    private static readonly BadgeNumber Badge = new("0451");

    /// <summary>Registered 30 days before T0, given a badge at T0.</summary>
    private static PersonState WithBadge() => APerson.Default().Run(new AddBadge(Alice, Badge, T0));

    private static SuspendIfBadgesUnused Sweep(DateTimeOffset at, DateTimeOffset? lastUsedAtCabinet = null) => new(Alice, Limit, lastUsedAtCabinet, at);

    [Fact]
    public void A_person_whose_badge_has_not_been_used_within_the_limit_is_suspended_saying_since_when()
    {
        WithBadge().Decide(Sweep(T0 + Limit - TimeSpan.FromMinutes(1))).AcceptedWithoutEvents();

        var suspended = WithBadge().Decide(Sweep(T0 + Limit)).OnlyEvent<PersonRevoked, PersonEvent>();

        Assert.Equal(PersonStatus.Suspended, suspended.Status);
        Assert.Contains($"{T0:u}", suspended.Reason);
    }

    [Fact]
    public void A_session_opened_with_a_badge_or_a_use_the_cabinets_recorded_offline_starts_the_count_again()
    {
        var used = WithBadge().Run(PersonSteps.Open(SessionId.New(), at: T0.AddDays(30)));

        used.Decide(Sweep(T0 + Limit)).AcceptedWithoutEvents();
        WithBadge().Decide(Sweep(T0 + Limit, lastUsedAtCabinet: T0.AddDays(30))).AcceptedWithoutEvents();
        used.Decide(Sweep(T0.AddDays(30) + Limit)).OnlyEvent<PersonRevoked, PersonEvent>();
    }

    [Fact]
    public void A_reinstated_person_has_the_full_limit_again_and_a_person_without_badges_or_not_active_is_left_alone()
    {
        var reinstated = WithBadge().Run(new RevokePerson(Alice, PersonStatus.Suspended, "dormant", T0 + Limit))
            .Run(new ReinstatePerson(Alice, T0 + Limit * 2));

        reinstated.Decide(Sweep(T0 + Limit * 3 - TimeSpan.FromMinutes(1))).AcceptedWithoutEvents();
        APerson.Default().Decide(Sweep(T0 + Limit * 5)).AcceptedWithoutEvents();
        WithBadge().Run(new RevokePerson(Alice, PersonStatus.Terminated, "left", T0)).Decide(Sweep(T0 + Limit * 5)).AcceptedWithoutEvents();
    }
}
