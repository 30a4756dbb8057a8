using Akka.Event;
using FleetKeys.Domain;
using FleetKeys.Domain.Cabinets;
using FleetKeys.Domain.Controllers;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.Security;
using FleetKeys.Driver.Cabinets;
using FleetKeys.Driver.Polling;
using FleetKeys.Protocol;
using FleetKeys.Protocol.Channels;
using FleetKeys.Protocol.Messages;
using FleetKeys.Protocol.Security;
using Microsoft.Extensions.Time.Testing;

namespace FleetKeys.Driver.Tests;

/// <summary>What the person at a cabinet waits for: the cluster decides, the errand carries the question and shows the answer.</summary>
public sealed class CabinetErrandsSpecs
{
    private static readonly BadgeNumber Ada = new("04A1B2C3");
    private static readonly SealingKey Pepper = SealingKey.Derive(new byte[32], "pin-pepper");
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Idle = TimeSpan.FromMilliseconds(500);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero));
    private readonly RecordingCluster _cluster = new();
    private readonly PollScheduler _polls;
    private TimeSpan _busNow = TimeSpan.FromSeconds(100);
    private readonly CabinetErrands _errands;

    public CabinetErrandsSpecs()
    {
        _polls = new PollScheduler([1], new PollPacing(Poll, Idle, TimeSpan.FromSeconds(2)));
        _errands = new CabinetErrands(_cluster, _polls, () => _busNow, _clock, TimeSpan.FromSeconds(20), Pepper, NoLogger.Instance);
    }

    private DateTimeOffset Now => _clock.GetUtcNow();

    private AccessGranted Granted(int remaining = 2, UnlockSlot? unlock = null) =>
        new(CabinetId.Parse("cab-1"), SessionId.New(), PersonId.Parse("ada"), remaining, Now.AddMinutes(1), unlock);

    [Fact]
    public void A_badge_is_presented_at_once_and_a_grant_opens_the_session_and_welcomes_the_person()
    {
        var bus = RecordingCluster.Bus(1, "cab-1");

        _errands.BadgeRead(bus, Ada);
        var asked = _cluster.Answer<PresentBadge>(Granted());

        Assert.Equal(new PresentBadge(bus.Cabinet, Ada, null, Now), asked);
        Assert.NotNull(bus.Session);
        Assert.Equal(["Welcome: choose a key"], RecordingCluster.Queued(bus).OfType<TextOutput>().Select(t => t.Text));
    }

    [Fact]
    public void An_open_session_keeps_the_cabinet_polled_at_the_full_rate_until_it_ends()
    {
        var bus = RecordingCluster.Bus(1, "cab-1");
        _polls.Next(_busNow, _ => false);

        _errands.BadgeRead(bus, Ada);
        _cluster.Answer<PresentBadge>(Granted());

        // The session lasts a minute, far past the active window: every poll until then comes a poll interval after the last.
        _busNow += TimeSpan.FromSeconds(50);
        Assert.Equal((byte?)1, _polls.Next(_busNow, _ => false));
        Assert.Null(_polls.Next(_busNow + Poll - TimeSpan.FromTicks(1), _ => false));
        Assert.Equal((byte?)1, _polls.Next(_busNow + Poll, _ => false));
    }

    [Fact]
    public void A_refusal_is_shown_with_its_reason()
    {
        var bus = RecordingCluster.Bus(1, "cab-1");

        _errands.BadgeRead(bus, Ada);
        _cluster.Answer<PresentBadge>(Rejection.Of(RejectionCode.UnknownBadge, "who?"));

        Assert.Null(bus.Session);
        Assert.Contains(RecordingCluster.Queued(bus), c => c is TextOutput { Text: "Badge not known" });
    }

    [Fact]
    public void At_a_cabinet_that_requires_a_pin_the_badge_waits_for_the_keypad_and_goes_with_the_pin()
    {
        var bus = RecordingCluster.Bus(1, "cab-1", requiresPin: true);

        _errands.BadgeRead(bus, Ada);
        Assert.Empty(_cluster.Asks);
        Assert.Contains(RecordingCluster.Queued(bus), c => c is TextOutput { Text: "Enter PIN, then #" });

        _errands.KeysTyped(bus, "1234#");
        Assert.Equal(new PresentBadge(bus.Cabinet, Ada, "1234", Now), _cluster.Answer<PresentBadge>(Granted()));
    }

    [Fact]
    public void A_pin_change_is_hashed_off_the_bus_thread_and_its_answer_shown()
    {
        var bus = RecordingCluster.Bus(1, "cab-1", requiresPin: true);
        _errands.BadgeRead(bus, Ada);
        RecordingCluster.Queued(bus);

        _errands.KeysTyped(bus, "*1234*2468*2468#");

        Assert.True(_cluster.Asks[0].BuiltAside && _cluster.Asks[0].ForPerson);
        var change = _cluster.Answer<ChangePinAtCabinet>(new object());
        Assert.Equal((Ada, "1234"), (change.Badge, change.OldPin));
        Assert.Contains(RecordingCluster.Queued(bus), c => c is TextOutput { Text: "PIN changed" });
    }

    [Fact]
    public void A_new_pin_typed_differently_twice_asks_nothing()
    {
        var bus = RecordingCluster.Bus(1, "cab-1", requiresPin: true);
        _errands.BadgeRead(bus, Ada);
        RecordingCluster.Queued(bus);

        _errands.KeysTyped(bus, "*1234*2468*2469#");

        Assert.Empty(_cluster.Asks);
        Assert.Contains(RecordingCluster.Queued(bus), c => c is TextOutput { Text: "New PINs differ: try again" });
    }

    [Fact]
    public void A_key_chosen_without_an_open_session_is_refused_without_asking()
    {
        var bus = RecordingCluster.Bus(1, "cab-1");

        _errands.KeySelected(bus, 3, null);

        Assert.Empty(_cluster.Asks);
        Assert.Contains(RecordingCluster.Queued(bus), c => c is TextOutput { Text: "Present your badge" });
    }

    [Fact]
    public void A_released_key_is_unlocked_ahead_of_everything_queued_and_the_person_told_where_it_is()
    {
        var bus = RecordingCluster.Bus(1, "cab-1");
        _errands.BadgeRead(bus, Ada);
        var session = _cluster.Answer<PresentBadge>(Granted()) is not null ? bus.Session!.Value.Session : default;
        bus.Enqueue(new AllowListPurge(1, "bob"));

        _errands.KeySelected(bus, 3, 1);
        var chosen = _cluster.Answer<SelectKey>(new UnlockSlot(bus.Cabinet, 3, GrantId.New(), Now.AddSeconds(10)));

        Assert.Equal(new SelectKey(bus.Cabinet, session, 3, Now, 1), chosen);
        var queued = RecordingCluster.Queued(bus, Now);
        var unlock = Assert.IsType<OutputControl>(queued[0]);
        Assert.Equal(OutputAction.Unlock(3, TimeSpan.FromSeconds(10)), Assert.Single(unlock.Actions));
        Assert.Contains(queued, c => c is TextOutput { Text: "Take the key from slot 3" });
    }

    [Fact]
    public void A_release_that_reaches_the_cabinet_after_its_window_opens_nothing_and_the_person_is_told_to_try_again()
    {
        var bus = RecordingCluster.Bus(1, "cab-1");
        _errands.BadgeRead(bus, Ada);
        _cluster.Answer<PresentBadge>(Granted());
        RecordingCluster.Queued(bus);

        _errands.KeySelected(bus, 3, null);
        _clock.Advance(TimeSpan.FromSeconds(11));
        _cluster.Answer<SelectKey>(new UnlockSlot(bus.Cabinet, 3, GrantId.New(), Now.AddSeconds(-1)));

        var queued = RecordingCluster.Queued(bus, Now);
        Assert.DoesNotContain(queued, c => c is OutputControl);
        Assert.Contains(queued, c => c is TextOutput { Text: "Try again" });
    }

    [Fact]
    public void What_the_person_at_the_cabinet_asks_is_answered_even_on_a_new_connection_what_the_link_asks_is_not()
    {
        var bus = RecordingCluster.Bus(1, "cab-1");

        _errands.BadgeRead(bus, Ada);
        Assert.True(_cluster.Asks[^1].ForPerson);
        _cluster.Answer<PresentBadge>(Granted());
        _errands.KeySelected(bus, 3, null);
        Assert.True(_cluster.Asks[^1].ForPerson);
        _errands.EventsReported(bus, Log(4));
        Assert.False(_cluster.Asks[^1].ForPerson);

        var answered = new ClusterAsks.Answered(1, Generation: 4, new object(), (_, _) => { }, ForPerson: true);
        Assert.True(answered.StillWanted(5));
        Assert.False((answered with { ForPerson = false }).StillWanted(5));
        Assert.True((answered with { ForPerson = false }).StillWanted(4));
    }

    [Fact]
    public void A_new_connection_keeps_the_persons_open_session_and_forgets_a_badge_waiting_for_its_PIN()
    {
        var bus = RecordingCluster.Bus(1, "cab-1", requiresPin: true);
        _errands.BadgeRead(bus, Ada);
        _errands.KeysTyped(bus, "1234#");
        _cluster.Answer<PresentBadge>(Granted());
        var session = bus.Session;
        _errands.BadgeRead(bus, Ada);

        bus.Reconnected(new PanelChannel(1, ControllerSecret.Generate()));
        _errands.KeysTyped(bus, "1234#");
        _errands.KeySelected(bus, 3, null);

        Assert.Equal(session, bus.Session);
        Assert.Equal(new SelectKey(bus.Cabinet, session!.Value.Session, 3, Now, null), _cluster.Answer<SelectKey>(new Ack()));
        Assert.Empty(_cluster.Asks);
    }

    [Fact]
    public void The_second_person_of_the_two_person_rule_releases_the_first_persons_key()
    {
        var bus = RecordingCluster.Bus(1, "cab-1");

        _errands.BadgeRead(bus, Ada);
        _cluster.Answer<PresentBadge>(Granted(unlock: new UnlockSlot(CabinetId.Parse("cab-1"), 5, GrantId.New(), Now.AddSeconds(10))));

        Assert.IsType<OutputControl>(RecordingCluster.Queued(bus, Now)[0]);
    }

    private static EventReport Log(params uint[] numbers) =>
        new(7, [.. numbers.Select(n => (Protocol.Messages.CabinetEvent)new TagRemoved(n, DateTimeOffset.UnixEpoch, 1, ByteString.FromHex("0A0B")))]);

    [Fact]
    public void An_event_log_is_recorded_one_entry_at_a_time_and_acknowledged_up_to_what_the_cluster_persisted()
    {
        var bus = RecordingCluster.Bus(1, "cab-1");

        _errands.EventsReported(bus, Log(4, 5, 6));
        Assert.Single(_cluster.Asks);
        Assert.Equal(new HardwareEventRef(7, 4), _cluster.Answer<ReportTagRemoved>(new object()).Source);
        Assert.Equal(new HardwareEventRef(7, 5), _cluster.Answer<ReportTagRemoved>(new object()).Source);
        _cluster.Answer<ReportTagRemoved>(Rejection.Of(RejectionCode.Unavailable, "the journal is away"));

        Assert.Empty(_cluster.Asks);
        Assert.False(bus.Uploading);
        Assert.Equal([new EventAck(7, 5)], RecordingCluster.Queued(bus));
    }

    [Fact]
    public void A_log_reported_again_while_its_upload_is_under_way_is_not_uploaded_twice()
    {
        var bus = RecordingCluster.Bus(1, "cab-1");

        _errands.EventsReported(bus, Log(4));
        _errands.EventsReported(bus, Log(4));

        Assert.Single(_cluster.Asks);
    }

    [Fact]
    public void A_return_to_the_wrong_slot_guides_the_person_to_the_keys_home()
    {
        var bus = RecordingCluster.Bus(1, "cab-1");

        _errands.EventsReported(bus, Log(4));
        _cluster.Answer<ReportTagRemoved>(new SlotEventRecorded(bus.Cabinet, 1, GuideToSlot: 9));

        Assert.Contains(RecordingCluster.Queued(bus), c => c is TextOutput { Text: "Wrong slot: use slot 9" });
    }
}
