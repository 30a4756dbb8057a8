namespace FleetKeys.Domain.Tests;

/// <summary>Interlock groups within one cabinet: the master stays while a group key is away, and the reverse.</summary>
public class InterlockTests
{
    /// <summary>Slot 1 is the master of slots 2 and 3; slot 4 is outside the group.</summary>
    private static readonly InterlockGroup Plant = new("plant", 1, [3, 2]);

    private static CabinetState Interlocked() => ACabinet.Registered().Run(new SetInterlock(Cab1, Plant, T0));

    private static CabinetState With(CabinetState cabinet, int slot, CustodyStatus status) =>
        cabinet.Run(new UpdateSlotSummary(Cab1, new SlotSummary(slot, status, status == CustodyStatus.Missing ? null : Alice, null), T0));

    [Theory]
    [InlineData(CustodyStatus.Released)]
    [InlineData(CustodyStatus.Out)]
    [InlineData(CustodyStatus.Missing)]
    public void The_master_stays_while_a_key_of_its_group_is_away(CustodyStatus status)
    {
        var refused = With(Interlocked(), 3, status).CheckInterlock(1);
        Assert.Equal(RejectionCode.Interlocked, refused!.Code);
        Assert.Contains("slot(s) 3", refused.Message);
    }

    [Fact]
    public void A_group_key_stays_while_the_master_is_away_and_others_are_free()
    {
        var masterOut = With(Interlocked(), 1, CustodyStatus.Out);
        Assert.Equal(RejectionCode.Interlocked, masterOut.CheckInterlock(2)!.Code);
        Assert.Null(masterOut.CheckInterlock(4));

        var memberOut = With(Interlocked(), 2, CustodyStatus.Out);
        Assert.Null(memberOut.CheckInterlock(3)); // keys of the group may be out together
        Assert.Null(With(memberOut, 2, CustodyStatus.InSlot).CheckInterlock(1));
    }

    [Fact]
    public void Choosing_an_interlocked_key_is_refused()
    {
        var cabinet = With(Interlocked(), 1, CustodyStatus.Out).WithSession(S1, Bob, T0);
        Assert.Equal(RejectionCode.Interlocked, cabinet.CheckSelectable(S1, 2, T0.AddSeconds(1))!.Code);
    }

    [Fact]
    public void A_group_is_recorded_with_its_slots_in_order_and_once()
    {
        var set = ACabinet.Registered().Decide(new SetInterlock(Cab1, Plant, T0)).OnlyEvent<InterlockSet, CabinetEvent>();
        Assert.Equal([2, 3], set.Group.Slots);
        Interlocked().Decide(new SetInterlock(Cab1, Plant, T0.AddMinutes(1))).AcceptedWithoutEvents();
        Assert.Empty(Interlocked().Run(new RemoveInterlock(Cab1, "plant", T0)).Interlocks);
        Interlocked().Decide(new RemoveInterlock(Cab1, "boiler", T0)).Rejected(RejectionCode.NotFound);
    }

    [Fact]
    public void Invalid_groups_are_refused()
    {
        var cabinet = ACabinet.Registered();
        cabinet.Decide(new SetInterlock(Cab1, new("g", 1, []), T0)).Rejected(RejectionCode.Invalid);
        cabinet.Decide(new SetInterlock(Cab1, new("g", 1, [1, 2]), T0)).Rejected(RejectionCode.Invalid);
        cabinet.Decide(new SetInterlock(Cab1, new("g", 1, [2, 2]), T0)).Rejected(RejectionCode.Invalid);
        cabinet.Decide(new SetInterlock(Cab1, new("g", 1, [ACabinet.Slots + 1]), T0)).Rejected(RejectionCode.UnknownSlot);
        cabinet.Decide(new SetInterlock(Cab1, new(" ", 1, [2]), T0)).Rejected(RejectionCode.Invalid);
        Interlocked().Decide(new SetInterlock(Cab1, new("boiler", 4, [3]), T0)).Rejected(RejectionCode.Conflict);
        CabinetState.Empty(Cab1).Decide(new SetInterlock(Cab1, Plant, T0)).Rejected(RejectionCode.NotFound);
    }

    [Fact]
    public void Controllers_on_their_own_release_neither_interlocked_nor_two_person_keys()
    {
        var cabinet = ACabinet.Registered()
            .Run(new HomeKey(Cab1, 1, Tag1, T0, Vans)).Run(new HomeKey(Cab1, 2, Tag2, T0, Vans))
            .Run(new HomeKey(Cab1, 3, ForeignTag, T0, Vans, OnlineOnly: true)).Run(new HomeKey(Cab1, 4, new TagId("tag-4"), T0, Vans))
            .Run(new SetInterlock(Cab1, new InterlockGroup("pair", 1, [2]), T0));
        Assert.Equal([4], cabinet.OfflineGroups.Keys);

        var ordinary = cabinet.Run(new HomeKey(Cab1, 3, ForeignTag, T0, Vans)).Run(new RemoveInterlock(Cab1, "pair", T0));
        Assert.Equal([1, 2, 3, 4], ordinary.OfflineGroups.Keys.Order());
    }
}
