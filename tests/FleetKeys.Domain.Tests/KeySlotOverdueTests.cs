namespace FleetKeys.Domain.Tests;

public class KeySlotOverdueTests
{
    private static readonly DateTimeOffset Due = T0.AddHours(1);

    private static KeySlotState Out() =>
        ASlot.InSlot(new CustodyPolicy(TimeSpan.FromHours(1), null))
            .Run(new ReleaseKey(Slot1, G1, Alice, S1, T0, T0 + ReleaseWindow))
            .Run(new RecordTagRemoved(Slot1, Tag1, T0));

    [Fact]
    public void Before_the_due_time_nothing_is_overdue()
    {
        Out().Decide(new NoticeOverdue(Slot1, Due.AddSeconds(-1))).AcceptedWithoutEvents();
    }

    [Fact]
    public void At_the_due_time_the_key_is_overdue_once()
    {
        var overdue = Out().Decide(new NoticeOverdue(Slot1, Due)).OnlyEvent<KeyOverdue, KeySlotEvent>();
        var noticed = Out().Apply(overdue);

        Assert.Equal((Alice, Due), (overdue.Holder, overdue.DueAt));
        Assert.True(noticed.OverdueNoticed);
        noticed.Decide(new NoticeOverdue(Slot1, Due.AddMinutes(5))).AcceptedWithoutEvents();
    }

    [Fact]
    public void A_key_in_its_slot_or_without_a_due_time_is_never_overdue()
    {
        ASlot.InSlot().Decide(new NoticeOverdue(Slot1, Due.AddDays(1))).AcceptedWithoutEvents();
        var unlimited = ASlot.InSlot(CustodyPolicy.Unlimited)
            .Run(new ReleaseKey(Slot1, G1, Alice, S1, T0, T0 + ReleaseWindow)).Run(new RecordTagRemoved(Slot1, Tag1, T0));
        unlimited.Decide(new NoticeOverdue(Slot1, Due.AddDays(365))).AcceptedWithoutEvents();
    }

    [Fact]
    public void A_return_ends_it_and_the_next_custody_can_be_overdue_again()
    {
        var returned = Out().Run(new NoticeOverdue(Slot1, Due)).Run(new RecordTagReturned(Slot1, Tag1, Alice, Due.AddMinutes(1)));
        var again = returned.Run(new ReleaseKey(Slot1, G2, Bob, S2, Due.AddHours(1), Due.AddHours(1) + ReleaseWindow))
            .Run(new RecordTagRemoved(Slot1, Tag1, Due.AddHours(1)));

        Assert.False(returned.OverdueNoticed);
        again.Decide(new NoticeOverdue(Slot1, Due.AddHours(2))).OnlyEvent<KeyOverdue, KeySlotEvent>();
    }
}
