using FleetKeys.Domain.Alarms;

namespace FleetKeys.Domain.Tests;

/// <summary>
/// Where a key is and whose custody it is in are apart: a key put back into any slot is back, and its return rule says only
/// whether that slot is a wrong-slot return.
/// </summary>
public class ReturnAnywhereTests
{
    private static readonly DateTimeOffset ReturnedAt = T0.AddHours(5);

    [Fact]
    public void A_key_put_into_another_slot_is_back_and_no_longer_out_with_its_holder()
    {
        var returned = ASlot.Out(new CustodyPolicy(TimeSpan.FromHours(4), null))
            .Decide(new RecordTagReturned(Slot1, Tag1, Bob, ReturnedAt, Slot3))
            .OnlyEvent<KeyReturned, KeySlotEvent>();

        Assert.Equal(new KeyReturned(Slot1, Alice, Bob, ReturnedAt, WasOverdue: true, Slot3), returned);
        var back = ASlot.Out().Apply(returned);
        Assert.Equal((CustodyStatus.InSlot, (PersonId?)null, Alice, (SlotId?)Slot3), (back.Status, back.Holder, back.LastHolder, back.PlacedIn));
    }

    [Fact]
    public void A_missing_key_found_in_another_slot_is_back()
    {
        var back = ASlot.Missing().Run(new RecordTagReturned(Slot1, Tag1, null, ReturnedAt, Slot3));
        Assert.Equal((CustodyStatus.InSlot, (SlotId?)Slot3), (back.Status, back.PlacedIn));
    }

    [Fact]
    public void A_misplaced_key_is_released_and_taken_from_where_it_sits_and_is_then_nowhere_in_the_cabinet()
    {
        var placed = ASlot.Out().Run(new RecordTagReturned(Slot1, Tag1, Alice, ReturnedAt, Slot3));

        var released = placed.Run(ASlot.Release(G2, Bob, ReturnedAt.AddMinutes(1)));
        var taken = released.Run(new RecordTagRemoved(Slot1, Tag1, ReturnedAt.AddMinutes(1).AddSeconds(5)));

        Assert.Equal(Slot3, released.PlacedIn);
        Assert.Equal((CustodyStatus.Out, (PersonId?)Bob, (SlotId?)null), (taken.Status, taken.Holder, taken.PlacedIn));
    }

    [Fact]
    public void A_lapsed_release_of_a_misplaced_key_leaves_it_where_it_sits()
    {
        var lapsed = ASlot.Out().Run(new RecordTagReturned(Slot1, Tag1, Alice, ReturnedAt, Slot3))
            .Run(ASlot.Release(G2, Bob, ReturnedAt))
            .Run(new ExpireRelease(Slot1, G2, ReturnedAt + ReleaseWindow));
        Assert.Equal((CustodyStatus.InSlot, (SlotId?)Slot3), (lapsed.Status, lapsed.PlacedIn));
    }

    [Fact]
    public void A_key_returned_to_its_home_later_is_no_longer_misplaced()
    {
        var home = ASlot.Out().Run(new RecordTagReturned(Slot1, Tag1, Alice, ReturnedAt, Slot3))
            .Run(ASlot.Release(G2, Alice, ReturnedAt))
            .Run(new RecordTagRemoved(Slot1, Tag1, ReturnedAt.AddSeconds(5)))
            .Run(new RecordTagReturned(Slot1, Tag1, Alice, ReturnedAt.AddSeconds(20)));
        Assert.Equal((CustodyStatus.InSlot, (SlotId?)null), (home.Status, home.PlacedIn));
    }

    [Fact]
    public void A_new_policy_leaves_a_misplaced_key_where_it_sits_and_another_key_starts_in_its_home()
    {
        var placed = ASlot.Out().Run(new RecordTagReturned(Slot1, Tag1, Alice, ReturnedAt, Slot3));

        var newPolicy = placed.Run(new AssignKey(Slot1, ASlot.Key(new CustodyPolicy(TimeSpan.FromHours(1), null)), Berlin, ReturnedAt));
        var otherKey = placed.Run(new AssignKey(Slot1, ASlot.Key(tag: Tag2), Berlin, ReturnedAt));

        Assert.Equal((SlotId?)Slot3, newPolicy.PlacedIn);
        Assert.Null(otherKey.PlacedIn);
    }

    [Fact]
    public void A_key_returned_home_only_is_a_wrong_slot_return_elsewhere_in_its_cabinet()
    {
        var cabinet = ACabinet.Registered().WithSession(S1, Alice, T0);
        var wrong = cabinet.Decide(new ReportTagInserted(Cab1, 3, Tag1, T0.AddSeconds(5))).Accepted().OfType<WrongSlotReturn>().Single();
        Assert.Equal((3, (int?)1), (wrong.Slot, wrong.HomeSlot));
        Assert.Equal(1, cabinet.GuideFor(Tag1, 3));
    }

    [Fact]
    public void A_key_that_may_go_into_any_slot_of_its_cabinet_is_only_recorded_there()
    {
        var cabinet = ACabinet.Registered().Run(new HomeKey(Cab1, 1, Tag1, T0, Return: ReturnRule.AnySlotOfCabinet));

        var entered = cabinet.Decide(new ReportTagInserted(Cab1, 3, Tag1, T0.AddSeconds(5))).OnlyEvent<TagEnteredSlot, CabinetEvent>();

        Assert.Equal(3, entered.Slot);
        Assert.Null(cabinet.GuideFor(Tag1, 3));
        Assert.Equal(1, ACabinet.Registered().GuideFor(Tag1, 3));
    }

    [Fact]
    public void Another_cabinets_rule_does_not_let_a_foreign_tag_in()
    {
        var cabinet = ACabinet.Registered().Run(new HomeKey(Cab1, 1, Tag1, T0, Return: ReturnRule.AnySlotOfCabinet));
        var wrong = cabinet.Decide(new ReportTagInserted(Cab1, 3, ForeignTag, T0)).Accepted().OfType<WrongSlotReturn>().Single();
        Assert.Null(wrong.HomeSlot);
    }

    [Fact]
    public void Changing_the_return_rule_is_recorded_and_the_same_rule_again_is_no_change()
    {
        var cabinet = ACabinet.Registered();
        var homed = cabinet.Decide(new HomeKey(Cab1, 1, Tag1, T0, Return: ReturnRule.AnySlotOfCabinet)).OnlyEvent<KeyHomed, CabinetEvent>();
        var after = cabinet.Apply(homed);

        Assert.Equal(ReturnRule.AnySlotOfCabinet, homed.Return);
        Assert.Empty(after.Decide(new HomeKey(Cab1, 1, Tag1, T0, Return: ReturnRule.AnySlotOfCabinet)).Accepted());
        Assert.DoesNotContain(1, after.Run(new HomeKey(Cab1, 1, Tag1, T0)).ReturnAnywhere);
        Assert.DoesNotContain(1, after.Run(new UnhomeKey(Cab1, 1, T0)).ReturnAnywhere);
    }

    [Fact]
    public void A_release_unlocks_the_slot_the_key_sits_in()
    {
        var cabinet = ACabinet.Registered();
        Assert.Equal(1, cabinet.SlotHolding(1));
        var misplaced = cabinet.Run(new ReportTagInserted(Cab1, 3, Tag1, T0));
        Assert.Equal(3, misplaced.SlotHolding(1));
        Assert.Equal(1, misplaced.Run(new ReportTagRemoved(Cab1, 3, Tag1, T0.AddMinutes(1))).SlotHolding(1));
    }

    [Fact]
    public void A_tag_leaving_a_slot_concerns_alarms_because_it_ends_a_wrong_slot_return_there()
    {
        Assert.True(AlarmSources.Concerns(new TagLeftSlot(Cab1, 3, Tag1, T0)));
    }

    [Fact]
    public void A_policy_stored_before_there_was_a_choice_returns_home_only()
    {
        Assert.Equal(ReturnRule.HomeSlot, new CustodyPolicy(null, null).Return);
        Assert.Equal(ReturnRule.HomeSlot, new KeyHomed(Cab1, 1, Tag1, T0).Return);
    }
}
