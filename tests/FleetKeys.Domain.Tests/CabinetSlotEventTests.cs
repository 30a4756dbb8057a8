namespace FleetKeys.Domain.Tests;

public class CabinetSlotEventTests
{
    [Fact]
    public void A_tag_leaving_is_recorded()
    {
        var cabinet = ACabinet.Registered().Run(new ReportTagInserted(Cab1, 1, Tag1, T0));
        var left = cabinet.Decide(new ReportTagRemoved(Cab1, 1, Tag1, T0.AddMinutes(1))).OnlyEvent<TagLeftSlot, CabinetEvent>();
        Assert.Equal(new TagLeftSlot(Cab1, 1, Tag1, T0.AddMinutes(1)), left);
        Assert.False(cabinet.Apply(left).Present.ContainsKey(1));
    }

    [Fact]
    public void A_tag_in_its_home_slot_is_only_recorded()
    {
        var cabinet = ACabinet.Registered().WithSession(S1, Alice, T0);
        var entered = cabinet.Decide(new ReportTagInserted(Cab1, 1, Tag1, T0.AddSeconds(5))).OnlyEvent<TagEnteredSlot, CabinetEvent>();
        Assert.Equal(new TagEnteredSlot(Cab1, 1, Tag1, T0.AddSeconds(5)), entered);
        Assert.Equal(Tag1, cabinet.Apply(entered).Present[1]);
    }

    [Fact]
    public void A_tag_in_the_wrong_slot_is_recorded_and_flagged_with_its_home_and_the_person_at_the_cabinet()
    {
        var at = T0.AddSeconds(20);
        var cabinet = ACabinet.Registered().WithSession(S1, Alice, T0).WithSession(S2, Bob, T0.AddSeconds(10));
        var events = cabinet.Decide(new ReportTagInserted(Cab1, 3, Tag1, at)).Accepted();

        Assert.Equal(
            [new TagEnteredSlot(Cab1, 3, Tag1, at), new WrongSlotReturn(Cab1, 3, Tag1, 1, Bob, at)],
            events.Cast<CabinetEvent>());

        var after = events.Aggregate(cabinet, (c, e) => c.Apply(e));
        Assert.Equal(Tag1, after.Present[3]);
        Assert.Equal(1, after.HomeOf(Tag1));
    }

    [Fact]
    public void A_wrong_slot_return_names_the_latest_person_whose_session_still_runs()
    {
        var cabinet = ACabinet.Registered()
            .WithSession(S1, Alice, T0, TimeSpan.FromMinutes(5))
            .WithSession(S2, Bob, T0.AddSeconds(10), TimeSpan.FromSeconds(30));
        var wrong = cabinet.Decide(new ReportTagInserted(Cab1, 2, Tag1, T0.AddMinutes(1))).Accepted().OfType<WrongSlotReturn>().Single();
        Assert.Equal(Alice, wrong.ReturnedBy);
    }

    [Fact]
    public void A_wrong_slot_return_with_nobody_at_the_cabinet_names_nobody()
    {
        var wrong = ACabinet.Registered().WithSession(S1, Alice, T0)
            .Decide(new ReportTagInserted(Cab1, 2, Tag1, T0 + SessionTtl)).Accepted().OfType<WrongSlotReturn>().Single();
        Assert.Null(wrong.ReturnedBy);
        Assert.Equal(1, wrong.HomeSlot);
    }

    [Fact]
    public void A_tag_with_no_home_is_flagged_without_a_home_slot()
    {
        var wrong = ACabinet.Registered()
            .Decide(new ReportTagInserted(Cab1, 3, ForeignTag, T0)).Accepted().OfType<WrongSlotReturn>().Single();
        Assert.Null(wrong.HomeSlot);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(ACabinet.Slots + 1)]
    public void Slot_events_outside_the_cabinet_are_refused(int slot)
    {
        var cabinet = ACabinet.Registered();
        cabinet.Decide(new ReportTagInserted(Cab1, slot, Tag1, T0)).Rejected(RejectionCode.UnknownSlot);
        cabinet.Decide(new ReportTagRemoved(Cab1, slot, Tag1, T0)).Rejected(RejectionCode.UnknownSlot);
    }

    [Fact]
    public void A_changed_slot_summary_is_recorded()
    {
        var summary = new SlotSummary(1, CustodyStatus.Out, Alice, T0.AddHours(4));
        var cabinet = ACabinet.Registered();
        var changed = cabinet.Decide(new UpdateSlotSummary(Cab1, summary, T0)).OnlyEvent<SlotSummaryChanged, CabinetEvent>();
        Assert.Equal(new SlotSummaryChanged(Cab1, summary, T0), changed);
        Assert.Equal(summary, cabinet.Apply(changed).Summary[1]);
    }

    [Fact]
    public void The_same_slot_summary_again_changes_nothing()
    {
        var cabinet = ACabinet.Registered()
            .Run(new UpdateSlotSummary(Cab1, new SlotSummary(1, CustodyStatus.Out, Alice, T0.AddHours(4)), T0));

        cabinet.Decide(new UpdateSlotSummary(Cab1, new SlotSummary(1, CustodyStatus.Out, Alice, T0.AddHours(4)), T0.AddSeconds(1)))
            .AcceptedWithoutEvents();
        cabinet.Decide(new UpdateSlotSummary(Cab1, new SlotSummary(1, CustodyStatus.InSlot, null, null), T0.AddHours(1)))
            .OnlyEvent<SlotSummaryChanged, CabinetEvent>();
        cabinet.Decide(new UpdateSlotSummary(Cab1, new SlotSummary(2, CustodyStatus.Out, Alice, T0.AddHours(4)), T0.AddSeconds(1)))
            .OnlyEvent<SlotSummaryChanged, CabinetEvent>();
    }
}
