namespace FleetKeys.Domain.Tests;

/// <summary>A revocation voids the grant of a release: the slot locks again, and a take under the voided grant is an alarm.</summary>
public class KeySlotVoidTests
{
    private static readonly DateTimeOffset Until = T0 + ReleaseWindow;
    private static readonly DateTimeOffset RevokedAt = T0.AddSeconds(5);

    private static VoidRelease Void(GrantId grant, DateTimeOffset? at = null) => new(Slot1, grant, Alice, 1, at ?? RevokedAt);

    private static KeySlotState Voided() => ASlot.Released().Run(Void(G1));

    [Fact]
    public void A_release_voided_by_the_persons_revocation_locks_the_slot_again()
    {
        var slot = ASlot.Released();

        var voided = slot.Decide(Void(G1)).OnlyEvent<ReleaseVoided, KeySlotEvent>();
        slot = slot.Apply(voided);

        Assert.Equal(new ReleaseVoided(Slot1, G1, Alice, 1, Until, RevokedAt), voided);
        Assert.Equal((CustodyStatus.InSlot, null, null, null), (slot.Status, slot.Holder, slot.Grant, slot.ReleasedUntil));
        Assert.Equal(RelockState.Pending, slot.RelockOf(G1));
    }

    [Fact]
    public void Voiding_again_records_nothing_and_the_relock_is_still_pending()
    {
        var slot = Voided();

        slot.Decide(Void(G1, RevokedAt.AddSeconds(3))).AcceptedWithoutEvents();
        Assert.Equal(RelockState.Pending, slot.RelockOf(G1));
    }

    [Fact]
    public void The_key_leaving_within_the_voided_window_is_the_persons_take_and_raises_the_alarm()
    {
        var takenAt = RevokedAt.AddSeconds(1);

        var events = Voided().Decide(new RecordTagRemoved(Slot1, Tag1, takenAt)).Accepted();
        var slot = events.Aggregate(Voided(), (s, e) => s.Apply(e));

        Assert.Equal([new KeyTaken(Slot1, G1, Alice, takenAt, null), new KeyTakenUnderVoidedGrant(Slot1, G1, Alice, 1, takenAt, takenAt)],
            events);
        Assert.Equal((CustodyStatus.Out, Alice), (slot.Status, slot.Holder));
        Assert.Equal(RelockState.KeyTaken, slot.RelockOf(G1));
        slot.Decide(Void(G1)).AcceptedWithoutEvents();
    }

    [Fact]
    public void The_key_leaving_after_the_voided_window_is_a_forced_removal()
    {
        Voided().Decide(new RecordTagRemoved(Slot1, Tag1, Until.AddTicks(1))).OnlyEvent<KeyForciblyRemoved, KeySlotEvent>();
    }

    [Fact]
    public void A_key_taken_before_the_void_arrived_raises_the_alarm_once()
    {
        var slot = ASlot.Out();

        var alarm = slot.Decide(Void(G1)).OnlyEvent<KeyTakenUnderVoidedGrant, KeySlotEvent>();
        slot = slot.Apply(alarm);

        Assert.Equal(new KeyTakenUnderVoidedGrant(Slot1, G1, Alice, 1, ASlot.TakenAt, RevokedAt), alarm);
        Assert.Equal((CustodyStatus.Out, Alice), (slot.Status, slot.Holder));
        Assert.Equal(RelockState.KeyTaken, slot.RelockOf(G1));
        slot.Decide(Void(G1)).AcceptedWithoutEvents();
    }

    [Fact]
    public void A_void_of_another_grant_or_of_a_release_that_ended_changes_nothing()
    {
        ASlot.Released().Decide(Void(G2)).AcceptedWithoutEvents();
        Assert.Equal(RelockState.NotReleased, ASlot.Released().RelockOf(G2));
        var lapsed = ASlot.Released().Run(new ExpireRelease(Slot1, G1, Until));
        lapsed.Decide(Void(G1)).AcceptedWithoutEvents();
        Assert.Equal(RelockState.NotReleased, lapsed.RelockOf(G1));
    }

    [Fact]
    public void The_next_release_of_the_slot_ends_the_voided_window()
    {
        var slot = Voided().Run(new ReleaseKey(Slot1, G2, Bob, S2, RevokedAt.AddSeconds(1), RevokedAt.AddSeconds(31)));

        var taken = slot.Decide(new RecordTagRemoved(Slot1, Tag1, RevokedAt.AddSeconds(2))).OnlyEvent<KeyTaken, KeySlotEvent>();

        Assert.Equal((G2, Bob), (taken.Grant, taken.Person));
        Assert.Equal(RelockState.NotReleased, slot.RelockOf(G1));
    }
}
