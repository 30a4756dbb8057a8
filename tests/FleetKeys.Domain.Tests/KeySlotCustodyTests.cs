namespace FleetKeys.Domain.Tests;

/// <summary>The tag leaving and coming back: takes, forced removals and returns.</summary>
public class KeySlotCustodyTests
{
    private static readonly DateTimeOffset Until = T0 + ReleaseWindow;
    private static readonly CustodyPolicy FourHours = new(TimeSpan.FromHours(4), null);

    [Fact]
    public void A_removal_within_the_release_window_is_a_take_with_the_policy_due_time()
    {
        var taken = ASlot.Released(FourHours)
            .Decide(new RecordTagRemoved(Slot1, Tag1, T0.AddSeconds(10)))
            .OnlyEvent<KeyTaken, KeySlotEvent>();

        Assert.Equal(new KeyTaken(Slot1, G1, Alice, T0.AddSeconds(10), T0.AddSeconds(10).AddHours(4)), taken);
    }

    [Fact]
    public void The_due_time_of_a_take_is_read_in_the_slot_zone()
    {
        // Return by 17:00 Berlin (15:00Z in June), not 17:00Z.
        var taken = ASlot.Released(new CustodyPolicy(null, new TimeOnly(17, 0)))
            .Decide(new RecordTagRemoved(Slot1, Tag1, T0.AddSeconds(10)))
            .OnlyEvent<KeyTaken, KeySlotEvent>();
        Assert.Equal(Utc(2026, 6, 1, 15), taken.DueAt);
    }

    [Fact]
    public void An_unlimited_key_has_no_due_time()
    {
        var taken = ASlot.Released().Decide(new RecordTagRemoved(Slot1, Tag1, T0.AddSeconds(10))).OnlyEvent<KeyTaken, KeySlotEvent>();
        Assert.Null(taken.DueAt);
    }

    [Fact]
    public void A_take_puts_the_key_out_with_its_holder()
    {
        var slot = ASlot.Out(FourHours);
        Assert.Equal(CustodyStatus.Out, slot.Status);
        Assert.Equal(Alice, slot.Holder);
        Assert.Equal(Alice, slot.LastHolder);
        Assert.Equal(G1, slot.Grant);
        Assert.Equal(ASlot.TakenAt, slot.Since);
        Assert.Null(slot.ReleasedUntil);
        Assert.Equal(ASlot.TakenAt.AddHours(4), slot.DueAt);
    }

    [Fact]
    public void A_removal_at_the_last_instant_of_the_window_is_still_a_take()
    {
        ASlot.Released().Decide(new RecordTagRemoved(Slot1, Tag1, Until)).OnlyEvent<KeyTaken, KeySlotEvent>();
    }

    [Fact]
    public void A_removal_after_the_window_is_forced()
    {
        var forced = ASlot.Released()
            .Decide(new RecordTagRemoved(Slot1, Tag1, Until.AddTicks(1)))
            .OnlyEvent<KeyForciblyRemoved, KeySlotEvent>();
        Assert.Equal(new KeyForciblyRemoved(Slot1, Tag1, Until.AddTicks(1)), forced);
    }

    /// <summary>Released to Alice at T0 and closed by the cluster's timer a little after the window (the cabinet slow to report).</summary>
    private static KeySlotState Lapsed(CustodyPolicy? policy = null) =>
        ASlot.Released(policy).Run(new ExpireRelease(Slot1, G1, Until.AddSeconds(3)));

    [Fact]
    public void A_take_timed_inside_the_window_and_reported_after_it_lapsed_is_the_persons()
    {
        var takenAt = Until.AddSeconds(-2);
        var slot = Lapsed(FourHours);

        var taken = slot.Decide(new RecordTagRemoved(Slot1, Tag1, takenAt)).OnlyEvent<KeyTaken, KeySlotEvent>();
        slot = slot.Apply(taken);

        Assert.Equal(new KeyTaken(Slot1, G1, Alice, takenAt, takenAt.AddHours(4)), taken);
        Assert.Equal((CustodyStatus.Out, Alice, G1, Alice), (slot.Status, slot.Holder, slot.Grant, slot.LastHolder));
        slot.Decide(new RecordTagRemoved(Slot1, Tag1, takenAt)).AcceptedWithoutEvents();
    }

    [Fact]
    public void A_take_timed_after_the_lapsed_window_is_forced()
    {
        Lapsed().Decide(new RecordTagRemoved(Slot1, Tag1, Until)).OnlyEvent<KeyTaken, KeySlotEvent>();
        Lapsed().Decide(new RecordTagRemoved(Slot1, Tag1, Until.AddTicks(1))).OnlyEvent<KeyForciblyRemoved, KeySlotEvent>();
    }

    [Fact]
    public void A_lapsed_window_ends_with_the_slots_next_custody_change()
    {
        var takenAt = Until.AddSeconds(-2);
        var returned = Lapsed().Run(new RecordTagRemoved(Slot1, Tag1, takenAt)).Run(new RecordTagReturned(Slot1, Tag1, Alice, Until.AddMinutes(1)));
        returned.Decide(new RecordTagRemoved(Slot1, Tag1, takenAt)).OnlyEvent<KeyForciblyRemoved, KeySlotEvent>();

        var rehomed = Lapsed().Run(new AssignKey(Slot1, ASlot.Key() with { Id = new KeyId("van-13") }, Berlin, Until.AddSeconds(5)));
        rehomed.Decide(new RecordTagRemoved(Slot1, Tag1, takenAt)).OnlyEvent<KeyForciblyRemoved, KeySlotEvent>();

        var bob = Lapsed().Run(ASlot.Release(G2, Bob, Until.AddSeconds(10)));
        var taken = bob.Decide(new RecordTagRemoved(Slot1, Tag1, Until.AddSeconds(12))).OnlyEvent<KeyTaken, KeySlotEvent>();
        Assert.Equal((G2, Bob), (taken.Grant, taken.Person));
        Assert.Equal((G2, Bob), bob.Run(new ExpireRelease(Slot1, G2, Until.AddMinutes(1))).Lapsed is { } lapsed ? (lapsed.Grant, lapsed.Person) : default);
    }

    [Fact]
    public void A_removal_without_a_release_is_forced_and_the_key_goes_missing()
    {
        var slot = ASlot.InSlot();
        var forced = slot.Decide(new RecordTagRemoved(Slot1, Tag1, T0)).OnlyEvent<KeyForciblyRemoved, KeySlotEvent>();
        slot = slot.Apply(forced);

        Assert.Equal(CustodyStatus.Missing, slot.Status);
        Assert.Null(slot.Holder);
        Assert.Null(slot.Grant);
        Assert.Null(slot.DueAt);
        Assert.Equal(T0, slot.Since);
        Assert.False(slot.IsOverdue(T0.AddDays(30)));
    }

    [Fact]
    public void A_foreign_tag_leaving_does_nothing()
    {
        ASlot.Released().Decide(new RecordTagRemoved(Slot1, ForeignTag, T0.AddSeconds(5))).AcceptedWithoutEvents();
        ASlot.InSlot().Decide(new RecordTagRemoved(Slot1, ForeignTag, T0)).AcceptedWithoutEvents();
        ASlot.Unassigned().Decide(new RecordTagRemoved(Slot1, Tag1, T0)).AcceptedWithoutEvents();
    }

    [Fact]
    public void A_repeated_removal_does_nothing()
    {
        ASlot.Out().Decide(new RecordTagRemoved(Slot1, Tag1, ASlot.TakenAt)).AcceptedWithoutEvents();
        ASlot.Missing().Decide(new RecordTagRemoved(Slot1, Tag1, T0.AddMinutes(10))).AcceptedWithoutEvents();
    }

    [Fact]
    public void A_return_by_the_holder()
    {
        var at = ASlot.TakenAt.AddHours(1);
        var returned = ASlot.Out(FourHours).Decide(new RecordTagReturned(Slot1, Tag1, Alice, at)).OnlyEvent<KeyReturned, KeySlotEvent>();

        Assert.Equal(new KeyReturned(Slot1, Alice, Alice, at, false), returned);
        Assert.True(returned.ByHolder);
    }

    [Fact]
    public void A_return_by_someone_else()
    {
        var returned = ASlot.Out()
            .Decide(new RecordTagReturned(Slot1, Tag1, Bob, ASlot.TakenAt.AddHours(1)))
            .OnlyEvent<KeyReturned, KeySlotEvent>();

        Assert.Equal(Alice, returned.Holder);
        Assert.Equal(Bob, returned.ReturnedBy);
        Assert.False(returned.ByHolder);
    }

    [Fact]
    public void A_return_by_nobody_known()
    {
        var returned = ASlot.Out()
            .Decide(new RecordTagReturned(Slot1, Tag1, null, ASlot.TakenAt.AddHours(1)))
            .OnlyEvent<KeyReturned, KeySlotEvent>();

        Assert.Equal(Alice, returned.Holder);
        Assert.Null(returned.ReturnedBy);
        Assert.False(returned.ByHolder);
    }

    [Fact]
    public void A_return_after_the_due_time_was_overdue()
    {
        var due = ASlot.TakenAt.AddHours(4);
        var slot = ASlot.Out(FourHours);

        Assert.False(slot.Decide(new RecordTagReturned(Slot1, Tag1, Alice, due.AddTicks(-1))).OnlyEvent<KeyReturned, KeySlotEvent>().WasOverdue);
        Assert.False(slot.Decide(new RecordTagReturned(Slot1, Tag1, Alice, due)).OnlyEvent<KeyReturned, KeySlotEvent>().WasOverdue);
        Assert.True(slot.Decide(new RecordTagReturned(Slot1, Tag1, Alice, due.AddTicks(1))).OnlyEvent<KeyReturned, KeySlotEvent>().WasOverdue);
    }

    [Fact]
    public void A_key_without_a_due_time_is_never_overdue()
    {
        var slot = ASlot.Out();
        Assert.False(slot.IsOverdue(T0.AddDays(365)));
        Assert.False(slot.Decide(new RecordTagReturned(Slot1, Tag1, Alice, T0.AddDays(365))).OnlyEvent<KeyReturned, KeySlotEvent>().WasOverdue);
    }

    [Fact]
    public void A_key_out_becomes_overdue_at_its_due_time()
    {
        var slot = ASlot.Out(FourHours);
        var due = ASlot.TakenAt.AddHours(4);
        Assert.False(slot.IsOverdue(due.AddTicks(-1)));
        Assert.True(slot.IsOverdue(due));
        Assert.False(ASlot.InSlot(FourHours).IsOverdue(due));
    }

    [Fact]
    public void After_a_return_the_slot_is_at_rest_and_remembers_the_last_holder()
    {
        var slot = ASlot.Out(FourHours).Run(new RecordTagReturned(Slot1, Tag1, Bob, ASlot.TakenAt.AddHours(1)));

        Assert.Equal(CustodyStatus.InSlot, slot.Status);
        Assert.Null(slot.Holder);
        Assert.Null(slot.Grant);
        Assert.Null(slot.Session);
        Assert.Null(slot.Since);
        Assert.Null(slot.DueAt);
        Assert.Equal(Alice, slot.LastHolder);
        Assert.Null(slot.CheckReleasable(ASlot.TakenAt.AddHours(1)));
    }

    [Fact]
    public void A_missing_key_coming_back_has_no_holder()
    {
        var at = T0.AddMinutes(20);
        var returned = ASlot.Missing().Decide(new RecordTagReturned(Slot1, Tag1, Bob, at)).OnlyEvent<KeyReturned, KeySlotEvent>();

        Assert.Equal(new KeyReturned(Slot1, null, Bob, at, false), returned);
        Assert.False(returned.ByHolder);
    }

    [Fact]
    public void A_missing_key_coming_back_by_nobody_known_is_not_by_the_holder()
    {
        var returned = ASlot.Missing().Decide(new RecordTagReturned(Slot1, Tag1, null, T0.AddMinutes(20))).OnlyEvent<KeyReturned, KeySlotEvent>();
        Assert.Null(returned.Holder);
        Assert.Null(returned.ReturnedBy);
        Assert.False(returned.ByHolder);
    }

    [Fact]
    public void A_missing_key_coming_back_keeps_the_last_holder()
    {
        // Alice had returned it before it was forcibly removed.
        var slot = ASlot.Missing();
        Assert.Equal(Alice, slot.LastHolder);

        slot = slot.Run(new RecordTagReturned(Slot1, Tag1, Bob, T0.AddMinutes(20)));
        Assert.Equal(CustodyStatus.InSlot, slot.Status);
        Assert.Equal(Alice, slot.LastHolder);
    }

    [Fact]
    public void A_foreign_tag_or_a_repeated_return_does_nothing()
    {
        ASlot.Out().Decide(new RecordTagReturned(Slot1, ForeignTag, Alice, T0.AddHours(1))).AcceptedWithoutEvents();
        ASlot.InSlot().Decide(new RecordTagReturned(Slot1, Tag1, Alice, T0.AddHours(1))).AcceptedWithoutEvents();
        ASlot.Released().Decide(new RecordTagReturned(Slot1, Tag1, Alice, T0.AddSeconds(5))).AcceptedWithoutEvents();
        ASlot.Unassigned().Decide(new RecordTagReturned(Slot1, Tag1, Alice, T0)).AcceptedWithoutEvents();
    }

    [Fact]
    public void The_whole_cycle_can_repeat()
    {
        var slot = ASlot.Out()
            .Run(new RecordTagReturned(Slot1, Tag1, Alice, T0.AddHours(1)))
            .Run(ASlot.Release(G2, Bob, T0.AddHours(2), S2))
            .Run(new RecordTagRemoved(Slot1, Tag1, T0.AddHours(2).AddSeconds(3)));

        Assert.Equal(CustodyStatus.Out, slot.Status);
        Assert.Equal(Bob, slot.Holder);
        Assert.Equal(Bob, slot.LastHolder);
        Assert.Equal(G2, slot.Grant);
    }
}
