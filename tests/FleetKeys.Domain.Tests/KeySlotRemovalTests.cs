namespace FleetKeys.Domain.Tests;

/// <summary>A key leaves the system only when nobody has it; what the slot records, and what it refuses.</summary>
public class KeySlotRemovalTests
{
    private static readonly DateTimeOffset Later = T0.AddHours(1);

    [Fact]
    public void A_key_in_its_slot_is_removed_with_who_removed_it_and_the_slot_is_left_empty()
    {
        var booked = ASlot.InSlot().Run(new ReserveKey(Slot1, new ReservationId(Guid.Empty), Bob, T0.AddDays(1), T0.AddDays(2), TimeSpan.Zero, T0));

        var removed = booked.Decide(new RemoveKey(Slot1, "ops", Later)).OnlyEvent<KeyRemoved, KeySlotEvent>();
        var empty = booked.Apply(removed);

        Assert.Equal(new KeyRemoved(Slot1, new KeyId("van-12"), false, "ops", Later), removed);
        Assert.Equal((CustodyStatus.Unassigned, null), (empty.Status, empty.Key));
        Assert.Empty(empty.Reservations);
        empty.Decide(new AssignKey(Slot1, ASlot.Key(tag: Tag2), Berlin, Later)).OnlyEvent<KeyAssigned, KeySlotEvent>();
    }

    [Fact]
    public void A_key_out_cannot_be_removed()
    {
        var refused = ASlot.Out().Decide(new RemoveKey(Slot1, "ops", Later)).Rejected(RejectionCode.Conflict);

        Assert.Contains("out with alice", refused.Message);
    }

    [Fact]
    public void A_key_released_within_its_window_cannot_be_removed_and_after_the_window_the_release_is_closed_out_first()
    {
        ASlot.Released().Decide(new RemoveKey(Slot1, "ops", T0.AddSeconds(10))).Rejected(RejectionCode.Conflict);

        var events = ASlot.Released().Decide(new RemoveKey(Slot1, "ops", T0.AddMinutes(1))).Accepted();

        Assert.Equal([new ReleaseExpired(Slot1, G1, Alice, T0.AddMinutes(1)), new KeyRemoved(Slot1, new KeyId("van-12"), false, "ops", T0.AddMinutes(1))],
            events);
    }

    [Fact]
    public void A_missing_key_is_written_off()
    {
        var removed = ASlot.Missing().Decide(new RemoveKey(Slot1, "ops", Later)).OnlyEvent<KeyRemoved, KeySlotEvent>();

        Assert.True(removed.WasMissing);
        Assert.Equal(CustodyStatus.Unassigned, ASlot.Missing().Apply(removed).Status);
    }

    [Fact]
    public void Removing_from_an_empty_slot_changes_nothing()
    {
        ASlot.Unassigned().Decide(new RemoveKey(Slot1, "ops", Later)).AcceptedWithoutEvents();
    }
}
