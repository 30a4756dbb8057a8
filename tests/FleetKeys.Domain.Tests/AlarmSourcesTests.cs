using FleetKeys.Domain.Alarms;

namespace FleetKeys.Domain.Tests;

public class AlarmSourcesTests
{
    public static TheoryData<object, AlarmKind?> Facts() => new()
    {
        { new DoorLeftOpen(Cab1, T0, T0), AlarmKind.DoorLeftOpen },
        { new TamperDetected(Cab1, T0), AlarmKind.Tamper },
        { new TamperRestored(Cab1, T0), null },
        { new WrongPinEntered(Alice, Cab1, 5, T0.AddMinutes(15), T0), AlarmKind.RepeatedFailedPins },
        { new WrongPinEntered(Alice, Cab1, 2, null, T0), null },
        { new DuressPinEntered(Alice, Cab1, T0), AlarmKind.Duress },
        { new OfflineGrantAfterRevocation(Alice, Cab1, 1, T0, T0, T0), AlarmKind.OfflineGrantToRevokedPerson },
        { new KeyTakenUnderVoidedGrant(Slot1, G1, Alice, 1, T0, T0), AlarmKind.KeyTakenByRevokedPerson },
        { new ReleaseVoided(Slot1, G1, Alice, 1, T0, T0), null },
        { new MainsPowerLost(Cab1, T0), AlarmKind.MainsPowerLost },
        { new MainsPowerRestored(Cab1, T0), null },
        { new BatteryLow(Cab1, 18, T0), AlarmKind.BatteryLow },
        { new BatteryRecovered(Cab1, 40, T0), null },
        { new Controllers.ControllerCommunicationLost(Ctl1, T0), AlarmKind.ControllerCommunicationLost },
        { new Controllers.ControllerOfflineTooLong(Ctl1, T0, TimeSpan.FromHours(4), T0.AddHours(4)), AlarmKind.ControllerOfflineTooLong },
        { new Controllers.ControllerCommunicationRestored(Ctl1, T0, TimeSpan.FromHours(1), T0.AddHours(1)), null },
        { Fault(FaultSeverity.Critical), AlarmKind.KeyFault },
        { Fault(FaultSeverity.Major), null },
        { Fault(FaultSeverity.Minor), null },
    };

    private static FaultReported Fault(FaultSeverity severity) =>
        new(Slot1, new KeyId("van-12"), new KeyFault(FaultId.New(), severity, "fob cracked", Alice, "alice", T0), T0);

    [Theory]
    [MemberData(nameof(Facts))]
    public void Each_alarm_has_the_fact_that_raises_it(object fact, AlarmKind? raises)
    {
        Assert.Equal(raises, AlarmSources.Raises(fact));
    }

    [Fact]
    public void A_key_taken_by_a_revoked_person_is_a_security_alarm()
    {
        Assert.True(AlarmSources.IsSecurity(nameof(AlarmKind.KeyTakenByRevokedPerson)));
    }

    [Fact]
    public void A_closed_door_concerns_alarms_because_it_ends_a_door_left_open()
    {
        Assert.True(AlarmSources.Concerns(new DoorClosed(Cab1, T0)));
    }

    [Fact]
    public void Mains_power_back_a_recovered_battery_and_a_controller_answering_again_concern_alarms_because_they_end_them()
    {
        Assert.True(AlarmSources.Concerns(new MainsPowerRestored(Cab1, T0)));
        Assert.True(AlarmSources.Concerns(new BatteryRecovered(Cab1, 40, T0)));
        Assert.True(AlarmSources.Concerns(new Controllers.ControllerCommunicationRestored(Ctl1, T0, TimeSpan.FromHours(1), T0.AddHours(1))));
    }

    [Fact]
    public void Clearing_a_keys_last_critical_fault_concerns_alarms_because_it_ends_the_fault_alarm()
    {
        var cleared = new FaultCleared(Slot1, new KeyId("van-12"), FaultId.New(), FaultSeverity.Critical, "fob replaced", "ops", false, T0);
        Assert.True(AlarmSources.Concerns(cleared));
        Assert.False(AlarmSources.Concerns(cleared with { StillFaulted = true }));
    }
}
