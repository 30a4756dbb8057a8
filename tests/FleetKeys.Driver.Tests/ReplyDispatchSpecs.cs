using Akka.Event;
using FleetKeys.Domain.Cabinets;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.Security;
using FleetKeys.Driver.Cabinets;
using FleetKeys.Driver.Exchanges;
using FleetKeys.Driver.Lanes;
using FleetKeys.Driver.Polling;
using FleetKeys.Protocol;
using FleetKeys.Protocol.Messages;
using Microsoft.Extensions.Time.Testing;

namespace FleetKeys.Driver.Tests;

/// <summary>Each reply reaches the part it answers, and a cabinet in use is polled at the full rate.</summary>
public sealed class ReplyDispatchSpecs
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Idle = TimeSpan.FromMilliseconds(500);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero));
    private readonly RecordingCluster _cluster = new();
    private readonly CabinetOnBus _bus = RecordingCluster.Bus(1, "cab-1");
    private readonly PollScheduler _polls = new([1], new PollPacing(Interval, Idle, TimeSpan.FromSeconds(2)));
    private readonly LinkCounters _counts = new();
    private readonly ReplyDispatch _dispatch;
    private readonly TimeSpan _busNow = TimeSpan.FromSeconds(100);

    public ReplyDispatchSpecs()
    {
        var pepper = SealingKey.Derive(new byte[32], "pin-pepper");
        var revocations = new RevocationLane(ControllerId.Parse("ctl-1"), [_bus], _cluster, _clock);
        var allowLists = new AllowListLane([_bus], revocations, _cluster, pepper, NoLogger.Instance);
        var locks = new LockLane([_bus], _polls, () => _busNow, _cluster, _clock, NoLogger.Instance);
        var errands = new CabinetErrands(_cluster, _polls, () => _busNow, _clock, TimeSpan.FromSeconds(20), pepper, NoLogger.Instance);
        _dispatch = new ReplyDispatch(_polls, () => _busNow, errands, allowLists, locks, Domain.Controllers.OfflinePolicy.DenyAll, _counts, _clock, NoLogger.Instance);
    }

    [Fact]
    public void A_new_session_sets_the_clock_then_asks_where_the_list_stands_gives_the_offline_policy_and_takes_inventory()
    {
        _dispatch.Established(_bus);

        Assert.Equal(
            [new SetClock(_clock.GetUtcNow()), new StatusRequest(), new SetOfflinePolicy(OfflinePolicy.DenyAll), new InventoryRequest(1)],
            RecordingCluster.Queued(_bus));
    }

    [Fact]
    public void A_badge_goes_to_the_cluster_and_an_unreadable_one_is_told_so_at_the_cabinet()
    {
        _dispatch.Replied(_bus, new Poll(), new CardRead(0, CardFormat.RawUnspecified, 32, ByteString.FromHex("04A1B2C3")));
        _dispatch.Replied(_bus, new Poll(), new CardRead(0, CardFormat.RawUnspecified, 8, ByteString.FromHex(new string('A', 200))));

        Assert.Equal(new Domain.Ids.BadgeNumber("04A1B2C3"), Assert.IsType<PresentBadge>(Assert.Single(_cluster.Asks).Command).Badge);
        Assert.Contains(RecordingCluster.Queued(_bus), c => c is TextOutput { Text: "Badge not readable" });
    }

    [Fact]
    public void Input_at_an_idle_cabinet_makes_it_polled_at_the_full_rate()
    {
        _polls.Next(_busNow, _ => false);
        _dispatch.Replied(_bus, new Poll(), new Ack());
        Assert.Null(_polls.Next(_busNow + Interval, _ => false));

        _dispatch.Replied(_bus, new Poll(), new KeypadInput(0, "1"));

        Assert.Equal((byte?)1, _polls.Next(_busNow + Interval, _ => false));
    }

    [Fact]
    public void A_refused_command_is_counted()
    {
        _dispatch.Replied(_bus, new Poll(), new Nak(NakCode.CommandLength));

        Assert.Equal(1, _counts.Naks);
        Assert.Empty(_cluster.Asks);
    }
}
