using Akka.Actor;
using Akka.Event;
using Akka.Hosting;
using FleetKeys.Cluster.Controllers;
using FleetKeys.Cluster.Credentials;
using FleetKeys.Cluster.Entities;
using FleetKeys.Cluster.KeySlots;
using FleetKeys.Cluster.People;
using FleetKeys.Cluster.Sites;
using FleetKeys.Cluster.TagHomes;
using FleetKeys.Domain;
using FleetKeys.Domain.Cabinets;
using FleetKeys.Domain.Controllers;
using FleetKeys.Domain.Credentials;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeySlots;
using FleetKeys.Domain.People;
using FleetKeys.Domain.Sites;
using FleetKeys.Domain.TagHomes;

namespace FleetKeys.Cluster.Cabinets;

/// <summary>
/// The cabinet's shell runs the controller-facing half of the take flow: badge → person → session, key choice →
/// key slot → unlock, and slot events → custody. A slot event is acknowledged to the controller only once the
/// custody it implies is persisted, so a controller that retries until acknowledged loses nothing.
/// </summary>
public sealed class CabinetActor : EventSourcedEntity<CabinetState, CabinetCommand, CabinetEvent>
{
    private sealed record SlotDue(int Slot);

    private sealed record DoorDue;

    private sealed record KeepAwake;

    /// <summary>Well inside the shard's idle passivation (two minutes), so a cabinet with a timer to keep never sleeps.</summary>
    private static readonly TimeSpan KeepAwakeEvery = TimeSpan.FromSeconds(30);

    private sealed record ReservationDue(int Slot);
    private sealed record ApprovalDeadlineDue(int Slot);

    private readonly IActorRef _credentials;
    private readonly IActorRef _people;
    private readonly IActorRef _slots;
    private readonly IActorRef _controllers;
    private readonly IActorRef _cabinets;
    private readonly IActorRef _sites;
    private readonly IActorRef _tagHomes;
    private AwaitingSecondPerson? _awaitingSecond;
    private AwaitingReceiver? _awaitingReceiver;

    public CabinetActor(CabinetId id, EntityServices services) : base(PersistenceIds.Cabinet(id), CabinetState.Empty(id), services)
    {
        var registry = ActorRegistry.For(Context.System);
        _credentials = registry.Get<CredentialRegion>();
        _people = registry.Get<PersonRegion>();
        _slots = registry.Get<KeySlotRegion>();
        _controllers = registry.Get<ControllerRegion>();
        _cabinets = registry.Get<CabinetRegion>();
        _sites = registry.Get<SiteRegion>();
        _tagHomes = registry.Get<TagHomeRegion>();

        Command<PresentBadge>(HandleBadge);
        Command<ChangePinAtCabinet>(HandlePinChange);
        Command<SelectKey>(HandleSelectKey);
        Command<ReleaseRemotely>(HandleRemoteRelease);
        Command<HandOverKeyAt>(HandleHandover);
        Command<ReportTagRemoved>(HandleTagRemoved);
        Command<ReportTagInserted>(HandleTagInserted);
        Command<ReportInventory>(HandleInventory);
        Command<IKeyReportAtCabinet>(HandleKeyReport);
        Command<RequestInventory>(request =>
        {
            if (State.Decide(request).Rejection is { } refused)
            {
                Sender.Tell(refused);
                return;
            }

            _controllers.Tell(new TakeInventory(State.Controller, State.Id));
            Sender.Tell(new InventoryRequested(State.Id, request.At));
        });
        Command<RecordOfflineAccess>(HandleOfflineAccess);
        Command<AssignKeyToSlot>(HandleAssignKey);
        Command<RemoveKeyFromSlot>(HandleRemoveKey);
        Command<ChangeCabinet>(HandleChange);
        Command<CabinetCommand>(c => Execute(c));
        Command<GetCabinet>(_ => Sender.Tell(Answer));
        Command<WakeCabinet>(HandleWake);
        Command<RelockSlot>(m =>
        {
            if (State.Registered)
                _controllers.Tell(new DriveRelock(State.Controller, m.Slot, m.Person, m.Revision,
                    m.SitsIn ?? State.SlotId(State.SlotHolding(m.Slot.Number))));
        });
        Command<SlotDue>(due => AskUntilAnswered(_slots, new NoticeOverdue(State.SlotId(due.Slot), Now)));
        Command<DoorDue>(_ => Execute(new NoticeDoorLeftOpen(State.Id, Now), _ => { }, _ => { }));
        Command<KeepAwake>(_ => _cabinets.Tell(new WakeCabinet(State.Id)));
        Command<ReservationDue>(due => AskUntilAnswered(_slots, new NoticeReservationStart(State.SlotId(due.Slot), Now)));
        Command<ApprovalDeadlineDue>(due => AskUntilAnswered(_slots, new NoticeApprovalDeadlines(State.SlotId(due.Slot), Now)));
    }

    protected override object Answer => CabinetDetails.Of(State, Now);

    protected override void OnPersisted(CabinetEvent @event)
    {
        if (@event is KeyHomed or KeyUnhomed or InterlockSet or InterlockRemoved) _controllers.Tell(new CabinetLayoutChanged(State.Controller, State.Id));
        if (@event is CabinetDecommissioned gone)
        {
            AskUntilAnswered(_controllers, new DetachCabinet(gone.Controller, gone.BusAddress, State.Id, Now));
            Timers.CancelAll();
            return;
        }

        if (@event is SlotSummaryChanged changed) ArmDeadline(changed.Summary);
        if (@event is DoorOpened or DoorClosed or DoorLeftOpen or AlarmSettingsChanged) ArmDoorTimer();
        KeepAwakeWhileTiming();
        // The controller admitted the person from its allow-list; only the person knows whether they were revoked by then.
        if (@event is OfflineAccessGranted { Person: { } person } granted)
            AskUntilAnswered(_people, new ReviewOfflineGrant(person, State.Id, granted.Slot, granted.At, Now));
    }

    /// <summary>
    /// Deadlines live in the persisted slot summaries, never only in a scheduler: whenever this cabinet starts — its
    /// controller wakes it after a crash — every key still out gets its timer back, and one already past fires at once.
    /// One timer per key, for its next pending step (reminder, due time, escalation); the slot's summary after each
    /// step brings the one after it.
    /// </summary>
    protected override void OnRecovered()
    {
        foreach (var summary in State.Summary.Values) ArmDeadline(summary);
        ArmDoorTimer();
        KeepAwakeWhileTiming();
    }

    /// <summary>
    /// An idle cabinet is passivated by its shard, timers and all; while it keeps a deadline (a custody step, a reservation's
    /// start) or watches its door it wakes itself through the region now and then, since only messages from outside count
    /// as activity.
    /// </summary>
    private void KeepAwakeWhileTiming()
    {
        var timing = State.DoorDueAt is not null
                     || State.Summary.Values.Any(s => s is { Status: CustodyStatus.Out, NextStepAt: not null } or { NextReservationAt: not null } or { NextApprovalDeadline: not null });
        if (!timing) Timers.Cancel(nameof(KeepAwake));
        else if (!Timers.IsTimerActive(nameof(KeepAwake))) Timers.StartPeriodicTimer(nameof(KeepAwake), new KeepAwake(), KeepAwakeEvery);
    }

    /// <summary>Like the deadlines, the door's timer is derived from persisted state, so a door left open survives a crash.</summary>
    private void ArmDoorTimer()
    {
        if (State.DoorDueAt is { } due) Timers.StartSingleTimer(nameof(DoorDue), new DoorDue(), due > Now ? due - Now : TimeSpan.Zero);
        else Timers.Cancel(nameof(DoorDue));
    }

    private void ArmDeadline(SlotSummary summary)
    {
        Arm($"due-{summary.Slot}", summary is { Status: CustodyStatus.Out, NextStepAt: { } due } ? due : null, new SlotDue(summary.Slot));
        Arm($"reservation-{summary.Slot}", summary.NextReservationAt, new ReservationDue(summary.Slot));
        Arm($"approval-{summary.Slot}", summary.NextApprovalDeadline, new ApprovalDeadlineDue(summary.Slot));
    }

    private void Arm(string key, DateTimeOffset? at, object message)
    {
        if (at is { } when)
            Timers.StartSingleTimer(key, message, when > Now ? when - Now : TimeSpan.Zero);
        else
            Timers.Cancel(key);
    }

    /// <summary>
    /// A controller woken after a crash names where it has this cabinet; if that is no longer so (the cabinet was wired
    /// elsewhere or decommissioned, and the controller never heard), it is told again to let the bus address go.
    /// </summary>
    private void HandleWake(WakeCabinet wake)
    {
        if (wake is not { Controller: { } controller, BusAddress: { } busAddress }) return;
        var stillThere = State.Registered && State.Controller == controller && State.BusAddress == busAddress;
        if (!stillThere && (State.Registered || State.Decommissioned))
            _controllers.Tell(new DetachCabinet(controller, busAddress, State.Id, Now));
    }

    /// <summary>
    /// The cabinet's own rules first (the slot exists, the tag is homed nowhere else), then the slot's (custody), and only then
    /// the home: while the slot decides, nothing else happens here, so the rules checked still hold when the home is written.
    /// </summary>
    private void HandleAssignKey(AssignKeyToSlot assign)
    {
        var home = new HomeKey(State.Id, assign.Slot, assign.Key.Tag, assign.At, assign.Key.Group,
            OnlineOnly: assign.Key.Policy.OnlineOnly, Return: assign.Key.Policy.Return, Questions: assign.Key.Policy.Questions);
        ThroughSlot(home, new AssignKey(State.SlotId(assign.Slot), assign.Key, State.TimeZoneId, assign.At, assign.By));
    }

    /// <summary>The slot decides whether its key may go (never while it is out); the home is given up only after.</summary>
    private void HandleRemoveKey(RemoveKeyFromSlot remove) =>
        ThroughSlot(new UnhomeKey(State.Id, remove.Slot, remove.At), new RemoveKey(State.SlotId(remove.Slot), remove.By, remove.At));

    /// <summary>Checks <paramref name="ours"/>, has the slot decide <paramref name="slotCommand"/>, then persists ours; answers the slot's custody.</summary>
    private void ThroughSlot(CabinetCommand ours, IAsk<KeySlotDetails> slotCommand)
    {
        var replyTo = Sender;
        if (State.Decide(ours).Rejection is { } refused)
        {
            replyTo.Tell(refused);
            return;
        }

        AskAndWait(_slots, slotCommand, custody => Execute(ours, _ => replyTo.Tell(custody), replyTo.Tell), replyTo.Tell);
    }

    /// <summary>
    /// Re-wiring: the new controller claims the bus address (it owns which cabinet sits where), the cabinet records its new
    /// wiring, and the old controller lets the old address go.
    /// </summary>
    private void HandleChange(ChangeCabinet change)
    {
        var replyTo = Sender;
        var decision = State.Decide(change);
        if (decision.Rejection is not null || decision.Events is not [CabinetChanged wiring])
        {
            replyTo.Tell(decision.Rejection ?? Answer);
            return;
        }

        var (before, beforeAddress) = (State.Controller, State.BusAddress);
        AskAndWait(_controllers, new AttachCabinet(wiring.Controller, wiring.BusAddress, State.Id, wiring.RequiresPin, change.At, wiring.ReaderAddress,
                wiring.ReaderRemoved), _ =>
            Execute(change, _ =>
            {
                if ((before, beforeAddress) != (State.Controller, State.BusAddress))
                    AskUntilAnswered(_controllers, new DetachCabinet(before, beforeAddress, State.Id, Now));
                replyTo.Tell(Answer);
            }, replyTo.Tell), replyTo.Tell);
    }

    /// <summary>
    /// The site's holidays, asked for at every badge and key choice so a change applies at once; if the site does not answer
    /// the request is refused rather than decided as if there were no holidays.
    /// </summary>
    private void WithHolidays(IActorRef replyTo, Action<IReadOnlyList<DateOnly>> then) =>
        AskAndWait(_sites, new GetSite(State.Site), site => then(site.Holidays), replyTo.Tell);

    private void HandleBadge(PresentBadge badge)
    {
        var replyTo = Sender;
        if (!State.Registered)
        {
            replyTo.Tell(Rejection.Of(RejectionCode.NotFound, $"cabinet {State.Id} is not registered"));
            return;
        }

        // Who holds the badge does not depend on the holidays: both are asked at once.
        var resolving = AskNow(_credentials, new ResolveBadge(badge.Badge));
        WithHolidays(replyTo, holidays => AskAndWait(resolving, resolved =>
        {
            if (resolved.Person is not { } person)
            {
                Deny(badge, null, Rejection.Of(RejectionCode.UnknownBadge, "unknown badge"), replyTo);
                return;
            }

            var session = SessionId.New();
            var expires = badge.At + Settings.SessionLength;
            var open = new OpenSession(person, session, State.Id, State.Site, State.TimeZoneId, badge.Pin, State.RequiresPin,
                badge.At, expires, State.AlarmSettings.PinLockout, holidays) { PinExpiresAfter = Settings.PinExpiresAfter };
            AskAndWait(_people, open, opened =>
                Execute(new RecordSessionOpened(State.Id, session, person, badge.Badge, expires, badge.At), _ =>
                {
                    var granted = new AccessGranted(State.Id, session, person, opened.RemainingCapacity, expires);
                    if (_awaitingReceiver is { } handover && handover.IsCompletedBy(person, State, badge.At))
                        HandOverToReceiver(handover, person, holidays, granted, replyTo);
                    else if (_awaitingSecond is { } awaiting && awaiting.IsCompletedBy(person, State, badge.At))
                        ReleaseToFirstPerson(awaiting, person, holidays, granted, replyTo);
                    else
                        replyTo.Tell(granted);
                }, replyTo.Tell),
                refused => Deny(badge, person, refused, replyTo));
        }, refused => Deny(badge, null, refused, replyTo)));
    }

    /// <summary>
    /// The badge was the second person of the two-person rule: the key waiting for it is released to the first person and
    /// the unlock rides on this badge's answer. If the release is refused the second person is still welcomed.
    /// </summary>
    private void ReleaseToFirstPerson(
        AwaitingSecondPerson awaiting, PersonId second, IReadOnlyList<DateOnly> holidays, AccessGranted granted, IActorRef replyTo)
    {
        _awaitingSecond = null;
        var request = new RequestRelease(State.SlotId(awaiting.Slot), awaiting.Requester, awaiting.Session, State.Site, Now, holidays,
            new DualAuthorisation(second, awaiting.RequestedAt), Reason: awaiting.Reason);
        void NotReleased(Rejection why)
        {
            Log.Info("Second person {0} did not release slot {1} of {2}: {3}", second, awaiting.Slot, State.Id, why);
            replyTo.Tell(granted);
        }

        // The interlock is checked again: keys may have left while the first person waited.
        if (State.CheckInterlock(awaiting.Slot) is { } interlocked)
        {
            NotReleased(interlocked);
            return;
        }

        AskAndWait(_slots, request,
            release => replyTo.Tell(granted with { Unlock = new UnlockSlot(State.Id, State.SlotHolding(awaiting.Slot), release.Grant, release.Until) }),
            NotReleased);
    }

    /// <summary>
    /// The badge was the receiver of the handover the holder started: their session is open (PIN and standing checked), and
    /// the slot decides with the receiver's grant, as an operator's handover. Either way the receiver is welcomed and told.
    /// </summary>
    private void HandOverToReceiver(
        AwaitingReceiver handover, PersonId receiver, IReadOnlyList<DateOnly> holidays, AccessGranted granted, IActorRef replyTo)
    {
        _awaitingReceiver = null;
        AskAndWait(_slots, new RequestHandover(State.SlotId(handover.Slot), handover.Giver, receiver,
                new HandoverOrigin($"cabinet {State.Id}", null, State.Id), State.Site, Now, holidays),
            _ => replyTo.Tell(granted with { Handover = new HandoverAtCabinet(handover.Slot, null) }),
            refused => replyTo.Tell(granted with { Handover = new HandoverAtCabinet(handover.Slot, refused) }));
    }

    /// <summary>Denials are persisted too: a refused badge is part of the audit trail.</summary>
    /// <summary>The person decides; a wrong current PIN counts towards this cabinet's lock-out, as one typed to open a session.</summary>
    private void HandlePinChange(ChangePinAtCabinet change)
    {
        var replyTo = Sender;
        if (!State.Registered)
        {
            replyTo.Tell(Rejection.Of(RejectionCode.NotFound, $"cabinet {State.Id} is not registered"));
            return;
        }

        AskAndWait(_credentials, new ResolveBadge(change.Badge), resolved =>
        {
            if (resolved.Person is not { } person)
            {
                replyTo.Tell(Rejection.Of(RejectionCode.UnknownBadge, "unknown badge"));
                return;
            }

            var pinChange = new ChangePin(person, change.OldPin, change.Pin, change.PinHash, change.At, $"cabinet {State.Id}")
            {
                Cabinet = State.Id, PinLockout = State.AlarmSettings.PinLockout,
            };
            AskAndWait(_people, pinChange, (PersonDetails _) => replyTo.Tell(new PinChangedAtCabinet(State.Id, person)), replyTo.Tell);
        }, replyTo.Tell);
    }

    private void Deny(PresentBadge badge, PersonId? person, Rejection why, IActorRef replyTo) =>
        Execute(new RecordAccessDenied(State.Id, badge.Badge, person, why.Code, badge.At), _ => replyTo.Tell(why), replyTo.Tell);

    private void HandleSelectKey(SelectKey select)
    {
        var replyTo = Sender;
        // The holder chose the key they hold: the next badge of someone else is the receiver (no lock moves, so neither a
        // lock-down nor an interlock holds it back).
        if (State.Registered && State.IsHeldBy(select.Session, select.Slot, select.At))
        {
            _awaitingSecond = null;
            _awaitingReceiver = new AwaitingReceiver(State.SessionOf(select.Session).Person, select.Session, select.Slot, select.At);
            replyTo.Tell(new HandoverStarted(State.Id, select.Slot, _awaitingReceiver.Until));
            return;
        }

        _awaitingReceiver = null;
        if (State.CheckSelectable(select.Session, select.Slot, select.At) is { } rejection)
        {
            replyTo.Tell(rejection);
            return;
        }

        var person = State.SessionOf(select.Session).Person;
        if (State.ForeignTagIn(select.Slot) is { } foreign)
        {
            ReleaseForeignKey(foreign, select, person, replyTo);
            return;
        }

        WithHolidays(replyTo, holidays =>
            AskAndWait(_slots, new RequestRelease(State.SlotId(select.Slot), person, select.Session, State.Site, select.At, holidays, Reason: select.Reason),
                granted =>
                {
                    // Only the latest choice at the cabinet waits for a second person: a later one means the first was given up.
                    _awaitingSecond = null;
                    replyTo.Tell(new UnlockSlot(State.Id, State.SlotHolding(select.Slot), granted.Grant, granted.Until));
                },
                refused =>
                {
                    _awaitingSecond = refused.Code == RejectionCode.AuthorisationRequired
                        ? new AwaitingSecondPerson(person, select.Session, select.Slot, select.At, select.Reason)
                        : null;
                    replyTo.Tell(refused);
                }));
    }

    /// <summary>
    /// A key of another cabinet, put back here in its return group, is chosen by the slot it sits in: its home slot (found in
    /// the tag directory) decides the release under its own rules, with this cabinet's site's holidays, and this slot unlocks.
    /// </summary>
    private void ReleaseForeignKey(TagId tag, SelectKey select, PersonId person, IActorRef replyTo) =>
        AskAndWait(_tagHomes, new FindTagHome(tag), found =>
        {
            if (found.Slot is not { } home)
            {
                replyTo.Tell(Rejection.Of(RejectionCode.KeyNotPresent, $"the key in slot {select.Slot} is homed in no cabinet"));
                return;
            }

            WithHolidays(replyTo, holidays => AskAndWait(_slots,
                new RequestRelease(home, person, select.Session, State.Site, select.At, holidays, From: State.Id, Reason: select.Reason),
                granted => replyTo.Tell(new UnlockSlot(State.Id, select.Slot, granted.Grant, granted.Until)),
                replyTo.Tell));
        }, replyTo.Tell);

    /// <summary>
    /// The cabinet's rules, then the slot's and the person's, in one conversation: until the slot answers this cabinet takes
    /// nothing else, so a key that would break an interlock cannot leave meanwhile. The lock moves once the release is persisted.
    /// </summary>
    private void HandleRemoteRelease(ReleaseRemotely request)
    {
        var replyTo = Sender;
        if (State.CheckRemoteRelease(request.Slot) is { } refused)
        {
            replyTo.Tell(refused);
            return;
        }

        AskAndWait(_slots, new RequestRemoteRelease(State.SlotId(request.Slot), request.Person, request.Reason, request.By, request.At, State.Site), granted =>
        {
            _controllers.Tell(new DriveLocks(State.Controller, State.Id, Door: false, [State.SlotHolding(request.Slot)], Release: true, granted.Until));
            replyTo.Tell(granted);
        }, replyTo.Tell);
    }

    /// <summary>The slot and the receiver decide; the cabinet brings its site's holidays for the receiver's schedule.</summary>
    private void HandleHandover(HandOverKeyAt request)
    {
        var replyTo = Sender;
        if (State.CheckHandover(request.Slot) is { } refused)
        {
            replyTo.Tell(refused);
            return;
        }

        WithHolidays(replyTo, holidays => AskAndWait(_slots,
            new RequestHandover(State.SlotId(request.Slot), request.From, request.To, request.Origin, State.Site, request.At, holidays),
            replyTo.Tell, replyTo.Tell));
    }

    /// <summary>A report older than the last one recorded was complete, consequences and all, before that one began.</summary>
    private bool IsStale(IHardwareReport report, int slot, IActorRef replyTo)
    {
        if (State.FreshnessOf(report.Source) != Freshness.Stale) return false;
        replyTo.Tell(new SlotEventRecorded(State.Id, slot, null));
        return true;
    }

    private void HandleOfflineAccess(RecordOfflineAccess access)
    {
        var replyTo = Sender;
        if (IsStale(access, access.Slot, replyTo)) return;
        Execute(access, _ =>
        {
            if (!access.Granted || access.Slot == 0 || access.Person is not { } person)
            {
                replyTo.Tell(new SlotEventRecorded(State.Id, access.Slot, null));
                return;
            }

            AskAndWait(_slots, new RecordOfflineRelease(State.SlotId(access.Slot), person, access.At),
                _ => replyTo.Tell(new SlotEventRecorded(State.Id, access.Slot, null)), replyTo.Tell);
        }, replyTo.Tell);
    }

    private void HandleTagRemoved(ReportTagRemoved removed)
    {
        var replyTo = Sender;
        if (IsStale(removed, removed.Slot, replyTo)) return;
        // A key that sits in another slot than its home is taken from there: the removal is its home slot's to decide, in
        // this cabinet or, for a key of another cabinet returned here in its return group, in that one.
        WithTagHome(removed.Tag, replyTo, elsewhere => Execute(removed,
            _ => ForwardToHome(removed.Slot, HomeSlotOf(removed.Tag, elsewhere), home => new RecordTagRemoved(home, removed.Tag, removed.At), replyTo),
            replyTo.Tell));
    }

    private void HandleTagInserted(ReportTagInserted inserted)
    {
        var replyTo = Sender;
        if (IsStale(inserted, inserted.Slot, replyTo)) return;
        // Wherever the key went, it is back: its custody ends, and a slot its rule does not allow is a wrong-slot return
        // besides (recorded by the cabinet, the user guided home when its home is here).
        WithTagHome(inserted.Tag, replyTo, elsewhere => Execute(inserted with { HomedElsewhere = elsewhere }, _ =>
        {
            var returnedBy = State.PersonAtCabinet(inserted.At)?.Person;
            var home = HomeSlotOf(inserted.Tag, elsewhere);
            var placedIn = home == State.SlotId(inserted.Slot) ? (SlotId?)null : State.SlotId(inserted.Slot);
            ForwardToHome(inserted.Slot, home, slot => new RecordTagReturned(slot, inserted.Tag, returnedBy, inserted.At, placedIn),
                replyTo, State.GuideFor(inserted.Tag, inserted.Slot));
        }, replyTo.Tell));
    }

    /// <summary>
    /// A fault, a reason or return answers are the key's: its home slot records them, here or in the cabinet of its return
    /// group that homes it.
    /// </summary>
    private void HandleKeyReport(IKeyReportAtCabinet report)
    {
        var replyTo = Sender;
        var command = (CabinetCommand)report;
        if (IsStale(report, report.Slot, replyTo)) return;
        if (State.Decide(command).Rejection is { } refused)
        {
            replyTo.Tell(refused);
            return;
        }

        var person = State.PersonAtCabinet(command.At)?.Person;
        WithTagHome(report.Tag, replyTo, elsewhere => ForwardToHome(report.Slot, HomeSlotOf(report.Tag, elsewhere),
            home => report.ForHome(home, person, State.Site), replyTo));
    }

    /// <summary>
    /// The tag directory names the home of every tag found here that this cabinet homes no key of, all asked at once; then
    /// the cabinet compares. A tag whose entry did not answer would pass for unknown to the fleet, so the inventory is
    /// refused instead, and the next one compares.
    /// </summary>
    private void HandleInventory(ReportInventory inventory)
    {
        var replyTo = Sender;
        List<FindTagHome> strangers = [.. inventory.Tags.Select(t => t.Tag).Where(t => State.HomeOf(t) is null).Distinct().Select(t => new FindTagHome(t))];
        AskAllAndWait(_tagHomes, strangers, homes =>
        {
            if (homes.Any(h => h is null))
            {
                replyTo.Tell(Rejection.Of(RejectionCode.Unavailable, "the tag directory did not answer for every tag in time; try again"));
                return;
            }

            List<TagHomeState> elsewhere = [.. homes.OfType<TagHomeState>().Where(h => h.Slot is { } slot && slot.Cabinet != State.Id)];
            Execute(inventory with { HomedElsewhere = elsewhere }, _ => replyTo.Tell(Answer), replyTo.Tell);
        });
    }

    /// <summary>
    /// For a tag homed in no slot of this cabinet, where the tag directory says its key is homed (null when it knows none);
    /// a tag homed here needs no asking. Meanwhile this cabinet takes nothing else, so reports stay in their order.
    /// </summary>
    private void WithTagHome(TagId tag, IActorRef replyTo, Action<TagHomeState?> then)
    {
        if (State.HomeOf(tag) is not null)
        {
            then(null);
            return;
        }

        AskAndWait(_tagHomes, new FindTagHome(tag), found => then(found.Slot is { } slot && slot.Cabinet != State.Id ? found : null), replyTo.Tell);
    }

    private SlotId? HomeSlotOf(TagId tag, TagHomeState? elsewhere) =>
        State.HomeOf(tag) is { } home ? State.SlotId(home) : elsewhere?.Slot;

    /// <summary>
    /// A slot event concerns custody only for a key homed somewhere, and then its home slot's, whichever slot the tag was
    /// seen in; the ack waits for the custody write.
    /// </summary>
    private void ForwardToHome(int slot, SlotId? home, Func<SlotId, IAsk<KeySlotDetails>> command, IActorRef replyTo, int? guide = null)
    {
        if (home is not { } homeSlot)
        {
            replyTo.Tell(new SlotEventRecorded(State.Id, slot, guide));
            return;
        }

        AskAndWait(_slots, command(homeSlot), _ => replyTo.Tell(new SlotEventRecorded(State.Id, slot, guide)), replyTo.Tell);
    }
}
