namespace FleetKeys.Domain.Tests;

/// <summary>Numbered reports from a controller's event log are applied once, however often they are re-sent.</summary>
public class CabinetHardwareReportTests
{
    private static HardwareEventRef Event(long number, uint epoch = 7) => new(epoch, number);

    private static CabinetState AfterEvent(long number) =>
        ACabinet.Registered().Run(new ReportTagRemoved(Cab1, 1, Tag1, T0, Event(number)));

    [Fact]
    public void A_numbered_report_is_recorded_with_its_source()
    {
        var left = ACabinet.Registered().Decide(new ReportTagRemoved(Cab1, 1, Tag1, T0, Event(5))).OnlyEvent<TagLeftSlot, CabinetEvent>();

        Assert.Equal(Event(5), left.Source);
        Assert.Equal(Event(5), ACabinet.Registered().Apply(left).LastHardwareEvent);
    }

    [Fact]
    public void The_last_report_seen_again_is_a_repeat_and_records_nothing()
    {
        var cabinet = AfterEvent(5);

        Assert.Equal(Freshness.Repeat, cabinet.FreshnessOf(Event(5)));
        cabinet.Decide(new ReportTagRemoved(Cab1, 1, Tag1, T0, Event(5))).AcceptedWithoutEvents();
    }

    [Fact]
    public void An_older_report_is_stale_and_records_nothing()
    {
        var cabinet = AfterEvent(5);

        Assert.Equal(Freshness.Stale, cabinet.FreshnessOf(Event(4)));
        cabinet.Decide(new ReportTagInserted(Cab1, 1, Tag1, T0, Event(4))).AcceptedWithoutEvents();
    }

    [Fact]
    public void A_newer_report_and_an_unnumbered_one_are_new()
    {
        var cabinet = AfterEvent(5);

        Assert.Equal(Freshness.New, cabinet.FreshnessOf(Event(6)));
        Assert.Equal(Freshness.New, cabinet.FreshnessOf(null));
        cabinet.Decide(new ReportTagInserted(Cab1, 1, Tag1, T0, Event(6))).OnlyEvent<TagEnteredSlot, CabinetEvent>();
    }

    [Fact]
    public void A_new_log_epoch_starts_afresh_even_with_lower_numbers()
    {
        var cabinet = AfterEvent(500);

        Assert.Equal(Freshness.New, cabinet.FreshnessOf(Event(1, epoch: 8)));
        cabinet.Decide(new ReportTagInserted(Cab1, 1, Tag1, T0, Event(1, epoch: 8))).OnlyEvent<TagEnteredSlot, CabinetEvent>();
    }

    [Fact]
    public void Doors_are_recorded_and_tracked()
    {
        var opened = ACabinet.Registered().Run(new ReportDoor(Cab1, true, T0, Event(1)));
        var closed = opened.Run(new ReportDoor(Cab1, false, T0.AddSeconds(9), Event(2)));

        Assert.True(opened.DoorOpen);
        Assert.False(closed.DoorOpen);
        Assert.Equal(Event(2), closed.LastHardwareEvent);
    }

    [Fact]
    public void An_offline_grant_is_recorded_as_such_and_an_offline_denial_as_a_denial()
    {
        var granted = ACabinet.Registered()
            .Decide(new RecordOfflineAccess(Cab1, Badge1, Alice, 2, true, null, T0, Event(1))).OnlyEvent<OfflineAccessGranted, CabinetEvent>();
        var denied = ACabinet.Registered()
            .Decide(new RecordOfflineAccess(Cab1, Badge1, null, 0, false, RejectionCode.UnknownBadge, T0, Event(1))).OnlyEvent<AccessDenied, CabinetEvent>();

        Assert.Equal((Alice, 2), (granted.Person, granted.Slot));
        Assert.Equal(RejectionCode.UnknownBadge, denied.Reason);
        Assert.Equal(Event(1), denied.Source);
    }

    [Fact]
    public void An_offline_grant_of_a_slot_the_cabinet_does_not_have_is_refused()
    {
        ACabinet.Registered().Decide(new RecordOfflineAccess(Cab1, Badge1, Alice, 99, true, null, T0, Event(1)))
            .Rejected(RejectionCode.UnknownSlot);
    }

    [Fact]
    public void Connectivity_changes_are_recorded_once()
    {
        var online = ACabinet.Registered().Run(new ReportConnectivity(Cab1, true, T0));

        Assert.True(online.Online);
        online.Decide(new ReportConnectivity(Cab1, true, T0.AddSeconds(1))).AcceptedWithoutEvents();
        Assert.False(online.Run(new ReportConnectivity(Cab1, false, T0.AddSeconds(2))).Online);
    }

    [Fact]
    public void A_cabinet_never_heard_from_is_recorded_offline_when_its_driver_gives_up_on_it()
    {
        var never = ACabinet.Registered();

        Assert.Equal(new CabinetOffline(Cab1, T0), never.Decide(new ReportConnectivity(Cab1, false, T0)).OnlyEvent<CabinetOffline, CabinetEvent>());
        never.Run(new ReportConnectivity(Cab1, false, T0)).Decide(new ReportConnectivity(Cab1, false, T0.AddSeconds(3))).AcceptedWithoutEvents();
    }
}
