namespace FleetKeys.Domain.Tests;

/// <summary>A key released from the control room obeys the same cabinet rules as a key chosen at the cabinet.</summary>
public class CabinetRemoteReleaseTests
{
    [Fact]
    public void A_homed_key_of_a_cabinet_in_service_may_be_released_remotely() =>
        Assert.Null(ACabinet.Registered().CheckRemoteRelease(1));

    [Fact]
    public void Nothing_is_released_remotely_from_a_cabinet_in_lock_down()
    {
        var lockedDown = ACabinet.Registered().Run(new LockDownCabinet(Cab1, "intrusion", "ops", T0));

        Assert.Equal(lockedDown.LockedDown(), lockedDown.CheckRemoteRelease(1));
    }

    [Fact]
    public void An_interlocked_key_is_not_released_remotely()
    {
        var masterOut = ACabinet.Registered()
            .Run(new SetInterlock(Cab1, new InterlockGroup("plant", 1, [2]), T0))
            .Run(new UpdateSlotSummary(Cab1, new SlotSummary(1, CustodyStatus.Out, Alice, null), T0));

        Assert.Equal(RejectionCode.Interlocked, masterOut.CheckRemoteRelease(2)?.Code);
    }

    [Fact]
    public void A_slot_with_no_key_homed_and_an_unregistered_cabinet_are_not_found()
    {
        Assert.Equal(RejectionCode.NotFound, ACabinet.Registered().CheckRemoteRelease(3)?.Code);
        Assert.Equal(RejectionCode.NotFound, CabinetState.Empty(Cab1).CheckRemoteRelease(1)?.Code);
    }
}
