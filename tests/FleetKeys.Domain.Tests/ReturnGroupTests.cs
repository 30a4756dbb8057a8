using FleetKeys.Domain.TagHomes;

namespace FleetKeys.Domain.Tests;

/// <summary>
/// A key may be returned to any cabinet of its policy's named return group; cabinets list the groups they belong to, and the
/// tag directory tells a cabinet where a key it homes no slot of belongs.
/// </summary>
public class ReturnGroupTests
{
    private static readonly CustodyPolicy NorthDepots = new(TimeSpan.FromHours(4), null) { Return = ReturnRule.ReturnGroup, ReturnGroup = "north" };
    private static readonly TagHomeState HomedInCab2 = new(ForeignTag, Cab2Slot1, "north");

    private static CabinetState InGroups(params string[] groups) =>
        ACabinet.Registered().WithSession(S1, Alice, T0).Run(new SetReturnGroups(Cab1, groups, "admin", T0));

    [Fact]
    public void A_key_of_another_cabinet_in_one_of_its_return_groups_is_only_recorded_where_it_went()
    {
        var inserted = new ReportTagInserted(Cab1, 3, ForeignTag, T0.AddSeconds(5)) { HomedElsewhere = HomedInCab2 };

        var entered = InGroups("north", "south").Decide(inserted).OnlyEvent<TagEnteredSlot, CabinetEvent>();

        Assert.Equal((3, ForeignTag), (entered.Slot, entered.Tag));
    }

    [Fact]
    public void A_key_of_another_cabinet_outside_its_return_groups_is_a_wrong_slot_return()
    {
        var inserted = new ReportTagInserted(Cab1, 3, ForeignTag, T0.AddSeconds(5)) { HomedElsewhere = HomedInCab2 };

        var wrong = InGroups("south").Decide(inserted).Accepted().OfType<WrongSlotReturn>().Single();
        var homeOnly = InGroups("north").Decide(inserted with { HomedElsewhere = HomedInCab2 with { ReturnGroup = null } })
            .Accepted().OfType<WrongSlotReturn>().Single();

        Assert.Equal((3, (int?)null, (PersonId?)Alice), (wrong.Slot, wrong.HomeSlot, wrong.ReturnedBy));
        Assert.Equal(3, homeOnly.Slot);
    }

    [Fact]
    public void A_key_of_another_cabinet_sitting_here_is_chosen_by_the_slot_it_sits_in()
    {
        var holding = InGroups("north").Run(new ReportTagInserted(Cab1, 3, ForeignTag, T0) { HomedElsewhere = HomedInCab2 });

        Assert.Equal(ForeignTag, holding.ForeignTagIn(3));
        Assert.Null(holding.CheckSelectable(S1, 3, T0.AddSeconds(10)));
        Assert.Equal(RejectionCode.KeyNotPresent, ACabinet.Registered().WithSession(S1, Alice, T0).CheckSelectable(S1, 3, T0.AddSeconds(10))?.Code);
        Assert.Null(holding.ForeignTagIn(1));
    }

    [Fact]
    public void Return_groups_are_recorded_ordered_once_and_the_same_groups_again_are_no_change()
    {
        var cabinet = ACabinet.Registered();
        var set = cabinet.Decide(new SetReturnGroups(Cab1, ["south", "north", "south"], "admin", T0)).OnlyEvent<ReturnGroupsSet, CabinetEvent>();
        var after = cabinet.Apply(set);

        Assert.Equal(["north", "south"], set.Groups);
        Assert.Equal(["north", "south"], after.ReturnGroups);
        Assert.Empty(after.Decide(new SetReturnGroups(Cab1, ["north", "south"], "admin", T0)).Accepted());
        Assert.Empty(after.Run(new SetReturnGroups(Cab1, [], "admin", T0)).ReturnGroups);
    }

    [Fact]
    public void A_return_group_needs_a_sane_name_and_a_cabinet_belongs_to_a_bounded_number()
    {
        var cabinet = ACabinet.Registered();
        cabinet.Decide(new SetReturnGroups(Cab1, [" "], "admin", T0)).Rejected(RejectionCode.Invalid);
        cabinet.Decide(new SetReturnGroups(Cab1, [new string('g', CustodyPolicy.MaxReturnGroupLength + 1)], "admin", T0)).Rejected(RejectionCode.Invalid);
        cabinet.Decide(new SetReturnGroups(Cab1, [.. Enumerable.Range(0, CabinetState.MaxReturnGroups + 1).Select(i => $"g{i}")], "admin", T0))
            .Rejected(RejectionCode.Invalid);
    }

    [Fact]
    public void A_key_returned_to_a_group_names_its_group_and_only_then()
    {
        var slot = KeySlotState.Empty(Slot1);
        Assert.Null(slot.Decide(new AssignKey(Slot1, ASlot.Key(NorthDepots), Berlin, T0)).Rejection);
        slot.Decide(new AssignKey(Slot1, ASlot.Key(NorthDepots with { ReturnGroup = null }), Berlin, T0)).Rejected(RejectionCode.Invalid);
        slot.Decide(new AssignKey(Slot1, ASlot.Key(NorthDepots with { ReturnGroup = "" }), Berlin, T0)).Rejected(RejectionCode.Invalid);
        slot.Decide(new AssignKey(Slot1, ASlot.Key(NorthDepots with { Return = ReturnRule.AnySlotOfCabinet }), Berlin, T0)).Rejected(RejectionCode.Invalid);
    }

    [Fact]
    public void A_key_returnable_to_a_group_may_go_into_any_slot_of_its_own_cabinet_too()
    {
        var cabinet = ACabinet.Registered().Run(new HomeKey(Cab1, 1, Tag1, T0, Return: ReturnRule.ReturnGroup));
        Assert.True(cabinet.MayReturnTo(Tag1, 3));
    }

    [Fact]
    public void A_key_sitting_in_another_cabinet_is_released_only_there()
    {
        var placed = ASlot.Out(NorthDepots).Run(new RecordTagReturned(Slot1, Tag1, Bob, T0.AddHours(1), new SlotId(Cab2, 3)));

        Assert.Equal(RejectionCode.KeyNotAvailable, placed.CheckReleasableAt(Cab1)?.Code);
        Assert.Null(placed.CheckReleasableAt(Cab2));
        Assert.Null(ASlot.Out(NorthDepots).Run(new RecordTagReturned(Slot1, Tag1, Bob, T0.AddHours(1), Slot3)).CheckReleasableAt(Cab1));
    }

    [Fact]
    public void The_tag_directory_records_where_a_tag_is_homed_and_a_repeat_is_no_change()
    {
        var empty = new TagHomeState(Tag1, null, null);
        var homed = empty.Decide(new RecordTagHome(Tag1, Slot1, "north", T0)).OnlyEvent<TagHomed, TagHomed>();
        var after = empty.Apply(homed);

        Assert.Equal((Slot1, "north"), (after.Slot!.Value, after.ReturnGroup));
        Assert.Empty(after.Decide(new RecordTagHome(Tag1, Slot1, "north", T0)).Accepted());
        Assert.Equal("south", after.Decide(new RecordTagHome(Tag1, Slot1, "south", T0)).OnlyEvent<TagHomed, TagHomed>().ReturnGroup);
        Assert.True(after.MayReturnAmong(new HashSet<string> { "north" }));
        Assert.False(after.MayReturnAmong(new HashSet<string> { "south" }));
    }

    [Fact]
    public void A_tag_stays_with_its_slot_while_that_slot_carries_a_key_with_it_and_is_taken_over_once_it_does_not()
    {
        var homed = new TagHomeState(Tag1, Slot1, null);
        var claim = new RecordTagHome(Tag1, Cab2Slot1, null, T0);

        Assert.Contains(Slot1.ToString(), homed.Decide(claim).Rejected(RejectionCode.Conflict).Message);
        homed.Decide(claim with { HolderStillCarriesIt = true }).Rejected(RejectionCode.Conflict);
        Assert.Equal(Cab2Slot1, homed.Decide(claim with { HolderStillCarriesIt = false }).OnlyEvent<TagHomed, TagHomed>().Slot);
    }
}
