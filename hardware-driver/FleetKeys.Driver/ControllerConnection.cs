using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Event;
using FleetKeys.Cluster.People;
using FleetKeys.Cluster.Persistence;
using FleetKeys.Domain;
using FleetKeys.Domain.Cabinets;
using FleetKeys.Domain.Controllers;
using FleetKeys.Domain.People;
using FleetKeys.Domain.Security;
using FleetKeys.Driver.Cabinets;
using FleetKeys.Driver.Polling;
using FleetKeys.Driver.Transport;
using FleetKeys.Protocol;
using FleetKeys.Protocol.Channels;
using FleetKeys.Protocol.Framing;
using FleetKeys.Protocol.Messages;
using FleetKeys.Protocol.Security;
using WireOfflinePolicy = FleetKeys.Protocol.Messages.OfflinePolicy;

namespace FleetKeys.Driver;

/// <summary>
/// The control panel for one physical controller: dials it, authenticates every cabinet on its bus, polls them one
/// exchange at a time (the bus is half-duplex), turns their input and event logs into cabinet commands, and their
/// answers into unlocks, texts and lights. A misbehaving controller costs only its own connection.
/// </summary>
public sealed class ControllerConnection : ReceiveActor, IWithTimers
{
    private sealed record Redial;
    private sealed record ReplyTimedOut(long Exchange);
    private sealed record NextExchange;
    private sealed record LivenessTick;
    private sealed record ReloadLayout(byte Address);
    private sealed record Answered(byte Address, int Generation, object Answer, Action<CabinetOnBus, object> Then);
    private sealed record ConnectivityAnswered(byte Address, bool Online, bool Accepted);

    private readonly ControllerState _config;
    private readonly ControllerSecret _secret;
    private readonly SealingKey _pinPepper;
    private readonly DriverSettings _settings;
    private readonly TimeProvider _clock;
    private readonly IActorRef _cabinets;
    private readonly IActorRef _people;
    private readonly IActorRef _directoryFeed;
    private readonly Revocations _revocations = new();
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly RedialBackoff _backoff = new(new Random());
    private readonly LogThrottle _connectionWarnings;
    private readonly LogThrottle _frameWarnings;
    private readonly Dictionary<byte, CabinetOnBus> _buses = [];
    private readonly PollScheduler _polls;
    private ControllerLink? _link;
    private FrameReader _reader = new();
    private int _generation;
    private long _exchange;
    private CabinetOnBus? _awaiting;
    private long _sentAt;
    private int _rejectedInARow;
    private readonly LinkCounters _counts = new();
    private readonly Liveness _reachable = new();
    private IReadOnlyDictionary<string, AccessProfile> _directory = AccessDirectoryChange.Empty;
    private bool _standingDown;
    private DateTimeOffset _startedAt;

    public ControllerConnection(
        ControllerState config, ControllerSecret secret, DriverSettings settings, TimeProvider clock, IActorRef cabinets, IActorRef people,
        IActorRef directoryFeed, SealingKey pinPepper)
    {
        _pinPepper = pinPepper;
        _people = people;
        _directoryFeed = directoryFeed;
        _config = config;
        _secret = secret;
        _settings = settings;
        _clock = clock;
        _cabinets = cabinets;
        _connectionWarnings = new LogThrottle(settings.RepeatedWarningInterval);
        _frameWarnings = new LogThrottle(settings.RepeatedWarningInterval);
        foreach (var (address, cabinet) in config.Cabinets)
            _buses[(byte)address] = new CabinetOnBus((byte)address, cabinet, new PanelChannel((byte)address, secret));
        _polls = new PollScheduler(_buses.Keys, PollPacing.From(settings));

        Receive<Redial>(_ => Dial());
        Receive<LinkEvent.Connected>(c => c.Generation == _generation, OnConnected);
        // A dial that completes after the driver gave up on it (stood down, redialled) must not leak its socket.
        Receive<LinkEvent.Connected>(c => c.Link.Dispose());
        Receive<LinkEvent.DialFailed>(f => f.Generation == _generation, f =>
        {
            Warn(_connectionWarnings, $"cannot be reached at {_config.Host}:{_config.Port}: {f.Reason}");
            Disconnect($"dial failed: {f.Reason}");
        });
        Receive<LinkEvent.Received>(r => r.Generation == _generation, r => OnBytes(r.Bytes));
        Receive<LinkEvent.Lost>(l => l.Generation == _generation, l => Disconnect(l.Reason));
        Receive<ReplyTimedOut>(t => t.Exchange == _exchange && _awaiting is not null, _ => OnTimeout());
        Receive<NextExchange>(_ => Exchange());
        Receive<LivenessTick>(_ => CheckLiveness());
        Receive<ConnectivityAnswered>(a => _buses.ContainsKey(a.Address), a => _buses[a.Address].Liveness.Answered(a.Online, a.Accepted));
        Receive<Answered>(a => a.Generation == _generation && _buses.ContainsKey(a.Address), a => a.Then(_buses[a.Address], a.Answer));
        Receive<GetDriverStatus>(_ => Sender.Tell(Status()));
        // Keys are usually homed in bursts (a new cabinet, a batch import): restarting the timer coalesces them into one reload.
        Receive<CabinetLayoutChanged>(m =>
        {
            foreach (var bus in _buses.Values.Where(b => b.Cabinet == m.Cabinet))
                Timers.StartSingleTimer($"layout-{bus.Address}", new ReloadLayout(bus.Address), TimeSpan.FromMilliseconds(300));
        });
        Receive<ReloadLayout>(r => _buses.TryGetValue(r.Address, out var bus) && bus.Channel.IsEstablished,
            r => LoadLayoutAndAllowList(_buses[r.Address], whole: false));
        Receive<ResyncAllowList>(m =>
        {
            foreach (var bus in _buses.Values.Where(b => b.Cabinet == m.Cabinet && b.Channel.IsEstablished)) LoadLayoutAndAllowList(bus, whole: true);
        });
        // Remote release, emergency open, lock-down: decided and persisted already; this only moves the locks.
        Receive<DriveLocks>(m =>
        {
            var timer = TimeSpan.FromMilliseconds(Math.Clamp((long)m.For.TotalMilliseconds / 100, 1, ushort.MaxValue) * 100);
            var actions = (m.Door ? [OutputAction.Door] : Array.Empty<byte>()).Concat(m.Slots.Select(s => (byte)s))
                .Select(output => m.Release ? OutputAction.Unlock(output, timer) : OutputAction.Lock(output)).ToArray();
            foreach (var bus in _buses.Values.Where(b => b.Cabinet == m.Cabinet))
            {
                bus.EnqueueFirst(new OutputControl(actions));
                // Someone is about to take or return a key there: its tag events should be picked up at the full rate.
                _polls.Active(bus.Address, BusTime);
            }

            Kick();
        });
        Receive<DriveRelock>(OnRelock);
        Receive<TakeInventory>(m =>
        {
            foreach (var bus in _buses.Values.Where(b => b.Cabinet == m.Cabinet)) bus.Enqueue(new InventoryRequest(1));
            Kick();
        });
        Receive<RevocationBroadcast>(OnRevocation);
        Receive<DatabaseReachabilityChanged>(OnJournalReachability);
        Receive<SubscribeAck>(_ => { });
        Receive<AccessDirectoryChange>(OnDirectory);
        // Stale generations' messages (a socket already replaced) are dropped on purpose.
        ReceiveAny(_ => { });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    private DateTimeOffset Now => _clock.GetUtcNow();

    /// <summary>
    /// The pace of the bus runs on the scheduler's monotonic clock, the one its timers wake it by; the injected clock is
    /// the domain's (timestamps, sessions), which specs may hold still.
    /// </summary>
    private TimeSpan BusTime => Context.System.Scheduler.MonotonicClock;

    protected override void PreStart()
    {
        _startedAt = Now;
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

    // ---- connection lifecycle -------------------------------------------------------------------------------------

    /// <summary>
    /// Without its database the cluster can neither decide nor record: the driver lets go of the controller, which after
    /// its offline timeout decides by its own allow-list and logs, and takes it back (uploading that log) once the
    /// database answers again.
    /// </summary>
    private void OnJournalReachability(DatabaseReachabilityChanged change)
    {
        if (change.Reachable == !_standingDown) return;
        _standingDown = !change.Reachable;
        if (_standingDown)
        {
            Disconnect("the journal database is unreachable; the controller decides offline until it is back");
        }
        else
        {
            _reachable.Excuse(Now);
            _backoff.Reset();
            Timers.Cancel("dial");
            Dial();
        }
    }

    private void Dial()
    {
        if (_standingDown) return;
        var self = Self;
        ControllerLink.Dial(_config.Host, _config.Port, ++_generation, e => self.Tell(e));
    }

    private void OnConnected(LinkEvent.Connected connected)
    {
        _link = connected.Link;
        DriverMetrics.ControllerConnected();
        _reader = new FrameReader();
        _rejectedInARow = 0;
        foreach (var bus in _buses.Values) bus.Reconnected(new PanelChannel(bus.Address, _secret));
        _log.Info("Controller {0} connected at {1}:{2}, {3} cabinet(s)", _config.Id, _config.Host, _config.Port, _buses.Count);
        Exchange();
    }

    /// <summary>Drops the connection and redials with jittered backoff; cabinets go offline only when the liveness check says so.</summary>
    private void Disconnect(string reason)
    {
        if (_link is not null)
        {
            Warn(_connectionWarnings, $"disconnected: {reason}");
            _link.Dispose();
            _link = null;
            DriverMetrics.ControllerDisconnected();
            _counts.Reconnected();
        }

        _generation++;
        _awaiting = null;
        Timers.Cancel("reply");
        if (!_standingDown) Timers.StartSingleTimer("dial", new Redial(), _backoff.NextDelay());
    }

    private void Warn(LogThrottle throttle, string message)
    {
        if (!throttle.ShouldLog(Now, out var heldBack)) return;
        if (heldBack == 0) _log.Warning("Controller {0}: {1}", _config.Id, message);
        else _log.Warning("Controller {0}: {1} ({2} more like it since the last warning)", _config.Id, message, heldBack);
    }

    // ---- the exchange loop ------------------------------------------------------------------------------------------

    /// <summary>
    /// One command to one cabinet, then wait for its reply or the timeout: OSDP's poll/reply discipline. With no cabinet
    /// due, the bus rests until the next poll falls due.
    /// </summary>
    private void Exchange()
    {
        if (_link is null || _awaiting is not null || _polls.IsEmpty) return;
        if (_polls.Next(BusTime, address => _buses[address].HasWork) is not { } next)
        {
            Timers.StartSingleTimer("poll", new NextExchange(), _polls.Rest(BusTime));
            return;
        }

        var bus = _buses[next];
        Send(bus, bus.NextFrame());
    }

    private void Send(CabinetOnBus bus, byte[] frame)
    {
        _awaiting = bus;
        _sentAt = _clock.GetTimestamp();
        Timers.StartSingleTimer("reply", new ReplyTimedOut(++_exchange), _settings.ReplyTimeout);
        _link!.Write(frame);
        _counts.FrameSent();
    }

    /// <summary>The exchange is over: the next follows when the poll scheduler says (<see cref="Exchange"/>).</summary>
    private void Done()
    {
        _awaiting = null;
        Timers.Cancel("reply");
        Self.Tell(new NextExchange());
    }

    private void OnTimeout()
    {
        var bus = _awaiting!;
        _counts.TimedOut();
        bus.TimedOut();
        _reader.DiscardPartial();
        _awaiting = null;
        Exchange();
    }

    private void OnBytes(byte[] bytes)
    {
        _reader.Append(bytes);
        while (_link is not null && _reader.TryRead(out var result))
        {
            if (result.Packet is { } packet)
            {
                CheckReachable(heard: true);
                OnPacket(packet);
            }
            else Reject(result.Error);
        }
    }

    private void Reject(ProtocolError error)
    {
        _counts.FrameRejected(error);
        Warn(_frameWarnings, $"refused a frame ({error})");
        if (error == ProtocolError.HandshakeFailed) Disconnect("the controller failed authentication");
        else if (++_rejectedInARow >= _settings.MaxRejectedFramesInARow)
        {
            Disconnect($"{_rejectedInARow} refused frames in a row");
        }
    }

    private void OnPacket(Packet packet)
    {
        if (_awaiting is not { } bus)
        {
            Reject(ProtocolError.UnexpectedReply);
            return;
        }

        var step = bus.Channel.Receive(packet);
        if (step is PanelStep.Rejected rejected)
        {
            Reject(rejected.Error);
            return;
        }

        _rejectedInARow = 0;
        _counts.FrameReceived();
        switch (step)
        {
            case PanelStep.SendNext next:
                Send(bus, next.Frame);
                break;
            case PanelStep.Resend resend:
                Send(bus, resend.Frame);
                break;
            case PanelStep.Established:
                _backoff.Reset();
                Heard(bus);
                // The status tells where the controller's allow-list stands; its answer decides how the list is brought up to date.
                // The inventory follows: whatever changed in the slots while the link was down is compared with custody.
                bus.Enqueue(new SetClock(Now), new StatusRequest(), new SetOfflinePolicy(
                    _config.OfflinePolicy == Domain.Controllers.OfflinePolicy.AllowCached ? WireOfflinePolicy.AllowCached : WireOfflinePolicy.DenyAll),
                    new InventoryRequest(1));
                Done();
                break;
            case PanelStep.ReplyReceived reply:
                _counts.RoundTrip(_clock.GetElapsedTime(_sentAt).TotalMilliseconds);
                var sent = bus.InFlight;
                bus.InFlight = null;
                Heard(bus);
                OnReply(bus, sent, reply.Reply);
                Done();
                break;
            case PanelStep.SessionLost lost:
                _log.Info("Controller {0} cabinet {1}: session lost ({2}), re-authenticating", _config.Id, bus.Cabinet, lost.Reason);
                bus.Requeue();
                Done();
                break;
            case PanelStep.ControllerBusy:
                Done();
                break;
            case PanelStep.Duplicate:
                break;
        }
    }

    // ---- cabinets: liveness, input, event logs -----------------------------------------------------------------------

    private void Heard(CabinetOnBus bus)
    {
        if (bus.Liveness.Heard(Now)) ReportConnectivity(bus, true);
    }

    /// <summary>
    /// Cabinets silent for <see cref="DriverSettings.OfflineAfter"/> are reported offline (<see cref="Liveness"/>), and a
    /// change the cluster has not taken yet is told again.
    /// </summary>
    private void CheckLiveness()
    {
        CheckReachable(heard: false);
        foreach (var bus in _buses.Values)
        {
            if (bus.Liveness.Silent(Now, _startedAt, _settings.OfflineAfter))
            {
                if (bus.Liveness.WasHeard) _log.Warning("Cabinet {0} on controller {1} stopped answering: offline", bus.Cabinet, _config.Id);
                else _log.Warning("Cabinet {0} on controller {1} has not answered since the driver started: offline", bus.Cabinet, _config.Id);
                ReportConnectivity(bus, false);
            }
            else if (bus.Liveness.Unconfirmed is { } online) ReportConnectivity(bus, online);
        }
    }

    private void ReportConnectivity(CabinetOnBus bus, bool online)
    {
        var address = bus.Address;
        _cabinets.Ask<object>(new ReportConnectivity(bus.Cabinet, online, Now), _settings.AskTimeout).ContinueWith(
            t => new ConnectivityAnswered(address, online, t.IsCompletedSuccessfully && t.Result is not Rejection),
            TaskContinuationOptions.ExecuteSynchronously).PipeTo(Self);
    }

    /// <summary>
    /// The controller answers when a well-formed packet comes from it, and is out of reach once nothing has come for the offline timeout
    /// (a link that is accepted and dropped at once, as a dead serial server's, is no answer); its entity, this actor's
    /// parent, records the change. A controller with no cabinet is never polled, so its silence says nothing; while the
    /// driver stands down on purpose nothing is reported, since the journal could not record it anyway.
    /// </summary>
    private void CheckReachable(bool heard)
    {
        if (_standingDown || _buses.Count == 0) return;
        var changed = heard ? _reachable.Heard(Now) : _reachable.Silent(Now, _startedAt, _settings.OfflineAfter);
        if (changed) Context.Parent.Tell(new ReportControllerCommunication(_config.Id, heard, Now));
    }

    private void OnReply(CabinetOnBus bus, Command? sent, Reply reply)
    {
        if (reply is CardRead or KeypadInput or KeySelected or EventReport { Events.Count: > 0 }) _polls.Active(bus.Address, BusTime);
        if (sent is OutputControl output && bus.AwaitingRelock.Remove(output, out var relock)) Relocked(bus, relock, reply);
        if (reply is AllowListAck acknowledged) bus.AcknowledgedAllowListVersion = acknowledged.Version;
        switch (reply)
        {
            // A list this driver kept in step (the link dropped, the session was renewed) goes on from where it stands:
            // clearing it would leave the cabinet admitting nobody offline until the whole list was sent again.
            case ControllerStatus status:
                var goesOn = bus.ContinuesFrom(status.AllowListVersion);
                if (goesOn) Purged(bus, status.AllowListVersion);
                // What was queued for a list that is about to be replaced would only be refused as out of order.
                else bus.DropQueuedAllowListChanges();
                LoadLayoutAndAllowList(bus, whole: !goesOn);
                break;
            case AllowListAck ack when CabinetOnBus.IsAllowListChange(sent) && ack.Version != CabinetOnBus.VersionOf(sent):
                // The controller's list is not where we thought (a change was missed): start it over.
                _log.Warning("Cabinet {0}: allow-list at version {1}, expected {2}; reloading", bus.Cabinet, ack.Version, CabinetOnBus.VersionOf(sent));
                AllowLists.Reload(bus, _directory.Values, _revocations, _pinPepper);
                break;
            case AllowListAck ack:
                Purged(bus, ack.Version);
                break;
            case Nak nak:
                _counts.Nak();
                _log.Warning("Cabinet {0} refused a command: {1}", bus.Cabinet, nak.Error);
                // A controller that cannot say where its list stands gets it whole.
                if (sent is StatusRequest) LoadLayoutAndAllowList(bus, whole: true);
                break;
            case CardRead card when HardwareIds.Badge(card.Data) is { } badge:
                if (bus.RequiresPin)
                {
                    bus.Pin.BadgeRead(badge, Now);
                    bus.Enqueue(CabinetFeedback.EnterPin());
                }
                else
                {
                    PresentBadge(bus, badge, null);
                }

                break;
            case CardRead:
                bus.Enqueue(CabinetFeedback.Text("Badge not readable"));
                break;
            case KeypadInput keys when bus.Pin.KeysTyped(keys.Keys, Now, _settings.PinTimeout) is { } typed:
                Typed(bus, typed);
                break;
            case KeySelected selected:
                SelectKey(bus, selected.Slot, selected.Reason);
                break;
            case InventoryReport page:
                OnInventoryPage(bus, page);
                break;
            case EventReport report when !bus.Uploading && report.Events.Count > 0:
                bus.Uploading = true;
                Upload(bus, new EventLogUpload(bus.Cabinet, report.Epoch, report.Events));
                break;
        }
    }

    /// <summary>The next page is asked for at once; the whole inventory goes to the cabinet entity, which compares it with custody.</summary>
    private void OnInventoryPage(CabinetOnBus bus, InventoryReport page)
    {
        if (bus.Inventory.Received(page, out var complete) is { } next) bus.EnqueueFirst(next);
        if (complete is null) return;
        Ask(bus, new ReportInventory(bus.Cabinet, complete, Now), (b, answer) =>
        {
            if (answer is Rejection refused) _log.Warning("Cabinet {0}: inventory not recorded ({1})", b.Cabinet, refused.Message);
        });
    }

    private void Typed(CabinetOnBus bus, PinEntry.Typed typed)
    {
        switch (typed)
        {
            case PinEntry.Typed.Pin pin:
                PresentBadge(bus, pin.Badge, pin.Value);
                break;
            case PinEntry.Typed.PinChange change:
                ChangePin(bus, change);
                break;
            default:
                bus.Enqueue(CabinetFeedback.Text("New PINs differ: try again"));
                break;
        }
    }

    /// <summary>The new PIN is hashed here, at the edge, off this actor's thread (a slow hash would stall the bus), never in the entity.</summary>
    private void ChangePin(CabinetOnBus bus, PinEntry.Typed.PinChange change)
    {
        var (cabinet, at, pepper, cabinets, timeout) = (bus.Cabinet, Now, _pinPepper, _cabinets, _settings.AskTimeout);
        Answer(bus, Task.Run(() => cabinets.Ask<object>(
                new ChangePinAtCabinet(cabinet, change.Badge, change.Current, change.New, PinHash.Create(change.New, pepper), at), timeout)),
            (b, answer) =>
            {
                b.Enqueue(answer is Rejection why ? CabinetFeedback.Refused(why) : CabinetFeedback.PinChanged());
                Kick();
            });
    }

    private void Ask(CabinetOnBus bus, object message, Action<CabinetOnBus, object> then) =>
        Answer(bus, _cabinets.Ask<object>(message, _settings.AskTimeout), then);

    /// <summary>Brings the answer back onto this actor, for the connection it was asked on; a failed ask reads as unavailable.</summary>
    private void Answer(CabinetOnBus bus, Task<object> asked, Action<CabinetOnBus, object> then)
    {
        var (address, generation) = (bus.Address, _generation);
        asked.ContinueWith(
            t => new Answered(address, generation, t.IsCompletedSuccessfully
                ? t.Result
                : Rejection.Of(RejectionCode.Unavailable, "the cabinet did not answer"), then),
            TaskContinuationOptions.ExecuteSynchronously).PipeTo(Self);
    }

    private void PresentBadge(CabinetOnBus bus, Domain.Ids.BadgeNumber badge, string? pin) =>
        Ask(bus, new PresentBadge(bus.Cabinet, badge, pin, Now), (b, answer) =>
        {
            if (answer is AccessGranted granted)
            {
                b.Session = (granted.Session, granted.ExpiresAt);
                _polls.Active(b.Address, BusTime, BusTime + (granted.ExpiresAt - Now));
                // The receiver of a handover is told how it ended rather than welcomed to choose a key.
                b.Enqueue(granted.Handover switch
                {
                    { Refused: { } why } => CabinetFeedback.Refused(why),
                    { } handedOver => CabinetFeedback.HandedOver(handedOver.Slot),
                    null => CabinetFeedback.Welcome(granted.RemainingCapacity),
                });
                // The badge was the second person of the two-person rule: the first person's key is released now.
                if (granted.Unlock is { } unlock) Unlock(b, unlock);
            }
            else if (answer is Rejection why)
            {
                b.Enqueue(CabinetFeedback.Refused(why));
            }

            Kick();
        });

    private void Unlock(CabinetOnBus bus, UnlockSlot unlock)
    {
        bus.EnqueueFirst(CabinetFeedback.Unlock(unlock.Slot, unlock.Until - Now));
        bus.Enqueue(CabinetFeedback.TakeKey(unlock.Slot));
    }

    private void SelectKey(CabinetOnBus bus, int slot, int? reason)
    {
        if (bus.Session is not { } session || session.ExpiresAt <= Now)
        {
            bus.Enqueue(CabinetFeedback.Refused(Rejection.Of(RejectionCode.SessionNotOpen, "no session")));
            return;
        }

        Ask(bus, new SelectKey(bus.Cabinet, session.Session, slot, Now, reason), (b, answer) =>
        {
            if (answer is UnlockSlot unlock)
            {
                Unlock(b, unlock);
            }
            else if (answer is HandoverStarted)
            {
                b.Enqueue(CabinetFeedback.BadgeReceiver());
            }
            else if (answer is Rejection why)
            {
                b.Enqueue(CabinetFeedback.Refused(why));
            }

            Kick();
        });
    }

    /// <summary>Records a batch of logged events one at a time, in order, then acknowledges what the cluster persisted.</summary>
    private void Upload(CabinetOnBus bus, EventLogUpload upload)
    {
        if (upload.Next() is not { } command)
        {
            FinishUpload(bus, upload);
            return;
        }

        Ask(bus, command, (b, answer) =>
        {
            if (answer is Rejection { Code: not RejectionCode.Unavailable } refused)
                _log.Warning("Cabinet {0}: event {1} refused ({2}); acknowledged so the log can move on", b.Cabinet, upload.Current, refused.Message);
            // The person who keyed in a lower odometer is still at the keypad (the control room has its alarm).
            if (answer is Rejection { Code: RejectionCode.OdometerBackwards } backwards) b.Enqueue(CabinetFeedback.Refused(backwards));
            if (answer is SlotEventRecorded { GuideToSlot: { } home }) b.Enqueue(CabinetFeedback.WrongSlot(home));
            if (upload.Answered(answer)) Upload(b, upload);
            else FinishUpload(b, upload);
        });
    }

    private void FinishUpload(CabinetOnBus bus, EventLogUpload upload)
    {
        bus.Uploading = false;
        if (upload.Acknowledgement is { } ack) bus.Enqueue(ack);
        Kick();
    }

    /// <summary>
    /// After every handshake, on an operator's resync, and when the cabinet's layout changes: learn which key group sits in
    /// which slot and what each key asks, then give the controller its allow-list and the keys' lists (whole, or only what
    /// the new layout changes).
    /// </summary>
    private void LoadLayoutAndAllowList(CabinetOnBus bus, bool whole) =>
        Ask(bus, new GetCabinet(bus.Cabinet), (b, answer) =>
        {
            if (answer is not CabinetDetails { Registered: true } cabinet) return;
            var listed = b.Layout is not null && !whole;
            b.Layout = (cabinet.Site, cabinet.OfflineGroups);
            SlotQuestionsPush.Send(b, cabinet.Questions, whole: !listed);
            if (listed) AllowLists.Refresh(b, _directory.Values, _revocations, _pinPepper);
            else AllowLists.Reload(b, _directory.Values, _revocations, _pinPepper);
            // Nothing to send: a person revoked meanwhile had no entry here, and the list already goes without them.
            if (b.AllowListInStep) Purged(b, b.AllowListVersion);
            Kick();
        });

    private void OnDirectory(AccessDirectoryChange change)
    {
        _directory = change.Directory;
        foreach (var bus in _buses.Values.Where(b => b.Layout is not null)) AllowLists.Update(bus, change, _revocations, _pinPepper);
        Kick();
    }

    /// <summary>
    /// A slot whose release a revocation voided is locked: in order behind what is queued already (an unlock sent just before
    /// must not overtake it), kept queued while the controller is away, and confirmed to the person once acknowledged.
    /// </summary>
    private void OnRelock(DriveRelock relock)
    {
        foreach (var bus in _buses.Values.Where(b => b.Cabinet == relock.LockToClose.Cabinet && !b.AwaitingRelock.ContainsValue(relock)))
        {
            var command = new OutputControl([OutputAction.Lock((byte)relock.LockToClose.Number)]);
            bus.AwaitingRelock[command] = relock;
            bus.Enqueue(command);
        }

        Kick();
    }

    private void Relocked(CabinetOnBus bus, DriveRelock relock, Reply reply)
    {
        if (reply is Ack) _people.Tell(new ReportRelock(relock.Person, relock.Revision, relock.Slot, RelockState.Relocked, Now));
        else _log.Warning("Cabinet {0} did not relock slot {1} after {2}'s revocation: {3}", bus.Cabinet, relock.LockToClose.Number, relock.Person, reply);
    }

    /// <summary>Purged everywhere at once, confirmed to the person once every cabinet of this controller has acknowledged.</summary>
    private void OnRevocation(RevocationBroadcast revocation)
    {
        _revocations.Add(revocation);
        foreach (var bus in _buses.Values) AllowLists.Purge(bus, revocation);
        if (AllowLists.PurgedEverywhere(revocation.Person, _buses.Values)) ConfirmPurge(revocation);
        Kick();
    }

    private void Purged(CabinetOnBus bus, uint acknowledgedVersion)
    {
        foreach (var revocation in AllowLists.PurgesCompleted(bus, acknowledgedVersion, _buses.Values, _revocations)) ConfirmPurge(revocation);
    }

    private void ConfirmPurge(RevocationBroadcast revocation) =>
        _people.Tell(new ConfirmPurge(revocation.Person, revocation.Revision, _config.Id, Now));

    /// <summary>New work for a cabinet: if the bus is idle, start an exchange now instead of at the next poll tick.</summary>
    private void Kick()
    {
        if (_awaiting is null && _link is not null) Self.Tell(new NextExchange());
    }

    private DriverStatus Status() => new(
        _config.Id, _link is not null, [.. _buses.Values.Where(b => b.Liveness.Online == true).Select(b => b.Cabinet)],
        _counts.Sent, _counts.Received, _counts.Rejected, _counts.Naks, _counts.Timeouts, _counts.Reconnects, _counts.AuthFailures,
        _counts.LastRoundTripMs, Akka.Cluster.Cluster.Get(Context.System).SelfAddress.ToString());
}
