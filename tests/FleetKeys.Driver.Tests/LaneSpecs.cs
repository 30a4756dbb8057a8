using System.Collections.Immutable;
using Akka.Event;
using FleetKeys.Cluster.People;
using FleetKeys.Domain.Cabinets;
using FleetKeys.Domain.Controllers;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.People;
using FleetKeys.Domain.Security;
using FleetKeys.Domain.Time;
using FleetKeys.Driver.Lanes;
using FleetKeys.Driver.Polling;
using FleetKeys.Protocol.Messages;
using Microsoft.Extensions.Time.Testing;

namespace FleetKeys.Driver.Tests;

/// <summary>
/// The lanes moved by the cluster's word rather than a person at the cabinet: the allow-list kept in step, a revocation
/// purged and confirmed once per controller, and locks driven and relocked.
/// </summary>
public sealed class LaneSpecs
{
    private static readonly ControllerId Controller = ControllerId.Parse("ctl-1");
    private static readonly PersonId Dave = PersonId.Parse("dave");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero));
    private readonly RecordingCluster _cluster = new();
    private readonly CabinetOnBus _one = RecordingCluster.Bus(1, "cab-1");
    private readonly CabinetOnBus _two = RecordingCluster.Bus(2, "cab-2");
    private readonly RevocationLane _revocations;
    private readonly AllowListLane _allowLists;
    private readonly LockLane _locks;

    public LaneSpecs()
    {
        CabinetOnBus[] buses = [_one, _two];
        _revocations = new RevocationLane(Controller, buses, _cluster, _clock);
        _allowLists = new AllowListLane(buses, _revocations, _cluster, SealingKey.Derive(new byte[32], "pin-pepper"), NoLogger.Instance);
        var polls = new PollScheduler([1, 2], new PollPacing(TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2)));
        _locks = new LockLane(buses, polls, () => TimeSpan.Zero, _cluster, _clock, NoLogger.Instance);
    }

    private static AccessProfile Profile(long version) => new(
        Dave, version, Active: true, [new BadgeNumber("0A0B")], PinHash: null, null, null,
        [new Entitlement(KeyGroup.Parse("vans"), null, null, Schedule.Always)]);

    private CabinetDetails Details(CabinetOnBus bus) => CabinetDetails.Of(CabinetState.Empty(bus.Cabinet) with
    {
        Registered = true, Site = SiteId.Parse("hq"), Groups = ImmutableDictionary<int, KeyGroup>.Empty.Add(1, KeyGroup.Parse("vans")),
    }, _clock.GetUtcNow());

    /// <summary>Both cabinets online, their layout known and Dave's entry acknowledged.</summary>
    private void HoldingDave()
    {
        _allowLists.DirectoryChanged(new AccessDirectoryChange(new Dictionary<string, AccessProfile> { [Dave.Value] = Profile(1) },
            AccessPlaces.Of([Profile(1)]), [Profile(1)], []));
        foreach (var bus in new[] { _one, _two })
        {
            bus.Liveness.Heard(_clock.GetUtcNow());
            _allowLists.Load(bus, whole: true);
            _cluster.Answer<GetCabinet>(Details(bus));
            var queued = RecordingCluster.Queued(bus);
            Assert.Contains(queued, c => c is AllowListUpsert);
            _allowLists.Acknowledged(bus, queued.Last(CabinetOnBus.IsAllowListChange), new AllowListAck(bus.AllowListVersion));
        }
    }

    private AllowListPurge Purge(CabinetOnBus bus) => Assert.IsType<AllowListPurge>(Assert.Single(RecordingCluster.Queued(bus)));

    [Fact]
    public void A_revocation_is_confirmed_once_per_controller_when_every_cabinet_has_acknowledged_the_purge()
    {
        HoldingDave();

        _revocations.Revoked(new RevocationBroadcast(Dave, 3, 2, _clock.GetUtcNow()));
        var (first, second) = (Purge(_one), Purge(_two));
        _allowLists.Acknowledged(_one, first, new AllowListAck(first.Version));
        Assert.Empty(_cluster.ToPeople);
        _allowLists.Acknowledged(_two, second, new AllowListAck(second.Version));

        Assert.Equal([new ConfirmPurge(Dave, 3, Controller, _clock.GetUtcNow())], _cluster.ToPeople);
    }

    [Fact]
    public void A_revocation_of_a_person_no_cabinet_lists_is_confirmed_at_once()
    {
        HoldingDave();

        _revocations.Revoked(new RevocationBroadcast(PersonId.Parse("erin"), 1, 1, _clock.GetUtcNow()));

        Assert.Equal([new ConfirmPurge(PersonId.Parse("erin"), 1, Controller, _clock.GetUtcNow())], _cluster.ToPeople);
    }

    [Fact]
    public void A_cabinet_not_answering_holds_the_confirmation_until_the_reload_it_gets_when_back_is_acknowledged()
    {
        HoldingDave();
        _two.Liveness.Silent(_clock.GetUtcNow().AddMinutes(1), _clock.GetUtcNow(), TimeSpan.FromSeconds(5));

        _revocations.Revoked(new RevocationBroadcast(Dave, 3, 2, _clock.GetUtcNow()));
        var first = Purge(_one);
        _allowLists.Acknowledged(_one, first, new AllowListAck(first.Version));
        Assert.Empty(_cluster.ToPeople);

        _allowLists.StatusReported(_two, new ControllerStatus(24, Protocol.Messages.OfflinePolicy.AllowCached, 0, 1, 0, 0, _clock.GetUtcNow()));
        _cluster.Answer<GetCabinet>(Details(_two));
        var reload = RecordingCluster.Queued(_two);
        Assert.IsType<AllowListClear>(reload.First(CabinetOnBus.IsAllowListChange));
        _allowLists.Acknowledged(_two, reload.Last(), new AllowListAck(CabinetOnBus.VersionOf(reload.Last())));

        Assert.Single(_cluster.ToPeople.OfType<ConfirmPurge>());
    }

    [Fact]
    public void A_list_the_controller_kept_goes_on_from_where_it_stands_without_a_clear()
    {
        HoldingDave();

        _allowLists.StatusReported(_one, new ControllerStatus(24, Protocol.Messages.OfflinePolicy.AllowCached, _one.AllowListVersion, 1, 0, 0, _clock.GetUtcNow()));
        _cluster.Answer<GetCabinet>(Details(_one));

        Assert.DoesNotContain(RecordingCluster.Queued(_one), c => c is AllowListClear);
    }

    [Fact]
    public void An_acknowledgement_at_another_version_than_the_one_sent_starts_the_list_over()
    {
        HoldingDave();
        _allowLists.DirectoryChanged(new AccessDirectoryChange(AccessDirectoryChange.Empty, AccessPlaces.None, [], [Dave.Value]));
        var purge = Purge(_one);

        _allowLists.Acknowledged(_one, purge, new AllowListAck(purge.Version + 5));

        Assert.IsType<AllowListClear>(RecordingCluster.Queued(_one)[0]);
    }

    [Fact]
    public void A_controller_that_refuses_to_say_where_its_list_stands_gets_it_whole()
    {
        _allowLists.Refused(_one, new StatusRequest());
        _allowLists.Refused(_one, new Poll());

        Assert.Equal(new GetCabinet(_one.Cabinet), _cluster.Answer<GetCabinet>(Details(_one)));
        Assert.Empty(_cluster.Asks);
        Assert.Contains(RecordingCluster.Queued(_one), c => c is AllowListClear);
    }

    private DriveRelock Relock(int slot) => new(Controller, new SlotId(_one.Cabinet, slot), Dave, 3);

    [Fact]
    public void A_relock_waits_behind_what_is_queued_is_sent_once_however_often_asked_and_confirmed_once_acknowledged()
    {
        var unlock = CabinetFeedback.Unlock(4, TimeSpan.FromSeconds(10));
        _one.Enqueue(unlock);

        _locks.Relock(Relock(4));
        _locks.Relock(Relock(4));
        var queued = RecordingCluster.Queued(_one);

        Assert.Equal(2, queued.Count);
        Assert.Same(unlock, queued[0]);
        Assert.Empty(RecordingCluster.Queued(_two));
        _locks.Answered(_one, queued[1], new Nak(NakCode.BadCrc));
        Assert.Empty(_cluster.ToPeople);
        _locks.Relock(Relock(4));
        _locks.Answered(_one, RecordingCluster.Queued(_one).Single(), new Ack());
        Assert.Equal([new ReportRelock(Dave, 3, new SlotId(_one.Cabinet, 4), RelockState.Relocked, _clock.GetUtcNow())], _cluster.ToPeople);
    }

    [Fact]
    public void A_remote_release_goes_ahead_of_everything_queued()
    {
        _one.Enqueue(CabinetFeedback.Text("Welcome"));

        var now = _clock.GetUtcNow();
        _locks.Drive(new DriveLocks(Controller, _one.Cabinet, Door: true, [3], Release: true, now.AddSeconds(8)));

        var release = Assert.IsType<OutputControl>(RecordingCluster.Queued(_one, now)[0]);
        Assert.Equal([OutputAction.Unlock(OutputAction.Door, TimeSpan.FromSeconds(8)), OutputAction.Unlock(3, TimeSpan.FromSeconds(8))], release.Actions);
    }

    [Fact]
    public void A_remote_release_held_up_in_the_queue_opens_the_slot_only_for_what_is_left_of_its_window()
    {
        var now = _clock.GetUtcNow();
        _locks.Drive(new DriveLocks(Controller, _one.Cabinet, Door: false, [3], Release: true, now.AddSeconds(8)));

        var release = Assert.IsType<OutputControl>(Assert.Single(RecordingCluster.Queued(_one, now.AddSeconds(5))));
        Assert.Equal([OutputAction.Unlock(3, TimeSpan.FromSeconds(3))], release.Actions);
    }

    [Fact]
    public void A_remote_release_reaching_the_driver_after_its_window_opens_nothing()
    {
        var until = _clock.GetUtcNow().AddSeconds(8);
        _clock.Advance(TimeSpan.FromSeconds(8));

        _locks.Drive(new DriveLocks(Controller, _one.Cabinet, Door: false, [3], Release: true, until));

        Assert.Empty(RecordingCluster.Queued(_one, _clock.GetUtcNow()));
    }

    [Fact]
    public void A_lock_down_locks_at_once_whatever_its_moment()
    {
        _locks.Drive(new DriveLocks(Controller, _one.Cabinet, Door: true, [1, 2], Release: false, DateTimeOffset.MinValue));

        var locks = Assert.IsType<OutputControl>(Assert.Single(RecordingCluster.Queued(_one, _clock.GetUtcNow())));
        Assert.Equal([OutputAction.Lock(OutputAction.Door), OutputAction.Lock(1), OutputAction.Lock(2)], locks.Actions);
    }

    [Fact]
    public void A_lock_down_drops_a_release_still_queued_and_tells_the_person_waiting_for_the_key()
    {
        var now = _clock.GetUtcNow();
        _one.Release(3, now.AddSeconds(8), now);

        _locks.Drive(new DriveLocks(Controller, _one.Cabinet, Door: true, [1, 2, 3], Release: false, DateTimeOffset.MinValue));

        var queued = RecordingCluster.Queued(_one, now);
        var locks = Assert.IsType<OutputControl>(Assert.Single(queued, c => c is OutputControl));
        Assert.All(locks.Actions, a => Assert.Equal(OutputMode.PermanentOffAbortTimed, a.Mode));
        Assert.DoesNotContain(queued, c => c is TextOutput { Text: "Take the key from slot 3" });
        Assert.Contains(queued, c => c is TextOutput { Text: "Refused" });
    }

    [Fact]
    public void A_release_in_flight_when_the_cabinet_is_locked_down_is_not_sent_again_after_a_new_session()
    {
        var now = _clock.GetUtcNow();
        _locks.Drive(new DriveLocks(Controller, _one.Cabinet, Door: false, [3], Release: true, now.AddSeconds(8)));
        _one.InFlight = _one.Next(now);

        _locks.Drive(new DriveLocks(Controller, _one.Cabinet, Door: true, [1, 2, 3], Release: false, DateTimeOffset.MinValue));
        _one.Requeue();

        var locks = Assert.IsType<OutputControl>(Assert.Single(RecordingCluster.Queued(_one, now)));
        Assert.All(locks.Actions, a => Assert.Equal(OutputMode.PermanentOffAbortTimed, a.Mode));
    }

    [Fact]
    public void Locking_some_outputs_leaves_a_queued_release_of_others_alone()
    {
        var now = _clock.GetUtcNow();
        _one.Release(3, now.AddSeconds(8), now);

        _locks.Drive(new DriveLocks(Controller, _one.Cabinet, Door: false, [1], Release: false, DateTimeOffset.MinValue));

        var queued = RecordingCluster.Queued(_one, now);
        Assert.Contains(queued, c => c is OutputControl { Actions: [{ Output: 3, Mode: OutputMode.TemporaryOn }] });
        Assert.Contains(queued, c => c is TextOutput { Text: "Take the key from slot 3" });
    }
}
