using FleetKeys.Protocol;
using FleetKeys.Protocol.Messages;
using FleetKeys.Simulator.Tests.Support;

namespace FleetKeys.Simulator.Tests;

public sealed class EventLogTests
{
    [Fact]
    public async Task Events_are_reported_at_every_poll_until_acknowledged_and_forgotten_only_then()
    {
        await using var rig = await Rig.StartAsync();
        var panel = await rig.OnlineAsync();
        var cabinet = rig.Cabinet();
        cabinet.OpenDoor();
        cabinet.ForceSlot(2);
        var epoch = cabinet.EventLog.Epoch;

        var first = Assert.IsType<EventReport>(await panel.PollAsync(1));
        Assert.Equal(new EventReport(epoch, [new DoorOpened(1, Rig.Start), new TagRemoved(2, Rig.Start, 2, Rig.Tag(1, 2))]), first);
        Assert.Equal(first, await panel.PollAsync(1));

        Assert.IsType<Ack>(await panel.SendAsync(1, new EventAck(epoch + 1, 2)));
        Assert.Equal(2, cabinet.EventLog.Pending.Count);

        await panel.SendAsync(1, new EventAck(epoch, 1));
        Assert.Equal(new EventReport(epoch, [new TagRemoved(2, Rig.Start, 2, Rig.Tag(1, 2))]), await panel.PollAsync(1));

        var acknowledged = cabinet.WhenAllEventsAcknowledged(Rig.Within);
        Assert.False(acknowledged.IsCompleted);
        await panel.SendAsync(1, new EventAck(epoch, 99));
        await acknowledged;
        Assert.IsType<Ack>(await panel.PollAsync(1));

        var status = Assert.IsType<ControllerStatus>(await panel.SendAsync(1, new StatusRequest()));
        Assert.Equal((epoch, 2u, 2u), (status.EventEpoch, status.LastEventNumber, status.AcknowledgedUpTo));
        Assert.Equal(new EventLogState(epoch, 2, 2, []), cabinet.EventLog);
    }

    [Fact]
    public async Task A_long_backlog_is_reported_a_packet_at_a_time_oldest_first()
    {
        await using var rig = await Rig.StartAsync(slots: 60);
        var panel = await rig.OnlineAsync();
        var cabinet = rig.Cabinet();
        for (var slot = 1; slot <= 60; slot++) cabinet.ForceSlot((byte)slot);

        var numbers = new List<uint>();
        while (await panel.PollAsync(1) is EventReport report)
        {
            Assert.InRange(report.Events.Count, 1, 59);
            numbers.AddRange(report.Events.Select(e => e.Number));
            await panel.SendAsync(1, new EventAck(report.Epoch, report.Events[^1].Number));
        }

        Assert.Equal(Enumerable.Range(1, 60).Select(n => (uint)n), numbers);
    }

    [Fact]
    public async Task Events_carry_the_clock_the_driver_set()
    {
        await using var rig = await Rig.StartAsync();
        var panel = await rig.OnlineAsync();
        var clock = new DateTimeOffset(2031, 1, 2, 3, 4, 5, TimeSpan.Zero);

        await panel.SendAsync(1, new SetClock(clock));
        rig.Time.Advance(TimeSpan.FromMilliseconds(1500));
        rig.Cabinet().OpenDoor();

        Assert.Equal(clock.AddMilliseconds(1500), rig.Cabinet().Clock);
        Assert.Equal(clock.AddMilliseconds(1500), Assert.Single(rig.Cabinet().EventLog.Pending).Time);
    }
}
