using FleetKeys.Domain.Controllers;
using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.Tests;

public class DeviceMoveTests
{
    private static readonly CabinetId Cab2 = CabinetId.Parse("cab-2");
    private static readonly CabinetId Cab3 = CabinetId.Parse("cab-3");

    /// <summary>cab-2's board at 2 with a stock reader at 0x42; cab-3's board at 3.</summary>
    private static ControllerState Wired() =>
        ControllerState.Empty(Ctl1).Run(new RegisterController(Ctl1, "10.0.0.5", 4001, OfflinePolicy.AllowCached, T0))
            .Run(new AttachCabinet(Ctl1, 2, Cab2, false, T0, ReaderAddress: 0x42))
            .Run(new AttachCabinet(Ctl1, 3, Cab3, false, T0));

    [Fact]
    public void A_move_waits_for_the_device_with_the_next_key_generation_at_the_new_address_and_who_asked()
    {
        var state = Wired().Run(new RotateDeviceKey(Ctl1, 3, "ops", T0)).Run(new RecordDeviceKey(Ctl1, 3, 1, T0))
            .Run(new MoveDevice(Ctl1, 3, 5, null, "ops", T0)).Run(new RecordDeviceMoved(Ctl1, 3, 5, T0))
            .Run(new AttachCabinet(Ctl1, 5, Cab3, false, T0)).Run(new DetachCabinet(Ctl1, 3, Cab3, T0));

        var asked = state.Decide(new MoveDevice(Ctl1, 2, 3, 38400, "ops", T0)).OnlyEvent<DeviceMoveRequested, ControllerEvent>();

        Assert.Equal(new DeviceMoveRequested(Ctl1, 2, new DeviceMove(3, 38400, 2, "ops"), T0), asked);
        Assert.Equal(asked.Move, state.Apply(asked).DeviceMoves[2]);
        Assert.Equal(9600, state.Decide(new MoveDevice(Ctl1, 0x42, 0x43, null, "ops", T0)).OnlyEvent<DeviceMoveRequested, ControllerEvent>().Move.BaudRate);
    }

    [Fact]
    public void The_device_found_at_its_new_address_is_moved_there_on_its_new_key_until_its_cabinet_re_wires()
    {
        var waiting = Wired().Run(new MoveDevice(Ctl1, 2, 7, 19200, "ops", T0));

        var moved = waiting.Decide(new RecordDeviceMoved(Ctl1, 2, 7, T0.AddMinutes(1))).OnlyEvent<DeviceMoved, ControllerEvent>();
        var following = waiting.Apply(moved);

        Assert.Equal(new DeviceMoved(Ctl1, 2, new DeviceMove(7, 19200, 1, "ops"), T0.AddMinutes(1)), moved);
        Assert.Empty(following.DeviceMoves);
        Assert.Equal((7, 1, 19200), (following.AnswersAt(2), following.KeyGeneration(7), following.BaudRates[7]));
        following.Decide(new RecordDeviceMoved(Ctl1, 2, 7, T0.AddMinutes(2))).AcceptedWithoutEvents();
        following.Decide(new RotateDeviceKey(Ctl1, 2, "ops", T0.AddMinutes(2))).Rejected(RejectionCode.NotFound);
        following.Decide(new MoveDevice(Ctl1, 2, 8, null, "ops", T0.AddMinutes(2))).Rejected(RejectionCode.NotFound);

        var rewired = following.Run(new AttachCabinet(Ctl1, 7, Cab2, false, T0.AddMinutes(2))).Run(new DetachCabinet(Ctl1, 2, Cab2, T0.AddMinutes(2)));
        Assert.Empty(rewired.MovedDevices);
        Assert.Equal(Cab2, rewired.Cabinets[7].Cabinet);
        Assert.Equal(0x42, rewired.Cabinets[7].ReaderAddress);
        Assert.False(rewired.Cabinets.ContainsKey(2));
    }

    [Fact]
    public void A_moved_stock_reader_is_followed_by_its_cabinets_reader_address()
    {
        var following = Wired().Run(new MoveDevice(Ctl1, 0x42, 0x50, null, "ops", T0)).Run(new RecordDeviceMoved(Ctl1, 0x42, 0x50, T0));

        Assert.Equal(0x50, following.AnswersAt(0x42));
        var rewired = following.Run(new AttachCabinet(Ctl1, 2, Cab2, false, T0, ReaderAddress: 0x50));
        Assert.Empty(rewired.MovedDevices);
        Assert.Equal(0x50, rewired.Cabinets[2].ReaderAddress);
    }

    [Fact]
    public void An_address_in_use_or_being_moved_to_is_a_conflict_naming_the_cabinet_there()
    {
        var waiting = Wired().Run(new MoveDevice(Ctl1, 2, 7, null, "ops", T0));

        Assert.Contains("taken by cabinet cab-3", Wired().Decide(new MoveDevice(Ctl1, 2, 3, null, "ops", T0)).Rejected(RejectionCode.Conflict).Message);
        Assert.Equal("address", Wired().Decide(new MoveDevice(Ctl1, 3, 0x42, null, "ops", T0)).Rejected(RejectionCode.Conflict).Field);
        Assert.Contains("taken by cabinet cab-2", waiting.Decide(new MoveDevice(Ctl1, 3, 7, null, "ops", T0)).Rejected(RejectionCode.Conflict).Message);
        Assert.Contains("taken by cabinet cab-2", waiting.Decide(new AttachCabinet(Ctl1, 7, CabinetId.Parse("cab-9"), false, T0)).Rejected(RejectionCode.Conflict).Message);
    }

    [Fact]
    public void One_change_at_a_time_a_second_move_or_a_rotation_waits_for_the_first()
    {
        var moving = Wired().Run(new MoveDevice(Ctl1, 2, 7, null, "ops", T0));
        var rotating = Wired().Run(new RotateDeviceKey(Ctl1, 2, "ops", T0));

        Assert.Contains("already being moved to bus address 7", moving.Decide(new MoveDevice(Ctl1, 2, 8, null, "ops", T0)).Rejected(RejectionCode.Conflict).Message);
        Assert.Contains("already being moved", moving.Decide(new RotateDeviceKey(Ctl1, 2, "ops", T0)).Rejected(RejectionCode.Conflict).Message);
        Assert.Contains("being rotated", rotating.Decide(new MoveDevice(Ctl1, 2, 8, null, "ops", T0)).Rejected(RejectionCode.Conflict).Message);
    }

    [Theory]
    [InlineData(0x7F, null, "address")]
    [InlineData(-1, null, "address")]
    [InlineData(2, null, "address")]
    [InlineData(7, 14400, "baudRate")]
    public void A_bad_address_or_baud_rate_is_refused_naming_the_field(int to, int? baudRate, string field) =>
        Assert.Equal(field, Wired().Decide(new MoveDevice(Ctl1, 2, to, baudRate, "ops", T0)).Rejected(RejectionCode.Invalid).Field);

    [Fact]
    public void An_unknown_controller_or_an_address_without_a_device_has_nothing_to_move()
    {
        ControllerState.Empty(Ctl1).Decide(new MoveDevice(Ctl1, 2, 7, null, "ops", T0)).Rejected(RejectionCode.NotFound);
        Assert.Contains("no device at bus address 4", Wired().Decide(new MoveDevice(Ctl1, 4, 7, null, "ops", T0)).Rejected(RejectionCode.NotFound).Message);
    }

    [Fact]
    public void A_cabinet_leaving_the_bus_takes_its_devices_moves_along()
    {
        var state = Wired().Run(new MoveDevice(Ctl1, 0x42, 0x50, null, "ops", T0)).Run(new DetachCabinet(Ctl1, 2, Cab2, T0));

        Assert.Empty(state.DeviceMoves);
        state.Decide(new RecordDeviceMoved(Ctl1, 0x42, 0x50, T0)).AcceptedWithoutEvents();
    }
}
