using FleetKeys.Domain.Controllers;
using FleetKeys.Domain.Ids;
using FleetKeys.Driver;
using FleetKeys.Protocol;
using FleetKeys.Protocol.Channels;
using FleetKeys.Protocol.Messages;
using FleetKeys.Protocol.Security;

namespace FleetKeys.Driver.Tests;

/// <summary>What the driver sends a cabinet next: a person at the cabinet never waits behind a bulk allow-list sync.</summary>
public sealed class CabinetOnBusSpecs
{
    private static CabinetOnBus NewBus() =>
        new(1, new AttachedCabinet(CabinetId.Parse("cab-1"), RequiresPin: false), new PanelChannel(1, ControllerSecret.Generate()));

    private static CabinetOnBus SyncingBus(int changes)
    {
        var bus = NewBus();
        for (var version = 1u; version <= changes; version++) bus.Enqueue(new AllowListPurge(version, $"person-{version}"));
        return bus;
    }

    private static List<Command> Drain(CabinetOnBus bus, int count) => [.. Enumerable.Range(0, count).Select(_ => bus.Next(RecordingCluster.SentAt))];

    [Fact]
    public void Feedback_queued_behind_hundreds_of_allow_list_changes_goes_out_first()
    {
        var bus = SyncingBus(300);

        bus.Enqueue(CabinetFeedback.Text("Welcome"));

        Assert.IsType<TextOutput>(bus.Next(RecordingCluster.SentAt));
    }

    [Fact]
    public void A_long_sync_is_interrupted_by_a_poll_every_few_changes_so_a_badge_is_picked_up()
    {
        var bus = SyncingBus(100);

        var sent = Drain(bus, 50);

        var pollsAt = sent.Select((command, index) => (command, index)).Where(x => x.command is Poll).Select(x => x.index).ToList();
        Assert.Equal(10, pollsAt.Count);
        Assert.All(pollsAt.Zip(pollsAt.Skip(1)), gap => Assert.Equal(CabinetOnBus.AllowListChangesPerPoll + 1, gap.Item2 - gap.Item1));
    }

    [Fact]
    public void Allow_list_changes_keep_their_order_and_an_interrupted_one_goes_out_again_first()
    {
        var bus = SyncingBus(6);
        bus.InFlight = bus.Next(RecordingCluster.SentAt);

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

        Assert.IsType<TextOutput>(bus.Next(RecordingCluster.SentAt));
        Assert.IsType<Poll>(bus.Next(RecordingCluster.SentAt));
        Assert.False(bus.HasWork);
    }

    /// <summary>A bus whose list was brought to version 3 and acknowledged, with changes 4 and 5 still to go.</summary>
    private static CabinetOnBus ListedBus()
    {
        var bus = NewBus();
        bus.Layout = (SiteId.Parse("site"), new Dictionary<int, KeyGroup>());
        bus.AllowListVersion = 5;
        bus.AcknowledgedAllowListVersion = 3;
        bus.Enqueue(new AllowListPurge(4, "person-4"), new AllowListPurge(5, "person-5"));
        return bus;
    }

    private static List<uint> Queued(CabinetOnBus bus) =>
        [.. Drain(bus, 3).Where(c => c is not Poll).Select(CabinetOnBus.VersionOf)];

    [Fact]
    public void A_controller_at_the_acknowledged_version_goes_on_with_what_is_still_queued()
    {
        var bus = ListedBus();

        Assert.True(bus.ContinuesFrom(3));
        Assert.Equal([4u, 5u], Queued(bus));
    }

    [Fact]
    public void A_change_whose_acknowledgement_the_link_lost_is_not_sent_again()
    {
        var bus = ListedBus();

        Assert.True(bus.ContinuesFrom(4));
        Assert.Equal(4u, bus.AcknowledgedAllowListVersion);
        Assert.Equal([5u], Queued(bus));
    }

    [Theory]
    [InlineData(2u)] // behind what it acknowledged: it lost changes
    [InlineData(6u)] // ahead of anything this driver sent: another driver's list, or another controller
    public void A_controller_at_a_version_this_driver_did_not_bring_it_to_is_reloaded_whole(uint version) =>
        Assert.False(ListedBus().ContinuesFrom(version));

    [Fact]
    public void A_clear_still_to_go_means_the_list_on_the_controller_is_not_the_one_being_sent()
    {
        var bus = ListedBus();
        bus.Enqueue(new AllowListClear(1));

        Assert.False(bus.ContinuesFrom(3));
    }

    [Fact]
    public void A_driver_that_never_loaded_the_cabinet_reloads_it_whole()
    {
        var bus = NewBus();

        Assert.False(bus.ContinuesFrom(0));
    }

    [Fact]
    public void A_cabinet_without_a_session_is_sent_a_handshake_before_any_command()
    {
        var bus = NewBus();
        bus.Enqueue(CabinetFeedback.Text("Welcome"));

        bus.NextFrame(RecordingCluster.SentAt);

        Assert.True(bus.Channel.IsAwaitingReply);
        Assert.Null(bus.InFlight);
    }

    [Fact]
    public void An_unanswered_frame_is_sent_again_up_to_the_retransmission_limit_then_the_session_starts_over()
    {
        var bus = NewBus();
        var first = bus.NextFrame(RecordingCluster.SentAt);

        for (var retry = 0; retry < ProtocolTiming.MaxRetransmissions; retry++)
        {
            bus.TimedOut();
            Assert.Equal(first, bus.NextFrame(RecordingCluster.SentAt));
        }

        bus.TimedOut();
        Assert.NotEqual(first, bus.NextFrame(RecordingCluster.SentAt));
        Assert.True(bus.Channel.IsAwaitingReply);
    }

    [Fact]
    public void A_release_held_up_in_the_queue_opens_the_slot_only_for_what_is_left_of_its_window()
    {
        var bus = NewBus();
        var now = RecordingCluster.SentAt;

        bus.Release(3, now.AddSeconds(10), now);
        var unlock = Assert.IsType<OutputControl>(bus.Next(now.AddSeconds(4)));

        Assert.Equal(OutputAction.Unlock(3, TimeSpan.FromSeconds(6)), Assert.Single(unlock.Actions));
        Assert.Equal([CabinetFeedback.TakeKey(3)], RecordingCluster.Queued(bus, now.AddSeconds(4)));
    }

    [Fact]
    public void A_release_whose_window_ended_before_it_went_out_opens_nothing_and_the_person_is_told_to_try_again()
    {
        var bus = NewBus();
        var now = RecordingCluster.SentAt;

        bus.Release(3, now.AddSeconds(10), now);
        var queued = RecordingCluster.Queued(bus, now.AddSeconds(10));

        Assert.DoesNotContain(queued, c => c is OutputControl);
        Assert.DoesNotContain(queued, c => c is TextOutput { Text: "Take the key from slot 3" });
        Assert.Contains(queued, c => c is TextOutput { Text: "Try again" });
    }

    [Fact]
    public void A_release_sent_again_after_a_new_session_is_timed_again_from_what_is_left()
    {
        var bus = NewBus();
        var now = RecordingCluster.SentAt;
        bus.Release(3, now.AddSeconds(10), now);
        bus.InFlight = bus.Next(now.AddSeconds(1));

        bus.Requeue();
        var again = Assert.IsType<OutputControl>(bus.Next(now.AddSeconds(7)));

        Assert.Equal(OutputAction.Unlock(3, TimeSpan.FromSeconds(3)), Assert.Single(again.Actions));
        bus.InFlight = again;
        bus.Requeue();
        Assert.DoesNotContain(RecordingCluster.Queued(bus, now.AddSeconds(11)), c => c is OutputControl);
    }
}
