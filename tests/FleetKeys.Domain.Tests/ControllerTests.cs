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
    public void Registering_the_same_address_again_changes_nothing_and_a_new_one_is_recorded()
    {
        Registered().Decide(new RegisterController(Ctl1, "10.0.0.5", 4001, OfflinePolicy.AllowCached, T0)).AcceptedWithoutEvents();
        Registered().Decide(new RegisterController(Ctl1, "10.0.0.6", 4001, OfflinePolicy.AllowCached, T0)).OnlyEvent<ControllerRegistered, ControllerEvent>();
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
    public void A_cabinet_cannot_attach_to_a_controller_nobody_registered()
    {
        Empty.Decide(new AttachCabinet(Ctl1, 3, Cab1, true, T0)).Rejected(RejectionCode.NotFound);
    }
}
