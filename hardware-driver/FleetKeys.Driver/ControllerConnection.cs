using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Event;
using FleetKeys.Cluster.People;
using FleetKeys.Cluster.Persistence;
using FleetKeys.Domain.Controllers;
using FleetKeys.Domain.People;
using FleetKeys.Domain.Security;
using FleetKeys.Driver.Cabinets;
using FleetKeys.Driver.Exchanges;
using FleetKeys.Driver.Lanes;
using FleetKeys.Driver.Polling;
using FleetKeys.Driver.Transport;
using FleetKeys.Protocol;
using FleetKeys.Protocol.Channels;
using FleetKeys.Protocol.Messages;
using FleetKeys.Protocol.Security;

namespace FleetKeys.Driver;

/// <summary>
/// The control panel for one physical controller. The rules live in parts with specs of their own — the exchange loop, the
/// reply dispatch, the cabinet errands, the allow-list, revocation and lock lanes, connectivity — and this actor only moves
/// what they decide between them, the link (<see cref="ControllerLink"/>), its timers and the cluster. A misbehaving
/// controller costs only its own connection.
/// </summary>
public sealed class ControllerConnection : ReceiveActor, IWithTimers
{
    private sealed record Redial;
    private sealed record ReplyTimedOut(long Exchange);
    private sealed record NextExchange;
    private sealed record LivenessTick;
    private sealed record ReloadLayout(byte Address);

    private readonly ControllerState _config;
    private readonly DriverSettings _settings;
    private readonly TimeProvider _clock;
    private readonly IActorRef _directoryFeed;
    private readonly ClusterAsks _cluster;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly RedialBackoff _backoff = new(new Random());
    private readonly ControllerWarnings _warnings;
    /// <summary>Every device on the bus by its address: the cabinets' boards and the stock readers of mixed cabinets.</summary>
    private readonly Dictionary<byte, CabinetOnBus> _buses;

    /// <summary>The cabinets' boards: what allow-lists, locks, inventories and the cluster's view of online are about.</summary>
    private readonly List<CabinetOnBus> _boards;
    private readonly BusKeys _keys;
    private readonly LinkCounters _counts = new();
    private readonly ExchangeLoop _exchanges;
    private readonly ReplyDispatch _replies;
    private readonly AllowListLane _allowLists;
    private readonly RevocationLane _revocations;
    private readonly LockLane _locks;
    private readonly Connectivity _connectivity;
    private ControllerLink? _link;
    private int _generation;

    public ControllerConnection(
        ControllerState config, ControllerSecret secret, DriverSettings settings, TimeProvider clock, IActorRef cabinets, IActorRef people,
        IActorRef directoryFeed, SealingKey pinPepper)
    {
        (_config, _settings, _clock, _directoryFeed) = (config, settings, clock, directoryFeed);
        _cluster = new ClusterAsks(Self, Context.Parent, cabinets, people, settings.AskTimeout, () => _generation);
        _warnings = new ControllerWarnings(config.Id, settings.RepeatedWarningInterval, clock, _log);
        _keys = new BusKeys(config, secret, _log);
        _buses = BusDevices.From(config, _keys);
        _boards = BusDevices.Boards(_buses.Values);
        var buses = _boards;
        var polls = new PollScheduler(_buses.Keys, PollPacing.From(settings));
        _exchanges = new ExchangeLoop(_buses, polls, settings.FramesPerWrite, settings.MaxRejectedFramesInARow, _counts, clock);
        _revocations = new RevocationLane(config.Id, buses, _cluster, clock);
        _allowLists = new AllowListLane(buses, _revocations, _cluster, pinPepper, _log);
        _locks = new LockLane(buses, polls, () => BusTime, _cluster, clock, _log);
        var errands = new CabinetErrands(_cluster, polls, () => BusTime, clock, settings.PinTimeout, pinPepper, _log);
        _replies = new ReplyDispatch(polls, () => BusTime, errands, _allowLists, _locks, config.OfflinePolicy, _counts, clock, _log);
        _connectivity = new Connectivity(config.Id, _buses.Values, settings.OfflineAfter, clock, _log);

        Receive<Redial>(_ => Dial());
        Receive<LinkEvent.Connected>(c => c.Generation == _generation, OnConnected);
        // A dial that completes after the driver gave up on it (stood down, redialled) must not leak its socket.
        Receive<LinkEvent.Connected>(c => c.Link.Dispose());
        Receive<LinkEvent.DialFailed>(f => f.Generation == _generation, f =>
        {
            if (f.Untrusted) _counts.TlsRefused();
            _warnings.Connection(f.Untrusted ? $"refused at {_config.Host}:{_config.Port}: {f.Reason}" : $"cannot be reached at {_config.Host}:{_config.Port}: {f.Reason}");
            Disconnect($"dial failed: {f.Reason}");
        });
        Receive<LinkEvent.Received>(r => r.Generation == _generation, r => OnBytes(r.Bytes));
        Receive<LinkEvent.Lost>(l => l.Generation == _generation, l => Disconnect(l.Reason));
        Receive<ReplyTimedOut>(t =>
        {
            if (_exchanges.TimedOut(t.Exchange)) Exchange();
        });
        Receive<NextExchange>(_ => Exchange());
        Receive<LivenessTick>(_ => _cluster.Report(_connectivity.Check()));
        Receive<ClusterAsks.ConnectivityAnswered>(a => _buses.ContainsKey(a.Address), a => _buses[a.Address].Liveness.Answered(a.Online, a.Accepted));
        Receive<ClusterAsks.Answered>(a => a.StillWanted(_generation) && _buses.ContainsKey(a.Address), a => Kicking(() => a.Then(_buses[a.Address], a.Answer)));
        Receive<GetDriverStatus>(_ => Sender.Tell(Status()));
        // Keys are usually homed in bursts (a new cabinet, a batch import): restarting the timer coalesces them into one reload.
        Receive<CabinetLayoutChanged>(m =>
        {
            foreach (var bus in buses.Where(b => b.Cabinet == m.Cabinet))
                Timers.StartSingleTimer($"layout-{bus.Address}", new ReloadLayout(bus.Address), TimeSpan.FromMilliseconds(300));
        });
        Receive<ReloadLayout>(r => _buses.TryGetValue(r.Address, out var bus) && bus.Board is null && bus.Channel.IsEstablished,
            r => _allowLists.Load(_buses[r.Address], whole: false));
        Receive<ResyncAllowList>(m => _allowLists.Resync(m.Cabinet));
        Receive<DriveLocks>(m => Kicking(() => _locks.Drive(m)));
        Receive<DriveRelock>(m => Kicking(() => _locks.Relock(m)));
        Receive<TakeInventory>(m => Kicking(() =>
        {
            foreach (var bus in buses.Where(b => b.Cabinet == m.Cabinet)) bus.Enqueue(new InventoryRequest(1));
        }));
        Receive<RevocationBroadcast>(m => Kicking(() => _revocations.Revoked(m)));
        Receive<DatabaseReachabilityChanged>(OnJournalReachability);
        Receive<SubscribeAck>(_ => { });
        Receive<AccessDirectoryChange>(m => Kicking(() => _allowLists.DirectoryChanged(m)));
        // Stale generations' messages (a socket already replaced) are dropped on purpose.
        ReceiveAny(_ => { });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>
    /// The pace of the bus runs on the scheduler's monotonic clock, the one its timers wake it by; the injected clock is
    /// the domain's (timestamps, sessions), which specs may hold still.
    /// </summary>
    private TimeSpan BusTime => Context.System.Scheduler.MonotonicClock;

    protected override void PreStart()
    {
        Timers.StartPeriodicTimer("liveness", new LivenessTick(), _settings.OfflineAfter / 3);
        _directoryFeed.Tell(new AccessDirectoryFeed.Subscribe(Self));
        DistributedPubSub.Get(Context.System).Mediator.Tell(new Akka.Cluster.Tools.PublishSubscribe.Subscribe(RevocationBroadcast.Topic, Self));
        Context.System.EventStream.Subscribe<DatabaseReachabilityChanged>(Self);
        Self.Tell(new Redial());
    }

    protected override void PostStop()
    {
        if (_link is null) return;
        _link.Dispose();
        DriverMetrics.ControllerDisconnected();
    }

    /// <summary>
    /// Without its database the cluster can neither decide nor record: the driver lets go of the controller, which after
    /// its offline timeout decides by its own allow-list and logs, and takes it back (uploading that log) once the
    /// database answers again.
    /// </summary>
    private void OnJournalReachability(DatabaseReachabilityChanged change)
    {
        if (change.Reachable == !_connectivity.StandingDown) return;
        if (!change.Reachable)
        {
            _connectivity.StandDown();
            Disconnect("the journal database is unreachable; the controller decides offline until it is back");
            return;
        }

        _connectivity.Resume();
        _backoff.Reset();
        Timers.Cancel("dial");
        Dial();
    }

    private void Dial()
    {
        if (_connectivity.StandingDown) return;
        var self = Self;
        ControllerLink.Dial(_config.Host, _config.Port, ++_generation, e => self.Tell(e), _config.TlsThumbprint);
    }

    private void OnConnected(LinkEvent.Connected connected)
    {
        _link = connected.Link;
        DriverMetrics.ControllerConnected();
        _connectivity.LinkUp();
        _exchanges.Connect();
        foreach (var bus in _buses.Values) bus.Reconnected(_keys.NewChannel(bus.Address));
        _log.Info("Controller {0} connected at {1}:{2}, {3} cabinet(s)", _config.Id, _config.Host, _config.Port, _boards.Count);
        Exchange();
    }

    /// <summary>Drops the connection and redials with jittered backoff; cabinets go offline only when the liveness check says so.</summary>
    private void Disconnect(string reason)
    {
        if (_link is not null)
        {
            _warnings.Connection($"disconnected: {reason}");
            _link.Dispose();
            _link = null;
            DriverMetrics.ControllerDisconnected();
            _counts.Reconnected();
        }

        _generation++;
        _exchanges.Disconnect();
        Timers.Cancel("reply");
        if (!_connectivity.StandingDown) Timers.StartSingleTimer("dial", new Redial(), _backoff.NextDelay());
    }

    private void Exchange()
    {
        switch (_exchanges.Next(BusTime))
        {
            case BusStep.Transmit transmit:
                Transmit(transmit);
                break;
            case BusStep.Rest rest:
                Timers.StartSingleTimer("poll", new NextExchange(), rest.For);
                break;
        }
    }

    private void Transmit(BusStep.Transmit transmit)
    {
        Timers.StartSingleTimer("reply", new ReplyTimedOut(transmit.Exchange), _settings.ReplyTimeout);
        _link!.Write(transmit.Bytes);
    }

    private void OnBytes(byte[] bytes)
    {
        foreach (var step in _exchanges.Received(bytes))
        {
            if (step.Heard) _cluster.Report(_connectivity.Heard(step.Completed));
            if (step is BusStep.Transmit transmit) Transmit(transmit);
            if (step is BusStep.Refused refused)
            {
                _warnings.Frame(refused.Error == ProtocolError.DefaultKeyOffered
                    ? "a device answers with the default key SCBK-D (never commissioned, or reset): not trusted, no session"
                    : $"refused a frame ({refused.Error})");
                if (refused.Drop is { } reason) Disconnect(reason);
            }

            // A connection that authenticates is worth redialling quickly again.
            if (step is BusStep.Established established)
            {
                _backoff.Reset();
                TellController(_keys.Established(established.Bus, _clock.GetUtcNow()));
                TellController(_keys.Moves.Established(established.Bus, _clock.GetUtcNow()));
            }

            if (step is BusStep.Replied { Sent: KeySet keySet, Reply: Ack } taken) TellController(_keys.Acknowledged(taken.Bus, keySet, _clock.GetUtcNow()));
            if (step is BusStep.Replied replied) TellController(_keys.Moves.Replied(replied.Bus, replied.Sent, replied.Reply, _clock.GetUtcNow()));
            _replies.Dispatch(step);
            if (!step.Ends || !_exchanges.IsIdle) continue;
            Timers.Cancel("reply");
            Self.Tell(new NextExchange());
        }
    }

    /// <summary>What the controller entity records (a device's key), from the driver's parts; the entity restarts the driver on a change.</summary>
    private void TellController(ControllerCommand? record)
    {
        if (record is not null) Context.Parent.Tell(record);
    }

    /// <summary>New work for a cabinet: if the bus is idle, an exchange starts now instead of at the next poll.</summary>
    private void Kicking(Action work)
    {
        work();
        if (_exchanges.IsIdle) Self.Tell(new NextExchange());
    }

    private DriverStatus Status() => new(
        _config.Id, _link is not null, [.. _boards.Where(b => b.Liveness.Online == true).Select(b => b.Cabinet)],
        _counts.Sent, _counts.Received, _counts.Rejected, _counts.Naks, _counts.Timeouts, _counts.Reconnects, _counts.AuthFailures,
        _counts.LastRoundTripMs, Akka.Cluster.Cluster.Get(Context.System).SelfAddress.ToString(), _counts.SessionRestarts);
}
