using FleetKeys.Domain.Alarms;
using FleetKeys.Domain.TagHomes;

namespace FleetKeys.Domain.Tests;

/// <summary>
/// The cabinet reports which tags it holds; the cabinet compares them with what it records and what custody says, and raises
/// each difference once, from when it first arose, until a later inventory or a tag event shows it over.
/// </summary>
public class InventoryTests
{
    private static readonly DateTimeOffset T1 = T0.AddMinutes(5);
    private static readonly DateTimeOffset T2 = T0.AddMinutes(10);
    private static readonly TagHomeState HomedInCab2 = new(ForeignTag, Cab2Slot1, "north");
    private static readonly TagId TagY = new("tag-y");

    /// <summary>tag-1 and tag-2 in their slots by custody.</summary>
    private static CabinetState BothIn() =>
        ACabinet.Registered()
            .Run(new UpdateSlotSummary(Cab1, new SlotSummary(1, CustodyStatus.InSlot, null, null), T0))
            .Run(new UpdateSlotSummary(Cab1, new SlotSummary(2, CustodyStatus.InSlot, null, null), T0));

    private static ReportInventory Inventory(DateTimeOffset at, params (int Slot, TagId Tag)[] tags) =>
        new(Cab1, [.. tags.Select(t => new SlotTag(t.Slot, t.Tag))], at);

    private static IReadOnlyList<InventoryDiscrepancy> Found(CabinetState cabinet, ReportInventory inventory) =>
        [.. cabinet.Decide(inventory).Accepted().OfType<InventoryDiscrepancyFound>().Select(f => f.Discrepancy)];

    [Fact]
    public void An_inventory_matching_the_record_is_recorded_and_raises_nothing()
    {
        var events = BothIn().Decide(Inventory(T1, (1, Tag1), (2, Tag2))).Accepted();

        var taken = Assert.IsType<InventoryTaken>(Assert.Single(events));
        Assert.Equal([new SlotTag(1, Tag1), new SlotTag(2, Tag2)], taken.Tags);
    }

    [Fact]
    public void A_key_recorded_in_its_slot_and_absent_is_missing_from_when_the_inventory_found_it()
    {
        var missing = Assert.Single(Found(BothIn(), Inventory(T1, (1, Tag1))));

        Assert.Equal(new InventoryDiscrepancy(2, DiscrepancyKind.Missing, Tag2, Slot2, T1), missing);
    }

    [Fact]
    public void A_key_that_has_not_moved_since_it_was_homed_is_expected_in_its_slot()
    {
        var missing = Assert.Single(Found(ACabinet.Registered(), Inventory(T1, (1, Tag1))));

        Assert.Equal(new InventoryDiscrepancy(2, DiscrepancyKind.Missing, Tag2, Slot2, T1), missing);
    }

    [Fact]
    public void A_key_out_in_custody_is_not_missing_even_where_the_cabinet_last_saw_its_tag()
    {
        var out2 = BothIn()
            .Run(new ReportTagInserted(Cab1, 2, Tag2, T0))
            .Run(new UpdateSlotSummary(Cab1, new SlotSummary(2, CustodyStatus.Out, Alice, T0.AddHours(4)), T0));

        Assert.Empty(Found(out2, Inventory(T1, (1, Tag1))));
    }

    [Fact]
    public void A_key_put_back_into_another_slot_is_expected_there_and_into_another_cabinet_not_here()
    {
        var placedIn3 = BothIn().Run(new UpdateSlotSummary(Cab1, new SlotSummary(2, CustodyStatus.InSlot, null, null, PlacedIn: Slot3), T0));
        var placedInCab2 = BothIn().Run(new UpdateSlotSummary(Cab1, new SlotSummary(2, CustodyStatus.InSlot, null, null, PlacedIn: Cab2Slot1), T0));

        Assert.Equal([new InventoryDiscrepancy(3, DiscrepancyKind.Missing, Tag2, Slot2, T1)], Found(placedIn3, Inventory(T1, (1, Tag1))));
        Assert.Empty(Found(placedInCab2, Inventory(T1, (1, Tag1))));
    }

    [Fact]
    public void A_tag_no_slot_of_the_fleet_homes_is_an_unknown_tag()
    {
        var unknown = Assert.Single(Found(BothIn(), Inventory(T1, (1, Tag1), (2, Tag2), (4, ForeignTag))));

        Assert.Equal(new InventoryDiscrepancy(4, DiscrepancyKind.UnknownTag, ForeignTag, null, T1), unknown);
    }

    [Fact]
    public void A_key_of_another_cabinet_is_misplaced_here_unless_this_cabinet_is_in_its_return_group()
    {
        var inventory = Inventory(T1, (1, Tag1), (2, Tag2), (4, ForeignTag)) with { HomedElsewhere = [HomedInCab2] };
        var inGroup = BothIn().Run(new SetReturnGroups(Cab1, ["north"], "admin", T0));

        Assert.Equal([new InventoryDiscrepancy(4, DiscrepancyKind.Misplaced, ForeignTag, Cab2Slot1, T1)], Found(BothIn(), inventory));
        Assert.Empty(Found(inGroup, inventory));
    }

    [Fact]
    public void A_key_of_this_cabinet_in_a_slot_its_return_rule_does_not_allow_is_misplaced()
    {
        var found = Found(BothIn(), Inventory(T1, (1, Tag1), (3, Tag2)));

        Assert.Contains(new InventoryDiscrepancy(3, DiscrepancyKind.Misplaced, Tag2, Slot2, T1), found);
    }

    [Fact]
    public void The_same_inventory_again_raises_nothing_new_and_the_discrepancy_keeps_when_it_arose()
    {
        var after = BothIn().Run(Inventory(T1, (1, Tag1)));

        var again = after.Decide(Inventory(T2, (1, Tag1))).Accepted();

        Assert.Empty(again);
        Assert.Equal(T1, Assert.Single(after.Run(Inventory(T2, (1, Tag1))).Discrepancies).Since);
    }

    [Fact]
    public void An_inventory_is_recorded_only_when_it_differs_from_the_last_one_recorded()
    {
        var after = BothIn().Run(Inventory(T1, (1, Tag1), (2, Tag2)));

        var same = after.Decide(Inventory(T2, (2, Tag2), (1, Tag1))).Accepted();
        var changed = after.Decide(Inventory(T2, (1, Tag1), (2, Tag2), (3, TagY))).Accepted().OfType<InventoryTaken>().Single();

        Assert.Empty(same);
        Assert.Equal([new SlotTag(1, Tag1), new SlotTag(2, Tag2), new SlotTag(3, TagY)], changed.Tags);
    }

    [Fact]
    public void An_unchanged_inventory_is_still_compared_with_custody_as_it_is_now()
    {
        var only1 = BothIn().Run(Inventory(T1, (1, Tag1), (2, Tag2))).Run(new ReportTagRemoved(Cab1, 2, Tag2, T1))
            .Run(new UpdateSlotSummary(Cab1, new SlotSummary(2, CustodyStatus.Out, Alice, T0.AddHours(4)), T1))
            .Run(Inventory(T1, (1, Tag1)));
        var backInCustody = only1.Run(new UpdateSlotSummary(Cab1, new SlotSummary(2, CustodyStatus.InSlot, null, null), T2));

        var events = backInCustody.Decide(Inventory(T2, (1, Tag1))).Accepted();

        Assert.Equal(new InventoryDiscrepancy(2, DiscrepancyKind.Missing, Tag2, Slot2, T2), Assert.IsType<InventoryDiscrepancyFound>(Assert.Single(events)).Discrepancy);
    }

    [Fact]
    public void A_later_inventory_without_the_discrepancy_resolves_it()
    {
        var after = BothIn().Run(Inventory(T1, (1, Tag1), (2, Tag2), (4, ForeignTag)));

        var resolved = after.Decide(Inventory(T2, (1, Tag1), (2, Tag2))).Accepted().OfType<InventoryDiscrepancyResolved>().Single();

        Assert.Equal((4, DiscrepancyKind.UnknownTag, T2, DiscrepancyResolution.Inventory),
            (resolved.Discrepancy.Slot, resolved.Discrepancy.Kind, resolved.At, resolved.How));
        Assert.Empty(after.Run(Inventory(T2, (1, Tag1), (2, Tag2))).Discrepancies);
    }

    [Fact]
    public void A_tag_seen_leaving_or_entering_the_slot_resolves_its_discrepancy()
    {
        var unknownIn4 = BothIn().Run(Inventory(T1, (1, Tag1), (2, Tag2), (4, ForeignTag)));
        var missing2 = BothIn().Run(Inventory(T1, (1, Tag1)));

        var left = unknownIn4.Decide(new ReportTagRemoved(Cab1, 4, ForeignTag, T2)).Accepted().OfType<InventoryDiscrepancyResolved>().Single();
        var back = missing2.Decide(new ReportTagInserted(Cab1, 2, Tag2, T2)).Accepted().OfType<InventoryDiscrepancyResolved>().Single();

        Assert.Equal((DiscrepancyKind.UnknownTag, DiscrepancyResolution.TagLeft), (left.Discrepancy.Kind, left.How));
        Assert.Equal((DiscrepancyKind.Missing, DiscrepancyResolution.TagEntered), (back.Discrepancy.Kind, back.How));
        Assert.Empty(missing2.Run(new ReportTagInserted(Cab1, 2, Tag2, T2)).Discrepancies);
        Assert.Empty(BothIn().Decide(new ReportTagRemoved(Cab1, 4, ForeignTag, T2)).Accepted().OfType<InventoryDiscrepancyResolved>());
    }

    [Fact]
    public void An_inventory_names_slots_of_the_cabinet_once_each()
    {
        BothIn().Decide(Inventory(T1, (5, Tag1))).Rejected(RejectionCode.UnknownSlot);
        BothIn().Decide(Inventory(T1, (1, Tag1), (1, Tag2))).Rejected(RejectionCode.Invalid);
    }

    [Fact]
    public void A_discrepancy_raises_an_inventory_alarm_and_its_resolution_settles_it()
    {
        var discrepancy = new InventoryDiscrepancy(2, DiscrepancyKind.Missing, Tag2, Slot2, T1);

        Assert.Equal(AlarmKind.InventoryDiscrepancy, AlarmSources.Raises(new InventoryDiscrepancyFound(Cab1, discrepancy, T1)));
        Assert.True(AlarmSources.Concerns(new InventoryDiscrepancyResolved(Cab1, discrepancy, T2)));
    }

    [Fact]
    public void Homing_a_key_in_the_slot_that_holds_its_unknown_tag_resolves_it_and_only_that_one()
    {
        var unknown = BothIn().Run(Inventory(T1, (1, Tag1), (2, Tag2), (3, new TagId("tag-y")), (4, ForeignTag)));

        var events = unknown.Decide(new HomeKey(Cab1, 4, ForeignTag, T2)).Accepted();

        var resolved = Assert.Single(events.OfType<InventoryDiscrepancyResolved>());
        Assert.Equal((4, ForeignTag, DiscrepancyResolution.KeyHomed), (resolved.Discrepancy.Slot, resolved.Discrepancy.Tag, resolved.How));
        Assert.Single(events.OfType<KeyHomed>());
    }

    [Fact]
    public void Decommissioning_the_cabinet_resolves_its_open_discrepancies_before_it_goes()
    {
        var emptied = ACabinet.Registered().Run(new UnhomeKey(Cab1, 1, T0)).Run(new UnhomeKey(Cab1, 2, T0)).Run(Inventory(T1, (4, ForeignTag)));

        var events = emptied.Decide(new DecommissionCabinet(Cab1, "admin", T2)).Accepted();

        var resolved = Assert.IsType<InventoryDiscrepancyResolved>(events[0]);
        Assert.Equal((DiscrepancyKind.UnknownTag, DiscrepancyResolution.Decommissioned), (resolved.Discrepancy.Kind, resolved.How));
        Assert.IsType<CabinetDecommissioned>(events[^1]);
    }
}
