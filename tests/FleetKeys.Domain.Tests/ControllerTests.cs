using FleetKeys.Domain.Controllers;

namespace FleetKeys.Domain.Tests;

public class ControllerTests
{
    private static readonly ControllerState Empty = ControllerState.Empty(Ctl1);

    private static ControllerState Registered() =>
        Empty.Run(new RegisterController(Ctl1, "10.0.0.5", 4001, OfflinePolicy.AllowCached, T0));

    [Fact]
    public void Registering_records_where_the_controller_listens()
    {
        var registered = Registered();

        Assert.True(registered.Registered);
        Assert.Equal(("10.0.0.5", 4001, OfflinePolicy.AllowCached), (registered.Host, registered.Port, registered.OfflinePolicy));
    }

    [Theory]
    [InlineData("", 4001)]
    [InlineData("host", 0)]
    [InlineData("host", 70000)]
    public void A_controller_needs_a_host_and_a_port(string host, int port)
    {
        Empty.Decide(new RegisterController(Ctl1, host, port, OfflinePolicy.DenyAll, T0)).Rejected(RejectionCode.Invalid);
    }

    [Fact]
    public void Registering_the_same_address_again_changes_nothing_and_another_address_is_a_change_not_a_registration()
    {
        Registered().Decide(new RegisterController(Ctl1, "10.0.0.5", 4001, OfflinePolicy.AllowCached, T0)).AcceptedWithoutEvents();
        Registered().Decide(new RegisterController(Ctl1, "10.0.0.6", 4001, OfflinePolicy.AllowCached, T0)).Rejected(RejectionCode.AlreadyExists);
    }

    [Fact]
    public void A_change_re_points_the_controller_records_who_made_it_and_keeps_what_it_leaves_out()
    {
        var changed = Registered().Decide(new ChangeController(Ctl1, null, 4002, null, "ops", T0.AddHours(1)))
            .OnlyEvent<ControllerChanged, ControllerEvent>();

        Assert.Equal(new ControllerChanged(Ctl1, "10.0.0.5", 4002, OfflinePolicy.AllowCached, "ops", T0.AddHours(1)), changed);
        var after = Registered().Apply(changed);
        Assert.Equal(("10.0.0.5", 4002, OfflinePolicy.AllowCached), (after.Host, after.Port, after.OfflinePolicy));
        Registered().Decide(new ChangeController(Ctl1, "10.0.0.5", null, OfflinePolicy.AllowCached, "ops", T0)).AcceptedWithoutEvents();
    }

    [Fact]
    public void A_change_needs_a_registered_controller_and_a_valid_endpoint()
    {
        Empty.Decide(new ChangeController(Ctl1, "10.0.0.6", null, null, "ops", T0)).Rejected(RejectionCode.NotFound);
        Registered().Decide(new ChangeController(Ctl1, " ", null, null, "ops", T0)).Rejected(RejectionCode.Invalid);
        Registered().Decide(new ChangeController(Ctl1, null, 0, null, "ops", T0)).Rejected(RejectionCode.Invalid);
    }

    [Fact]
    public void A_controller_still_driving_cabinets_cannot_be_decommissioned()
    {
        var wired = Registered().Run(new AttachCabinet(Ctl1, 2, Cab1, false, T0));

        var refused = wired.Decide(new DecommissionController(Ctl1, "ops", T0)).Rejected(RejectionCode.Conflict);

        Assert.Contains("cab-1 (bus address 2)", refused.Message);
    }

    [Fact]
    public void A_decommissioned_controller_is_out_of_service_for_good()
    {
        var decommissioned = Registered().Decide(new DecommissionController(Ctl1, "ops", T0.AddDays(1)))
            .OnlyEvent<ControllerDecommissioned, ControllerEvent>();
        var gone = Registered().Apply(decommissioned);

        Assert.Equal(new ControllerDecommissioned(Ctl1, "ops", T0.AddDays(1)), decommissioned);
        Assert.True(gone.Decommissioned);
        Assert.False(gone.Registered);
        gone.Decide(new DecommissionController(Ctl1, "ops", T0.AddDays(2))).AcceptedWithoutEvents();
        gone.Decide(new RegisterController(Ctl1, "10.0.0.5", 4001, OfflinePolicy.AllowCached, T0.AddDays(2))).Rejected(RejectionCode.Conflict);
        gone.Decide(new ChangeController(Ctl1, "10.0.0.7", null, null, "ops", T0.AddDays(2))).Rejected(RejectionCode.NotFound);
        gone.Decide(new AttachCabinet(Ctl1, 1, Cab1, false, T0.AddDays(2))).Rejected(RejectionCode.NotFound);
        Empty.Decide(new DecommissionController(Ctl1, "ops", T0)).Rejected(RejectionCode.NotFound);
    }

    [Fact]
    public void Detaching_frees_the_bus_address_of_that_cabinet_only()
    {
        var wired = Registered().Run(new AttachCabinet(Ctl1, 2, Cab1, false, T0));

        var detached = wired.Decide(new DetachCabinet(Ctl1, 2, Cab1, T0.AddHours(1))).OnlyEvent<CabinetDetached, ControllerEvent>();

        Assert.Empty(wired.Apply(detached).Cabinets);
        wired.Decide(new DetachCabinet(Ctl1, 2, Cab2, T0.AddHours(1))).AcceptedWithoutEvents();
        wired.Decide(new DetachCabinet(Ctl1, 3, Cab1, T0.AddHours(1))).AcceptedWithoutEvents();
    }

    [Fact]
    public void Cabinets_attach_at_free_bus_addresses()
    {
        var attached = Registered().Run(new AttachCabinet(Ctl1, 3, Cab1, true, T0));

        Assert.Equal(new AttachedCabinet(Cab1, true), attached.Cabinets[3]);
        attached.Decide(new AttachCabinet(Ctl1, 3, Cab1, true, T0)).AcceptedWithoutEvents();
        attached.Decide(new AttachCabinet(Ctl1, 3, Cab2, false, T0)).Rejected(RejectionCode.Conflict);
        attached.Decide(new AttachCabinet(Ctl1, 127, Cab2, false, T0)).Rejected(RejectionCode.Invalid);
    }

    [Fact]
    public void A_cabinet_may_have_a_stock_reader_at_another_free_address_of_the_same_bus()
    {
        var mixed = Registered().Run(new AttachCabinet(Ctl1, 3, Cab1, true, T0, ReaderAddress: 33));

        Assert.Equal(new AttachedCabinet(Cab1, true, 33), mixed.Cabinets[3]);
        mixed.Decide(new AttachCabinet(Ctl1, 3, Cab1, true, T0, ReaderAddress: 33)).AcceptedWithoutEvents();
        Assert.Equal("readerAddress", mixed.Decide(new AttachCabinet(Ctl1, 4, Cab2, false, T0, ReaderAddress: 33)).Rejected(RejectionCode.Conflict).Field);
        Assert.Equal("readerAddress", mixed.Decide(new AttachCabinet(Ctl1, 4, Cab2, false, T0, ReaderAddress: 3)).Rejected(RejectionCode.Conflict).Field);
        mixed.Decide(new AttachCabinet(Ctl1, 33, Cab2, false, T0)).Rejected(RejectionCode.Conflict);
        Assert.Equal("readerAddress", Registered().Decide(new AttachCabinet(Ctl1, 3, Cab1, true, T0, ReaderAddress: 3)).Rejected(RejectionCode.Invalid).Field);
        Assert.Equal("readerAddress", Registered().Decide(new AttachCabinet(Ctl1, 3, Cab1, true, T0, ReaderAddress: 127)).Rejected(RejectionCode.Invalid).Field);
    }

    [Fact]
    public void A_cabinet_re_wired_on_the_same_bus_keeps_its_reader()
    {
        var mixed = Registered().Run(new AttachCabinet(Ctl1, 3, Cab1, true, T0, ReaderAddress: 33));

        var moved = mixed.Run(new AttachCabinet(Ctl1, 5, Cab1, true, T0.AddHours(1))).Run(new DetachCabinet(Ctl1, 3, Cab1, T0.AddHours(1)));

        Assert.Equal(new AttachedCabinet(Cab1, true, 33), Assert.Single(moved.Cabinets).Value);
        Assert.Equal(5, moved.Cabinets.Single().Key);
    }

    [Fact]
    public void A_cabinet_whose_reader_is_taken_away_frees_its_address()
    {
        var mixed = Registered().Run(new AttachCabinet(Ctl1, 3, Cab1, true, T0, ReaderAddress: 33));

        var plain = mixed.Run(new AttachCabinet(Ctl1, 3, Cab1, true, T0.AddHours(1), WithoutReader: true));

        Assert.Equal(new AttachedCabinet(Cab1, true), plain.Cabinets[3]);
        plain.Decide(new AttachCabinet(Ctl1, 3, Cab1, true, T0, WithoutReader: true)).AcceptedWithoutEvents();
        plain.Decide(new AttachCabinet(Ctl1, 33, Cab2, false, T0)).Accepted();
    }

    [Fact]
    public void A_cabinet_cannot_attach_to_a_controller_nobody_registered()
    {
        Empty.Decide(new AttachCabinet(Ctl1, 3, Cab1, true, T0)).Rejected(RejectionCode.NotFound);
    }
}
