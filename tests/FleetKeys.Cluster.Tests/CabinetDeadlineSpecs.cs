using Akka.Actor;
using Akka.Hosting;
using Akka.TestKit;
using FleetKeys.Cluster.Cabinets;
using FleetKeys.Cluster.Controllers;
using FleetKeys.Cluster.Credentials;
using FleetKeys.Cluster.Entities;
using FleetKeys.Cluster.KeySlots;
using FleetKeys.Cluster.People;
using FleetKeys.Cluster.Sites;
using FleetKeys.Domain.Cabinets;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeySlots;
using Microsoft.Extensions.Time.Testing;

namespace FleetKeys.Cluster.Tests;

/// <summary>
/// Overdue deadlines live in the cabinet's persisted slot summaries: a timer per key out, re-armed whenever the cabinet
/// starts again, telling the key slot when a deadline passes. Time is moved by hand (test scheduler and clock).
/// </summary>
public sealed class CabinetDeadlineSpecs : Akka.TestKit.Xunit2.TestKit
{
    private static readonly CabinetId Cabinet = new("cab-1");
    private static readonly PersonId Holder = new("alice");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly TestProbe _slots;

    public CabinetDeadlineSpecs() : base("akka.scheduler.implementation = \"Akka.TestKit.TestScheduler, Akka.TestKit\"")
    {
        _slots = CreateTestProbe();
        var registry = ActorRegistry.For(Sys);
        registry.Register<KeySlotRegion>(_slots.Ref);
        registry.Register<PersonRegion>(CreateTestProbe().Ref);
        registry.Register<CredentialRegion>(CreateTestProbe().Ref);
        registry.Register<ControllerRegion>(CreateTestProbe().Ref);
        registry.Register<SiteRegion>(CreateTestProbe().Ref);
    }

    private DateTimeOffset At => _clock.GetUtcNow();

    private IActorRef CabinetActor() =>
        Sys.ActorOf(Props.Create(() => new CabinetActor(Cabinet, new EntityServices(_clock, new EntitySettings(), null))));

    private void Elapse(TimeSpan time)
    {
        _clock.Advance(time);
        ((TestScheduler)Sys.Scheduler).Advance(time);
    }

    private IActorRef RegisteredCabinet()
    {
        var cabinet = CabinetActor();
        cabinet.Tell(new RegisterCabinet(Cabinet, new SiteId("hq"), "UTC", new ControllerId("ctl"), 1, 4, false, At), TestActor);
        ExpectMsg<CabinetState>();
        return cabinet;
    }

    private void Summary(IActorRef cabinet, CustodyStatus status, DateTimeOffset? due)
    {
        cabinet.Tell(new UpdateSlotSummary(Cabinet, new SlotSummary(2, status, status == CustodyStatus.Out ? Holder : null, due), At), TestActor);
        ExpectMsg<CabinetState>();
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
        Assert.Equal(CustodyStatus.Out, ExpectMsg<CabinetState>().Summary[2].Status); // recovered, timers re-armed
        Elapse(TimeSpan.Zero);

        Assert.Equal(new SlotId(Cabinet, 2), ExpectNotice().Slot);
    }

    [Fact]
    public void A_reservation_start_is_reported_to_its_slot_at_that_time_even_after_the_cabinet_stopped()
    {
        var cabinet = RegisteredCabinet();
        var start = At.AddHours(1);
        cabinet.Tell(new UpdateSlotSummary(Cabinet, new SlotSummary(3, CustodyStatus.InSlot, null, null, start), At), TestActor);
        ExpectMsg<CabinetState>();
        Watch(cabinet);
        Sys.Stop(cabinet);
        ExpectTerminated(cabinet);

        var restarted = CabinetActor();
        restarted.Tell(new WakeCabinet(Cabinet));
        Elapse(TimeSpan.FromMinutes(59));
        _slots.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Elapse(TimeSpan.FromMinutes(1));

        var notice = _slots.FishForMessage<NoticeReservationStart>(_ => true);
        Assert.Equal((new SlotId(Cabinet, 3), start), (notice.Slot, notice.At));
    }
}
