namespace FleetKeys.Domain.Tests;

/// <summary>The two-person rule: a second, entitled person must badge at the cabinet within the key's window.</summary>
public class DualAuthorisationTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(60);
    private static readonly CustodyPolicy TwoPerson = new(null, null, DualAuthorisationWindow: Window);

    private static AuthoriseRelease Vouch(PersonId authoriser, DateTimeOffset? at = null, IReadOnlyList<DateOnly>? holidays = null) =>
        new(authoriser, Alice, Slot1, Vans, SiteA, UtcZone, holidays, at ?? T0);

    [Fact]
    public void Without_a_second_person_the_key_is_refused()
    {
        var refused = ASlot.InSlot(TwoPerson).CheckAuthorisation(Alice, null, T0);
        Assert.Equal(RejectionCode.AuthorisationRequired, refused!.Code);
        Assert.Contains("60 s", refused.Message);
    }

    [Fact]
    public void The_taker_cannot_be_their_own_second_person()
    {
        Assert.Equal(RejectionCode.AuthorisationRequired,
            ASlot.InSlot(TwoPerson).CheckAuthorisation(Alice, new DualAuthorisation(Alice, T0), T0.AddSeconds(5))!.Code);
    }

    [Fact]
    public void The_second_badge_must_come_within_the_window()
    {
        var slot = ASlot.InSlot(TwoPerson);
        Assert.Null(slot.CheckAuthorisation(Alice, new DualAuthorisation(Bob, T0), T0 + Window));
        var late = slot.CheckAuthorisation(Alice, new DualAuthorisation(Bob, T0), T0 + Window + TimeSpan.FromSeconds(1));
        Assert.Equal(RejectionCode.AuthorisationRequired, late!.Code);
        Assert.Contains("too late", late.Message);
    }

    [Fact]
    public void Keys_without_the_rule_need_nobody_else()
    {
        Assert.Null(ASlot.InSlot().CheckAuthorisation(Alice, null, T0));
    }

    [Fact]
    public void Both_people_are_recorded_in_the_release_and_the_take()
    {
        var released = ASlot.InSlot(TwoPerson).Decide(ASlot.Release(G1, Alice, T0) with { Authoriser = Bob }).OnlyEvent<KeyReleased, KeySlotEvent>();
        Assert.Equal((Alice, Bob), (released.Person, released.Authoriser));

        var slot = ASlot.InSlot(TwoPerson).Apply(released);
        var taken = slot.Decide(new RecordTagRemoved(Slot1, Tag1, T0.AddSeconds(5))).OnlyEvent<KeyTaken, KeySlotEvent>();
        Assert.Equal((Alice, Bob), (taken.Person, taken.Authoriser));

        var back = slot.Apply(taken).Run(new RecordTagReturned(Slot1, Tag1, Alice, T0.AddMinutes(5)));
        Assert.Null(back.Authoriser);
    }

    [Fact]
    public void A_take_reported_after_the_release_lapsed_keeps_the_second_person()
    {
        var lapsed = ASlot.InSlot(TwoPerson).Run(ASlot.Release(G1, Alice, T0) with { Authoriser = Bob })
            .Run(new ExpireRelease(Slot1, G1, T0 + ReleaseWindow));
        var taken = lapsed.Decide(new RecordTagRemoved(Slot1, Tag1, T0.AddSeconds(5))).OnlyEvent<KeyTaken, KeySlotEvent>();
        Assert.Equal((Alice, Bob), (taken.Person, taken.Authoriser));
    }

    [Fact]
    public void The_window_must_be_positive_and_bounded()
    {
        foreach (var window in new[] { TimeSpan.Zero, CustodyPolicy.MaxDualAuthorisationWindow + TimeSpan.FromSeconds(1) })
            ASlot.Unassigned().Decide(new AssignKey(Slot1, ASlot.Key(new CustodyPolicy(null, null, DualAuthorisationWindow: window)), Berlin, T0))
                .Rejected(RejectionCode.Invalid);
    }

    [Fact]
    public void An_entitled_second_person_vouches_and_it_is_recorded_in_their_journal()
    {
        var bob = new APerson { Id = Bob }.Build();
        var vouched = bob.Decide(Vouch(Bob)).OnlyEvent<ReleaseAuthorised, PersonEvent>();
        Assert.Equal(new ReleaseAuthorised(Bob, Alice, Slot1, T0), vouched);
    }

    [Fact]
    public void A_second_person_not_entitled_to_the_key_or_not_in_good_standing_cannot_vouch()
    {
        new APerson { Id = Bob, Entitlements = [APerson.ForGroup(Vault)] }.Build().Decide(Vouch(Bob)).Rejected(RejectionCode.NotEntitled);
        new APerson { Id = Bob }.Build().Revoked(PersonStatus.Suspended).Decide(Vouch(Bob)).Rejected(RejectionCode.NotActive);
        var officeHours = new Schedule([new WeeklyWindow([DayOfWeek.Monday], new(7, 0), new(19, 0))]);
        new APerson { Id = Bob, Entitlements = [APerson.ForGroup(Vans, officeHours)] }.Build()
            .Decide(Vouch(Bob, holidays: [new DateOnly(2026, 6, 1)])).Rejected(RejectionCode.OutsideSchedule);
    }

    [Fact]
    public void Nobody_vouches_for_themselves()
    {
        APerson.Default().Decide(Vouch(Alice)).Rejected(RejectionCode.AuthorisationRequired);
    }

    [Fact]
    public void The_second_badge_completes_a_waiting_choice_only_while_the_taker_is_still_there()
    {
        var cabinet = ACabinet.Registered().Run(new RecordSessionOpened(Cab1, S1, Alice, Badge1, T0 + SessionTtl, T0));
        var waiting = new AwaitingSecondPerson(Alice, S1, 1, T0.AddSeconds(5));
        Assert.True(waiting.IsCompletedBy(Bob, cabinet, T0.AddSeconds(10)));
        Assert.False(waiting.IsCompletedBy(Alice, cabinet, T0.AddSeconds(10)));
        Assert.False(waiting.IsCompletedBy(Bob, cabinet, T0 + SessionTtl));
    }
}
