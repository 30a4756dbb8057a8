using FleetKeys.Domain.Controllers;

namespace FleetKeys.Domain.Tests;

public class DeviceCommissioningTests
{
    private static ControllerState Registered() =>
        ControllerState.Empty(Ctl1).Run(new RegisterController(Ctl1, "10.0.0.5", 4001, OfflinePolicy.AllowCached, T0));

    [Fact]
    public void An_operator_opens_a_bounded_window_for_one_bus_address_and_who_is_recorded()
    {
        var opened = Registered().Decide(new OpenCommissioning(Ctl1, 2, TimeSpan.FromMinutes(10), "ops", T0))
            .OnlyEvent<CommissioningOpened, ControllerEvent>();

        Assert.Equal(new CommissioningOpened(Ctl1, 2, T0.AddMinutes(10), "ops", T0), opened);
        Assert.Equal(T0.AddMinutes(10), Registered().Apply(opened).Commissioning[2]);
    }

    [Theory]
    [InlineData(-1, 10)]
    [InlineData(127, 10)]
    [InlineData(2, 0)]
    [InlineData(2, 61)]
    public void The_address_is_a_bus_address_and_the_window_lasts_at_most_an_hour(int address, int minutes) =>
        Registered().Decide(new OpenCommissioning(Ctl1, address, TimeSpan.FromMinutes(minutes), "ops", T0)).Rejected(RejectionCode.Invalid);

    [Fact]
    public void An_unknown_controller_has_nothing_to_commission() =>
        ControllerState.Empty(Ctl1).Decide(new OpenCommissioning(Ctl1, 2, TimeSpan.FromMinutes(10), "ops", T0)).Rejected(RejectionCode.NotFound);

    [Fact]
    public void The_driver_records_the_device_commissioned_inside_the_window_which_then_closes()
    {
        var open = Registered().Run(new OpenCommissioning(Ctl1, 2, TimeSpan.FromMinutes(10), "ops", T0));

        var done = open.Decide(new RecordDeviceCommissioned(Ctl1, 2, T0.AddMinutes(3), 1)).OnlyEvent<DeviceCommissioned, ControllerEvent>();

        Assert.Equal(new DeviceCommissioned(Ctl1, 2, T0.AddMinutes(3), 1), done);
        Assert.Empty(open.Apply(done).Commissioning);
        Assert.Equal(1, open.Apply(done).KeyGeneration(2));
    }

    [Fact]
    public void No_device_is_recorded_commissioned_without_a_window_or_after_it_closed()
    {
        Registered().Decide(new RecordDeviceCommissioned(Ctl1, 2, T0, 1)).Rejected(RejectionCode.Conflict);
        Registered().Run(new OpenCommissioning(Ctl1, 2, TimeSpan.FromMinutes(10), "ops", T0))
            .Decide(new RecordDeviceCommissioned(Ctl1, 2, T0.AddMinutes(11), 1)).Rejected(RejectionCode.Conflict);
    }

    [Fact]
    public void A_device_is_commissioned_on_the_next_key_generation_never_on_one_a_predecessor_held()
    {
        var open = Registered().Run(new OpenCommissioning(Ctl1, 2, TimeSpan.FromMinutes(10), "ops", T0));
        var rotatedTwice = open with { KeyGenerations = open.KeyGenerations.SetItem(2, 2) };

        rotatedTwice.Decide(new RecordDeviceCommissioned(Ctl1, 2, T0, 2)).Rejected(RejectionCode.Conflict);
        Assert.Equal(3, rotatedTwice.Run(new RecordDeviceCommissioned(Ctl1, 2, T0, 3)).KeyGeneration(2));
    }
}
