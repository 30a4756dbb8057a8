using FleetKeys.Domain.Alarms;

namespace FleetKeys.Domain.Tests;

/// <summary>The cabinet's hardware alarms: a door left open past its settings, and the tamper input.</summary>
public class CabinetAlarmTests
{
    private static readonly AlarmSettings ThirtySeconds = AlarmSettings.Default with { DoorOpenLimit = TimeSpan.FromSeconds(30) };

    private static CabinetState DoorOpenedAtT0() =>
        ACabinet.Registered().Run(new SetAlarmSettings(Cab1, ThirtySeconds, T0.AddDays(-1))).Run(new ReportDoor(Cab1, true, T0));

    [Fact]
    public void An_open_door_is_due_its_limit_after_it_opened_and_a_repeated_open_report_does_not_restart_it()
    {
        var cabinet = DoorOpenedAtT0().Run(new ReportDoor(Cab1, true, T0.AddSeconds(20)));

        Assert.Equal(T0.AddSeconds(30), cabinet.DoorDueAt);
    }

    [Fact]
    public void The_door_left_open_is_recorded_once_it_is_due_and_only_once()
    {
        var cabinet = DoorOpenedAtT0();

        cabinet.Decide(new NoticeDoorLeftOpen(Cab1, T0.AddSeconds(29))).AcceptedWithoutEvents();
        var left = cabinet.Decide(new NoticeDoorLeftOpen(Cab1, T0.AddSeconds(30))).OnlyEvent<DoorLeftOpen, CabinetEvent>();
        var alarmed = cabinet.Apply(left);

        Assert.Equal(new DoorLeftOpen(Cab1, T0, T0.AddSeconds(30)), left);
        Assert.Null(alarmed.DoorDueAt);
        alarmed.Decide(new NoticeDoorLeftOpen(Cab1, T0.AddMinutes(5))).AcceptedWithoutEvents();
    }

    [Fact]
    public void A_door_closed_in_time_raises_nothing_and_the_next_opening_starts_afresh()
    {
        var closed = DoorOpenedAtT0().Run(new ReportDoor(Cab1, false, T0.AddSeconds(10)));

        closed.Decide(new NoticeDoorLeftOpen(Cab1, T0.AddMinutes(1))).AcceptedWithoutEvents();
        Assert.Null(closed.DoorDueAt);
        Assert.Equal(T0.AddMinutes(2).AddSeconds(30), closed.Run(new ReportDoor(Cab1, true, T0.AddMinutes(2))).DoorDueAt);
    }

    [Fact]
    public void Alarm_settings_are_recorded_once_and_move_the_door_deadline()
    {
        var cabinet = DoorOpenedAtT0();
        var longer = ThirtySeconds with { DoorOpenLimit = TimeSpan.FromMinutes(5) };

        cabinet.Decide(new SetAlarmSettings(Cab1, ThirtySeconds, T0)).AcceptedWithoutEvents();
        Assert.Equal(T0.AddMinutes(5), cabinet.Run(new SetAlarmSettings(Cab1, longer, T0)).DoorDueAt);
    }

    [Fact]
    public void The_tamper_input_is_recorded_as_it_trips_and_restores()
    {
        var tampered = ACabinet.Registered().Run(new ReportTamper(Cab1, true, T0, new HardwareEventRef(1, 7)));

        Assert.True(tampered.Tampered);
        Assert.False(tampered.Run(new ReportTamper(Cab1, false, T0.AddMinutes(1), new HardwareEventRef(1, 8))).Tampered);
        tampered.Decide(new ReportTamper(Cab1, true, T0, new HardwareEventRef(1, 7))).AcceptedWithoutEvents();
    }

    [Fact]
    public void Mains_power_lost_and_restored_is_recorded_and_a_re_sent_report_is_not_recorded_twice()
    {
        var onBattery = ACabinet.Registered().Run(new ReportMainsPower(Cab1, false, T0, new HardwareEventRef(1, 9)));

        Assert.True(onBattery.OnBattery);
        onBattery.Decide(new ReportMainsPower(Cab1, false, T0, new HardwareEventRef(1, 9))).AcceptedWithoutEvents();
        var back = onBattery.Decide(new ReportMainsPower(Cab1, true, T0.AddHours(3), new HardwareEventRef(1, 10)))
            .OnlyEvent<MainsPowerRestored, CabinetEvent>();
        Assert.Equal(new MainsPowerRestored(Cab1, T0.AddHours(3), new HardwareEventRef(1, 10)), back);
        Assert.False(onBattery.Apply(back).OnBattery);
    }

    [Fact]
    public void A_low_battery_is_recorded_with_its_charge_and_its_recovery_ends_it()
    {
        var low = ACabinet.Registered().Decide(new ReportBattery(Cab1, true, 18, T0, new HardwareEventRef(1, 11)))
            .OnlyEvent<BatteryLow, CabinetEvent>();

        Assert.Equal(new BatteryLow(Cab1, 18, T0, new HardwareEventRef(1, 11)), low);
        var cabinet = ACabinet.Registered().Apply(low);
        Assert.True(cabinet.LowBattery);
        Assert.False(cabinet.Run(new ReportBattery(Cab1, false, 40, T0.AddHours(2), new HardwareEventRef(1, 12))).LowBattery);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    public void A_battery_charge_outside_0_to_100_percent_is_refused(int charge)
    {
        ACabinet.Registered().Decide(new ReportBattery(Cab1, true, charge, T0, new HardwareEventRef(1, 11))).Rejected(RejectionCode.Invalid);
    }
}
