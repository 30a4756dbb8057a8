using Akka.Actor;
using Akka.TestKit;
using FleetKeys.Cluster.Cabinets;
using FleetKeys.Cluster.Tests.Support;
using FleetKeys.Domain.Alarms;
using FleetKeys.Domain.Cabinets;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeySlots;
using Microsoft.Extensions.Time.Testing;

namespace FleetKeys.Cluster.Tests;

/// <summary>
/// Overdue deadlines live in the cabinet's persisted slot summaries: a timer per key out, re-armed whenever the cabinet
/// starts again, telling the key slot when a deadline passes. The door's limit works the same way from the persisted
/// door state. Time is moved by hand (test scheduler and clock).
/// </summary>
public sealed class CabinetDeadlineSpecs : Akka.TestKit.Xunit2.TestKit
{
    private static readonly CabinetId Cabinet = new("cab-1");
    private static readonly PersonId Holder = new("alice");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly TestProbe _slots;
    private readonly TestProbe _cabinets;
    private readonly CabinetAlone _alone;

    public CabinetDeadlineSpecs() : base("akka.scheduler.implementation = \"Akka.TestKit.TestScheduler, Akka.TestKit\"")
    {
        _alone = new CabinetAlone(this, _clock);
        (_slots, _cabinets) = (_alone.Slots, _alone.Cabinets);
    }

    private DateTimeOffset At => _clock.GetUtcNow();

    private IActorRef CabinetActor() => _alone.Start(Cabinet);

    private void Elapse(TimeSpan time)
    {
        _clock.Advance(time);
        ((TestScheduler)Sys.Scheduler).Advance(time);
    }

    private IActorRef RegisteredCabinet() => _alone.Registered(Cabinet, new SiteId("hq"));

    private void Summary(IActorRef cabinet, CustodyStatus status, DateTimeOffset? due)
    {
        cabinet.Tell(new UpdateSlotSummary(Cabinet, new SlotSummary(2, status, status == CustodyStatus.Out ? Holder : null, due, due), At), TestActor);
        ExpectMsg<CabinetDetails>();
    }

    private NoticeOverdue ExpectNotice() => _slots.FishForMessage<NoticeOverdue>(_ => true);

    [Fact]
    public void A_key_out_past_its_due_time_is_reported_to_its_slot_at_that_time()
    {
        var cabinet = RegisteredCabinet();
        Summary(cabinet, CustodyStatus.Out, At.AddHours(1));

        Elapse(TimeSpan.FromMinutes(59));
        _slots.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Elapse(TimeSpan.FromMinutes(1));

        var notice = ExpectNotice();
        Assert.Equal(new SlotId(Cabinet, 2), notice.Slot);
        Assert.Equal(new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero), notice.At);
    }

    [Fact]
    public void A_key_returned_before_its_due_time_raises_nothing()
    {
        var cabinet = RegisteredCabinet();
        Summary(cabinet, CustodyStatus.Out, At.AddHours(1));
        Summary(cabinet, CustodyStatus.InSlot, null);

        Elapse(TimeSpan.FromHours(2));

        _slots.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void The_deadline_survives_the_cabinet_stopping_and_fires_when_it_starts_again()
    {
        var cabinet = RegisteredCabinet();
        Summary(cabinet, CustodyStatus.Out, At.AddHours(1));
        Watch(cabinet);
        Sys.Stop(cabinet);
        ExpectTerminated(cabinet);

        // The cabinet is down while the deadline passes (its node died); woken later, it reports at once.
        Elapse(TimeSpan.FromHours(3));
        var restarted = CabinetActor();
        restarted.Tell(new WakeCabinet(Cabinet));
        restarted.Tell(new GetCabinet(Cabinet), TestActor);
        Assert.Equal(CustodyStatus.Out, ExpectMsg<CabinetDetails>().Summary[2].Status); // recovered, timers re-armed
        Elapse(TimeSpan.Zero);

        Assert.Equal(new SlotId(Cabinet, 2), ExpectNotice().Slot);
    }

    private CabinetDetails Door(IActorRef cabinet, bool open, uint number)
    {
        cabinet.Tell(new ReportDoor(Cabinet, open, At, new HardwareEventRef(1, number)), TestActor);
        return ExpectMsg<CabinetDetails>();
    }

    private CabinetDetails Current(IActorRef cabinet)
    {
        cabinet.Tell(new GetCabinet(Cabinet), TestActor);
        return ExpectMsg<CabinetDetails>();
    }

    private IActorRef CabinetWithDoorLimit(TimeSpan limit)
    {
        var cabinet = RegisteredCabinet();
        cabinet.Tell(new SetAlarmSettings(Cabinet, AlarmSettings.Default with { DoorOpenLimit = limit }, At), TestActor);
        ExpectMsg<CabinetDetails>();
        return cabinet;
    }

    [Fact]
    public void A_door_open_past_its_limit_is_recorded_as_left_open_at_that_time_and_a_door_closed_in_time_is_not()
    {
        var cabinet = CabinetWithDoorLimit(TimeSpan.FromSeconds(30));
        Door(cabinet, open: true, 1);
        Elapse(TimeSpan.FromSeconds(20));
        Door(cabinet, open: false, 2);
        Elapse(TimeSpan.FromMinutes(5));
        Assert.False(Current(cabinet).DoorLeftOpen);

        Door(cabinet, open: true, 3);
        Elapse(TimeSpan.FromSeconds(29));
        Assert.False(Current(cabinet).DoorLeftOpen);
        Elapse(TimeSpan.FromSeconds(1));

        AwaitAssert(() => Assert.True(Current(cabinet).DoorLeftOpen));
    }

    [Fact]
    public void While_a_key_out_has_a_step_to_come_the_cabinet_keeps_itself_awake_so_passivation_cannot_drop_the_deadline()
    {
        var cabinet = RegisteredCabinet();
        Summary(cabinet, CustodyStatus.Out, At.AddHours(3));

        for (var i = 0; i < 5; i++)
        {
            Elapse(TimeSpan.FromSeconds(30));
            Assert.Equal(new WakeCabinet(Cabinet), _cabinets.ExpectMsg<WakeCabinet>());
        }

        Summary(cabinet, CustodyStatus.InSlot, null);
        _cabinets.ReceiveWhile(TimeSpan.FromMilliseconds(200), m => m);
        Elapse(TimeSpan.FromMinutes(5));
        _cabinets.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void While_its_door_is_watched_the_cabinet_keeps_itself_awake_through_its_region_and_stops_once_the_alarm_is_raised()
    {
        var cabinet = CabinetWithDoorLimit(TimeSpan.FromMinutes(5));
        Door(cabinet, open: true, 1);

        for (var i = 0; i < 9; i++)
        {
            Elapse(TimeSpan.FromSeconds(30));
            Assert.Equal(new WakeCabinet(Cabinet), _cabinets.ExpectMsg<WakeCabinet>());
        }

        Elapse(TimeSpan.FromSeconds(30));
        AwaitAssert(() => Assert.True(Current(cabinet).DoorLeftOpen));
        _cabinets.ReceiveWhile(TimeSpan.FromMilliseconds(200), m => m);
        Elapse(TimeSpan.FromMinutes(5));
        _cabinets.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void A_door_left_open_while_the_cabinet_is_down_is_recorded_when_it_starts_again()
    {
        var cabinet = CabinetWithDoorLimit(TimeSpan.FromSeconds(30));
        Door(cabinet, open: true, 1);
        Watch(cabinet);
        Sys.Stop(cabinet);
        ExpectTerminated(cabinet);

        Elapse(TimeSpan.FromMinutes(10));
        var restarted = CabinetActor();
        Assert.False(Current(restarted).DoorLeftOpen); // recovered, door timer re-armed
        Elapse(TimeSpan.Zero);

        AwaitAssert(() => Assert.True(Current(restarted).DoorLeftOpen));
    }

    [Fact]
    public void A_reservation_start_is_reported_to_its_slot_at_that_time_even_after_the_cabinet_stopped()
    {
        var start = At.AddHours(1);
        var notice = DeadlineAfterRestart<NoticeReservationStart>(new SlotSummary(3, CustodyStatus.InSlot, null, null, NextReservationAt: start), start);
        Assert.Equal((new SlotId(Cabinet, 3), start), (notice.Slot, notice.At));
    }

    [Fact]
    public void An_approval_requests_deadline_is_reported_to_its_slot_at_that_time_even_after_the_cabinet_stopped()
    {
        var lapse = At.AddMinutes(30);
        var notice = DeadlineAfterRestart<NoticeApprovalDeadlines>(new SlotSummary(4, CustodyStatus.InSlot, null, null) { NextApprovalDeadline = lapse }, lapse);
        Assert.Equal((new SlotId(Cabinet, 4), lapse), (notice.Slot, notice.At));
    }

    /// <summary>
    /// The cabinet learns a slot's deadline from its summary, stops, and starts again: nothing reaches the slot a minute
    /// before the deadline, and the notice does at it.
    /// </summary>
    private TNotice DeadlineAfterRestart<TNotice>(SlotSummary summary, DateTimeOffset deadline)
    {
        var cabinet = RegisteredCabinet();
        cabinet.Tell(new UpdateSlotSummary(Cabinet, summary, At), TestActor);
        ExpectMsg<CabinetDetails>();
        Watch(cabinet);
        Sys.Stop(cabinet);
        ExpectTerminated(cabinet);

        var restarted = CabinetActor();
        restarted.Tell(new WakeCabinet(Cabinet));
        // Recovered (and its timers armed) before the test scheduler moves: a timer armed after the last move would wait for another.
        Current(restarted);
        Elapse(deadline - At - TimeSpan.FromMinutes(1));
        _slots.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Elapse(TimeSpan.FromMinutes(1));
        return _slots.FishForMessage<TNotice>(_ => true);
    }
}
