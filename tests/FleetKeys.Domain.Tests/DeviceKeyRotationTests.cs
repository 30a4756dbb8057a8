using FleetKeys.Domain.Controllers;
using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.Tests;

public class DeviceKeyRotationTests
{
    private static ControllerState Wired() =>
        ControllerState.Empty(Ctl1).Run(new RegisterController(Ctl1, "10.0.0.5", 4001, OfflinePolicy.AllowCached, T0))
            .Run(new AttachCabinet(Ctl1, 2, CabinetId.Parse("cab-2"), false, T0));

    [Fact]
    public void An_admin_asks_for_the_next_generation_which_waits_for_the_device_and_who_is_recorded()
    {
        var asked = Wired().Decide(new RotateDeviceKey(Ctl1, 2, "ops", T0)).OnlyEvent<KeyRotationRequested, ControllerEvent>();

        Assert.Equal(new KeyRotationRequested(Ctl1, 2, 1, "ops", T0), asked);
        var waiting = Wired().Apply(asked);
        Assert.Equal(1, waiting.KeyRotations[2]);
        Assert.Equal(0, waiting.KeyGeneration(2));
    }

    [Fact]
    public void The_device_acknowledging_the_new_generation_puts_it_in_force_and_the_next_rotation_goes_one_further()
    {
        var waiting = Wired().Run(new RotateDeviceKey(Ctl1, 2, "ops", T0));

        var rotated = waiting.Decide(new RecordDeviceKey(Ctl1, 2, 1, T0.AddMinutes(1))).OnlyEvent<DeviceKeyRotated, ControllerEvent>();
        var done = waiting.Apply(rotated);

        Assert.Equal(new DeviceKeyRotated(Ctl1, 2, 1, T0.AddMinutes(1)), rotated);
        Assert.Equal(1, done.KeyGeneration(2));
        Assert.Empty(done.KeyRotations);
        Assert.Equal(2, done.Decide(new RotateDeviceKey(Ctl1, 2, "ops", T0.AddMinutes(2))).OnlyEvent<KeyRotationRequested, ControllerEvent>().Generation);
    }

    [Fact]
    public void A_device_still_on_the_generation_in_force_is_no_news_and_one_never_given_out_is_refused()
    {
        var waiting = Wired().Run(new RotateDeviceKey(Ctl1, 2, "ops", T0));

        waiting.Decide(new RecordDeviceKey(Ctl1, 2, 0, T0)).AcceptedWithoutEvents();
        waiting.Decide(new RecordDeviceKey(Ctl1, 2, 5, T0)).Rejected(RejectionCode.Conflict);
        Wired().Decide(new RecordDeviceKey(Ctl1, 2, 1, T0)).Rejected(RejectionCode.Conflict);
    }

    [Fact]
    public void A_second_rotation_while_one_waits_is_a_conflict()
    {
        var rejection = Wired().Run(new RotateDeviceKey(Ctl1, 2, "ops", T0)).Decide(new RotateDeviceKey(Ctl1, 2, "ops", T0)).Rejected(RejectionCode.Conflict);
        Assert.Contains("already being rotated to generation 1", rejection.Message);
    }

    [Fact]
    public void An_unknown_controller_or_an_address_without_a_device_has_no_key_to_rotate()
    {
        ControllerState.Empty(Ctl1).Decide(new RotateDeviceKey(Ctl1, 2, "ops", T0)).Rejected(RejectionCode.NotFound);
        Assert.Contains("no device at bus address 3", Wired().Decide(new RotateDeviceKey(Ctl1, 3, "ops", T0)).Rejected(RejectionCode.NotFound).Message);
    }

    [Fact]
    public void The_key_of_a_mixed_cabinets_stock_reader_is_rotated_like_its_boards_and_an_address_with_no_device_has_none()
    {
        var mixed = Wired().Run(new AttachCabinet(Ctl1, 3, CabinetId.Parse("cab-3"), false, T0, ReaderAddress: 65));

        Assert.Equal(65, mixed.Decide(new RotateDeviceKey(Ctl1, 65, "ops", T0)).OnlyEvent<KeyRotationRequested, ControllerEvent>().BusAddress);
        mixed.Decide(new RotateDeviceKey(Ctl1, 66, "ops", T0)).Rejected(RejectionCode.NotFound);
    }
}
