using FleetKeys.Domain.Controllers;
using FleetKeys.Domain.Ids;
using FleetKeys.Driver;
using FleetKeys.Protocol.Channels;
using FleetKeys.Protocol.Messages;
using FleetKeys.Protocol.Security;

namespace FleetKeys.Node.Tests.Driver;

/// <summary>What the driver sends a cabinet next: a person at the cabinet never waits behind a bulk allow-list sync.</summary>
public sealed class BusSpecs
{
    private static Bus NewBus() =>
        new(1, new AttachedCabinet(CabinetId.Parse("cab-1"), RequiresPin: false), new PanelChannel(1, ControllerSecret.Generate()));

    private static Bus SyncingBus(int changes)
    {
        var bus = NewBus();
        for (var version = 1u; version <= changes; version++) bus.Enqueue(new AllowListPurge(version, $"person-{version}"));
        return bus;
    }

    private static List<Command> Drain(Bus bus, int count) => [.. Enumerable.Range(0, count).Select(_ => bus.Next())];

    [Fact]
    public void Feedback_queued_behind_hundreds_of_allow_list_changes_goes_out_first()
    {
        var bus = SyncingBus(300);

        bus.Enqueue(CabinetFeedback.Text("Welcome"));

        Assert.IsType<TextOutput>(bus.Next());
    }

    [Fact]
    public void A_long_sync_is_interrupted_by_a_poll_every_few_changes_so_a_badge_is_picked_up()
    {
        var bus = SyncingBus(100);

        var sent = Drain(bus, 50);

        var pollsAt = sent.Select((command, index) => (command, index)).Where(x => x.command is Poll).Select(x => x.index).ToList();
        Assert.Equal(10, pollsAt.Count);
        Assert.All(pollsAt.Zip(pollsAt.Skip(1)), gap => Assert.Equal(Bus.AllowListChangesPerPoll + 1, gap.Item2 - gap.Item1));
    }

    [Fact]
    public void Allow_list_changes_keep_their_order_and_an_interrupted_one_goes_out_again_first()
    {
        var bus = SyncingBus(6);
        bus.InFlight = bus.Next();

        bus.Requeue();
        var versions = Drain(bus, 8).OfType<AllowListPurge>().Select(p => p.Version);

        Assert.Equal([1u, 2, 3, 4, 5, 6], versions);
    }

    [Fact]
    public void A_reload_drops_queued_changes_but_not_feedback()
    {
        var bus = SyncingBus(10);
        bus.Enqueue(CabinetFeedback.Text("Welcome"));

        bus.DropQueuedAllowListChanges();

        Assert.IsType<TextOutput>(bus.Next());
        Assert.IsType<Poll>(bus.Next());
        Assert.False(bus.HasWork);
    }
}
