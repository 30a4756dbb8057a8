namespace FleetKeys.Domain.Tests;

/// <summary>A cabinet re-wired, emptied and taken out of service: what it records and what it refuses.</summary>
public class CabinetLifecycleTests
{
    private static readonly DateTimeOffset Later = T0.AddHours(1);
    private static readonly ControllerId Ctl2 = new("ctl-2");

    private static CabinetState Emptied() =>
        ACabinet.Registered().Run(new UnhomeKey(Cab1, 1, Later)).Run(new UnhomeKey(Cab1, 2, Later));

    [Fact]
    public void Unhoming_gives_up_the_tags_home_and_its_group()
    {
        var cabinet = ACabinet.Registered().Run(new HomeKey(Cab1, 3, ForeignTag, T0, Vans, OnlineOnly: true));

        var unhomed = cabinet.Decide(new UnhomeKey(Cab1, 3, Later)).OnlyEvent<KeyUnhomed, CabinetEvent>();
        var after = cabinet.Apply(unhomed);

        Assert.Equal(new KeyUnhomed(Cab1, 3, ForeignTag, Later), unhomed);
        Assert.False(after.Homes.ContainsKey(3));
        Assert.False(after.Groups.ContainsKey(3));
        Assert.DoesNotContain(3, after.OnlineOnly);
        Assert.Null(after.HomeOf(ForeignTag));
        after.Decide(new UnhomeKey(Cab1, 3, Later)).AcceptedWithoutEvents();
        after.Decide(new UnhomeKey(Cab1, 9, Later)).Rejected(RejectionCode.UnknownSlot);
    }

    [Fact]
    public void A_cabinet_that_still_homes_keys_cannot_be_decommissioned()
    {
        var refused = ACabinet.Registered().Decide(new DecommissionCabinet(Cab1, "ops", Later)).Rejected(RejectionCode.Conflict);

        Assert.Contains("slot(s) 1, 2", refused.Message);
    }

    [Fact]
    public void An_empty_cabinet_is_decommissioned_and_refuses_everything_until_it_is_registered_again_afresh()
    {
        var decommissioned = Emptied().Decide(new DecommissionCabinet(Cab1, "ops", Later)).OnlyEvent<CabinetDecommissioned, CabinetEvent>();
        var gone = Emptied().Apply(decommissioned);

        Assert.Equal(new CabinetDecommissioned(Cab1, Ctl1, 1, "ops", Later), decommissioned);
        Assert.Equal((false, true), (gone.Registered, gone.Decommissioned));
        Assert.Contains("decommissioned", gone.Decide(new ReportDoor(Cab1, true, Later)).Rejected(RejectionCode.NotFound).Message);
        gone.Decide(new DecommissionCabinet(Cab1, "ops", Later)).Rejected(RejectionCode.NotFound);
        var again = gone.Run(ACabinet.Register(slotCount: 6, busAddress: 4));
        Assert.Equal((true, false, 6, 4), (again.Registered, again.Decommissioned, again.SlotCount, again.BusAddress));
    }

    [Fact]
    public void A_change_rewires_the_cabinet_records_who_made_it_and_keeps_what_it_leaves_out()
    {
        var cabinet = ACabinet.Registered();

        var changed = cabinet.Decide(new ChangeCabinet(Cab1, Ctl2, null, true, "ops", Later)).OnlyEvent<CabinetChanged, CabinetEvent>();
        var after = cabinet.Apply(changed);

        Assert.Equal(new CabinetChanged(Cab1, Ctl2, 1, true, "ops", Later), changed);
        Assert.Equal((Ctl2, 1, true), (after.Controller, after.BusAddress, after.RequiresPin));
        Assert.Equal(cabinet.Homes, after.Homes);
        cabinet.Decide(new ChangeCabinet(Cab1, Ctl1, 1, false, "ops", Later)).AcceptedWithoutEvents();
        cabinet.Decide(new ChangeCabinet(Cab1, null, 127, null, "ops", Later)).Rejected(RejectionCode.Invalid);
        CabinetState.Empty(Cab1).Decide(new ChangeCabinet(Cab1, Ctl2, null, null, "ops", Later)).Rejected(RejectionCode.NotFound);
    }

    [Fact]
    public void A_change_that_names_only_a_stock_reader_is_a_rewiring_for_its_controller_to_decide()
    {
        var cabinet = ACabinet.Registered();

        var changed = cabinet.Decide(new ChangeCabinet(Cab1, null, null, null, "ops", Later, ReaderAddress: 65)).OnlyEvent<CabinetChanged, CabinetEvent>();

        Assert.Equal(new CabinetChanged(Cab1, Ctl1, 1, false, "ops", Later, 65), changed);
        Assert.Equal((Ctl1, 1, false), (cabinet.Apply(changed).Controller, cabinet.Apply(changed).BusAddress, cabinet.Apply(changed).RequiresPin));
    }

    [Fact]
    public void Taking_the_reader_away_is_a_rewiring_too_and_cannot_come_with_a_reader()
    {
        var cabinet = ACabinet.Registered();

        var changed = cabinet.Decide(new ChangeCabinet(Cab1, null, null, null, "ops", Later, RemoveReader: true)).OnlyEvent<CabinetChanged, CabinetEvent>();

        Assert.Equal(new CabinetChanged(Cab1, Ctl1, 1, false, "ops", Later, ReaderRemoved: true), changed);
        Assert.Equal("removeReader",
            cabinet.Decide(new ChangeCabinet(Cab1, null, null, null, "ops", Later, 65, RemoveReader: true)).Rejected(RejectionCode.Invalid).Field);
    }
}
