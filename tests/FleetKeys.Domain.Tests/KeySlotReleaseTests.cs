namespace FleetKeys.Domain.Tests;

public class KeySlotReleaseTests
{
    private static readonly DateTimeOffset Until = T0 + ReleaseWindow;

    [Fact]
    public void Checking_releasability_in_each_status()
    {
        Assert.Equal(RejectionCode.KeyNotPresent, ASlot.Unassigned().CheckReleasable(T0)?.Code);
        Assert.Null(ASlot.InSlot().CheckReleasable(T0));
        Assert.Equal(RejectionCode.KeyNotAvailable, ASlot.Released().CheckReleasable(T0.AddSeconds(1))?.Code);
        Assert.Equal(RejectionCode.KeyNotAvailable, ASlot.Released().CheckReleasable(Until)?.Code);
        Assert.Null(ASlot.Released().CheckReleasable(Until.AddTicks(1)));
        Assert.Equal(RejectionCode.KeyNotAvailable, ASlot.Out().CheckReleasable(T0.AddMinutes(1))?.Code);
        Assert.Equal(RejectionCode.KeyNotAvailable, ASlot.Missing().CheckReleasable(T0.AddMinutes(11))?.Code);
    }

    [Fact]
    public void A_release_unlocks_the_slot_for_one_person()
    {
        var released = ASlot.InSlot().Decide(ASlot.Release(G1, Alice, T0)).OnlyEvent<KeyReleased, KeySlotEvent>();
        Assert.Equal(new KeyReleased(Slot1, G1, Alice, S1, T0, Until), released);

        var slot = ASlot.InSlot().Apply(released);
        Assert.Equal(CustodyStatus.Released, slot.Status);
        Assert.Equal(Alice, slot.Holder);
        Assert.Equal(G1, slot.Grant);
        Assert.Equal(S1, slot.Session);
        Assert.Equal(T0, slot.Since);
        Assert.Equal(Until, slot.ReleasedUntil);
    }

    [Fact]
    public void Nothing_is_released_from_an_unassigned_slot()
    {
        ASlot.Unassigned().Decide(ASlot.Release(G1, Alice, T0)).Rejected(RejectionCode.KeyNotPresent);
    }

    [Fact]
    public void A_second_release_while_the_first_window_is_open_is_refused()
    {
        var slot = ASlot.Released();
        slot.Decide(ASlot.Release(G2, Bob, T0.AddSeconds(5))).Rejected(RejectionCode.KeyNotAvailable);
        slot.Decide(ASlot.Release(G2, Bob, Until)).Rejected(RejectionCode.KeyNotAvailable);
    }

    [Fact]
    public void A_release_after_the_first_window_lapsed_closes_it_out_first()
    {
        var at = Until.AddSeconds(1);
        var events = ASlot.Released().Decide(ASlot.Release(G2, Bob, at, S2)).Accepted();

        Assert.Equal(
            [new ReleaseExpired(Slot1, G1, Alice, at), new KeyReleased(Slot1, G2, Bob, S2, at, at + ReleaseWindow)],
            events.Cast<KeySlotEvent>());

        var slot = events.Aggregate(ASlot.Released(), (s, e) => s.Apply(e));
        Assert.Equal(CustodyStatus.Released, slot.Status);
        Assert.Equal(Bob, slot.Holder);
        Assert.Equal(G2, slot.Grant);
    }

    [Fact]
    public void A_key_that_is_out_or_missing_is_not_released()
    {
        ASlot.Out().Decide(ASlot.Release(G2, Bob, T0.AddMinutes(1))).Rejected(RejectionCode.KeyNotAvailable);
        ASlot.Missing().Decide(ASlot.Release(G2, Bob, T0.AddMinutes(11))).Rejected(RejectionCode.KeyNotAvailable);
    }

    [Fact]
    public void Expiring_before_the_window_ends_does_nothing()
    {
        ASlot.Released().Decide(new ExpireRelease(Slot1, G1, Until.AddTicks(-1))).AcceptedWithoutEvents();
    }

    [Fact]
    public void Expiring_at_the_window_end_closes_the_release()
    {
        var expired = ASlot.Released().Decide(new ExpireRelease(Slot1, G1, Until)).OnlyEvent<ReleaseExpired, KeySlotEvent>();
        Assert.Equal(new ReleaseExpired(Slot1, G1, Alice, Until), expired);
    }

    [Fact]
    public void Expiring_after_the_window_puts_the_slot_back_to_rest()
    {
        var slot = ASlot.Released();
        var expired = slot.Decide(new ExpireRelease(Slot1, G1, Until.AddMinutes(3))).OnlyEvent<ReleaseExpired, KeySlotEvent>();
        slot = slot.Apply(expired);

        Assert.Equal(CustodyStatus.InSlot, slot.Status);
        Assert.Null(slot.Holder);
        Assert.Null(slot.Grant);
        Assert.Null(slot.ReleasedUntil);
        Assert.Null(slot.CheckReleasable(Until.AddMinutes(3)));
        slot.Decide(new ExpireRelease(Slot1, G1, Until.AddMinutes(4))).AcceptedWithoutEvents();
    }

    [Fact]
    public void Expiring_a_stale_grant_does_nothing()
    {
        // G1 lapsed and Bob got G2; a late timer for G1 must not close Bob's release, even after Bob's window ended
        // (G2's own timer does that, naming G2).
        var g2At = Until.AddSeconds(1);
        var slot = ASlot.Released().Run(ASlot.Release(G2, Bob, g2At));
        slot.Decide(new ExpireRelease(Slot1, G1, g2At.AddSeconds(1))).AcceptedWithoutEvents();
        slot.Decide(new ExpireRelease(Slot1, G1, g2At + ReleaseWindow)).AcceptedWithoutEvents();
        slot.Decide(new ExpireRelease(Slot1, G2, g2At + ReleaseWindow)).OnlyEvent<ReleaseExpired, KeySlotEvent>();
    }

    [Fact]
    public void Expiring_a_release_after_the_key_was_taken_does_nothing()
    {
        ASlot.Out().Decide(new ExpireRelease(Slot1, G1, Until.AddMinutes(1))).AcceptedWithoutEvents();
        ASlot.InSlot().Decide(new ExpireRelease(Slot1, G1, Until.AddMinutes(1))).AcceptedWithoutEvents();
    }

    [Fact]
    public void An_expired_release_keeps_the_previous_last_holder()
    {
        // Alice held it before; Bob's release lapses without a take.
        var slot = ASlot.Out().Run(new RecordTagReturned(Slot1, Tag1, Alice, T0.AddMinutes(5)))
            .Run(ASlot.Release(G2, Bob, T0.AddMinutes(6)))
            .Run(new ExpireRelease(Slot1, G2, T0.AddMinutes(7)));
        Assert.Equal(Alice, slot.LastHolder);
    }
}
