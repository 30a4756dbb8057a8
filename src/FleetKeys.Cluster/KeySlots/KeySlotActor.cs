using Akka.Actor;
using Akka.Hosting;
using FleetKeys.Cluster.Cabinets;
using FleetKeys.Cluster.Entities;
using FleetKeys.Cluster.KeyIds;
using FleetKeys.Cluster.People;
using FleetKeys.Cluster.TagHomes;
using FleetKeys.Domain;
using FleetKeys.Domain.Cabinets;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeyIds;
using FleetKeys.Domain.KeySlots;
using FleetKeys.Domain.People;
using FleetKeys.Domain.TagHomes;

namespace FleetKeys.Cluster.KeySlots;

/// <summary>
/// Custody of one key. A release is persisted before the unlock goes out; the person and the cabinet learn of
/// custody changes by at-least-once notifications that they apply idempotently, and recovery re-asserts them.
/// </summary>
public sealed class KeySlotActor : EventSourcedEntity<KeySlotState, KeySlotCommand, KeySlotEvent>
{
    private sealed record ReleaseWindowElapsed(GrantId Grant);

    private const string ReleaseTimer = "release-window";
    private readonly IActorRef _people;
    private readonly IActorRef _cabinets;
    private readonly IActorRef _keyIds;
    private readonly IActorRef _tagHomes;

    public KeySlotActor(SlotId slot, EntityServices services) : base(PersistenceIds.KeySlot(slot), KeySlotState.Empty(slot), services)
    {
        var registry = ActorRegistry.For(Context.System);
        _people = registry.Get<PersonRegion>();
        _cabinets = registry.Get<CabinetRegion>();
        _keyIds = registry.Get<KeyIdRegion>();
        _tagHomes = registry.Get<TagHomeRegion>();

        Command<RequestRelease>(HandleRequestRelease);
        Command<RecordOfflineRelease>(HandleOfflineRelease);
        Command<RequestRemoteRelease>(HandleRemoteRelease);
        Command<RequestHandover>(HandleHandover);
        Command<HandOverKey>(_ => Sender.Tell(Rejection.Of(RejectionCode.Invalid, "handovers are requested with RequestHandover")));
        // A release is only ever decided here, after the person's grant; nobody else may dictate one.
        Command<ReleaseKey>(_ => Sender.Tell(Rejection.Of(RejectionCode.Invalid, "releases are requested with RequestRelease")));
        Command<ReleaseWindowElapsed>(e => Execute(new ExpireRelease(State.Slot, e.Grant, Now)));
        Command<VoidRelease>(HandleVoid);
        Command<AssignKey>(HandleAssign);
        Command<FileApprovalRequest>(c => Execute(c, _ => RequestNamed(c.Request)));
        Command<DecideApprovalRequest>(c => Execute(c, _ => RequestNamed(c.Request)));
        Command<KeySlotCommand>(c => Execute(c));
        Command<GetCustody>(_ => Sender.Tell(Answer));
    }

    protected override object Answer => KeySlotDetails.Of(State);

    /// <summary>
    /// The key's id is claimed from the key id directory before the key is recorded here, so two slots never carry one id
    /// however their assignments interleave: while this slot waits for the claim it answers nobody, so the directory, asking
    /// whether it still carries the id, hears only once the key is recorded. The tag directory then learns where the key's
    /// tag is homed, for a cabinet of its return group that finds it.
    /// </summary>
    private void HandleAssign(AssignKey assign)
    {
        var replyTo = Sender;
        if (State.Decide(assign).Rejection is { } refused)
        {
            replyTo.Tell(refused);
            return;
        }

        AskAndWait(_keyIds, new ClaimKeyId(assign.Key.Id, State.Slot, assign.At),
            _ => AskAndWait(_tagHomes, new RecordTagHome(assign.Key.Tag, State.Slot, assign.Key.Policy.ReturnGroup, assign.At),
                _ => Execute(assign, _ => replyTo.Tell(Answer), rejection => replyTo.Tell(rejection)),
                replyTo.Tell),
            taken => replyTo.Tell(taken.About("keyId")));
    }

    /// <summary>A release at the cabinet; under the two-person rule the second person vouches before the taker is granted.</summary>
    private void HandleRequestRelease(RequestRelease request)
    {
        var key = State.Key;
        var authoriser = key?.Policy.DualAuthorisationWindow is not null ? request.Authorisation?.Authoriser : null;
        var vouch = authoriser is { } second
            ? new AuthoriseRelease(second, request.Person, State.Slot, key!.Group, request.Site, State.TimeZoneId!, request.Holidays, Now)
            : null;
        ReleaseOnceGranted(
            (grant, now, until) => new RequestGrant(request.Person, grant, request.Session, State.Slot, key!.Group,
                request.Site, State.TimeZoneId!, now, until, request.Holidays, key.Policy.ReturnFirst, request.From),
            (issued, now, until) => new ReleaseKey(State.Slot, issued.Grant, request.Person, request.Session, now, until,
                Authoriser: authoriser, Reason: request.Reason, Site: request.Site),
            now => State.CheckReleasableAt(request.From ?? State.Slot.Cabinet) ?? State.CheckReason(request.Reason) ?? State.CheckReserved(request.Person, now)
                   ?? State.CheckAuthorisation(request.Person, request.Authorisation, now) ?? State.CheckApproval(request.Person, now),
            vouch,
            (refused, replyTo) => FileWhenApprovalRequired(refused, request, replyTo));
    }

    /// <summary>
    /// A person refused at the cabinet for want of an approval has asked for the key: their request is filed (unless one is
    /// open already) before they are answered, so the approver hears of it and the refusal names it. Someone the person
    /// would refuse the key to anyway (not entitled to it, no longer active) files nothing, and hears why.
    /// </summary>
    private void FileWhenApprovalRequired(Rejection refused, RequestRelease request, IActorRef replyTo)
    {
        var now = Now;
        if (refused.Code != RejectionCode.ApprovalRequired || State.OpenRequestOf(request.Person, now) is not null)
        {
            replyTo.Tell(refused);
            return;
        }

        var filing = new FileApprovalRequest(State.Slot, ApprovalRequestId.New(State.Slot), request.Person, null,
            $"cabinet {request.From ?? State.Slot.Cabinet}", now, request.Site);
        AskAndWait(_people, new MayRequestKey(request.Person, State.Slot, State.Key!.Group, request.Site, now),
            _ => Execute(filing, _ => replyTo.Tell(State.CheckApproval(request.Person, now) ?? refused), _ => replyTo.Tell(refused)),
            replyTo.Tell);
    }

    private ApprovalRequest RequestNamed(ApprovalRequestId id) => State.Approvals.Single(r => r.Id == id);

    /// <summary>
    /// The control room's release: the person still grants it, so a revocation or a full limit still refuses it. For a key
    /// under the two-person rule the operator, recorded with the reason, is the second person.
    /// </summary>
    private void HandleRemoteRelease(RequestRemoteRelease request)
    {
        var listed = State.ReasonNumbered(request.Reason);
        ReleaseOnceGranted(
            (grant, now, until) => new RequestRemoteGrant(request.Person, grant, State.Slot, now, until, State.Key?.Policy.ReturnFirst == true),
            (issued, now, until) => new ReleaseKey(State.Slot, issued.Grant, request.Person, issued.Session, now, until,
                new RemoteRelease(request.Reason, request.By), Reason: listed, Site: request.Site),
            now => State.CheckReleasableAt(State.Slot.Cabinet) ?? State.CheckReason(listed) ?? State.CheckReserved(request.Person, now),
            vouch: null, refuse: null);
    }

    /// <summary>
    /// The release saga every kind of request shares: the key must be releasable and free of a critical fault (and its own
    /// rules met), the second person, if any, must vouch, the person must grant it, and the release is persisted before
    /// anyone is told to unlock.
    /// </summary>
    private void ReleaseOnceGranted(
        Func<GrantId, DateTimeOffset, DateTimeOffset, IAsk<GrantIssued>> askForGrant,
        Func<GrantIssued, DateTimeOffset, DateTimeOffset, ReleaseKey> release,
        Func<DateTimeOffset, Rejection?> checkRules,
        IAsk<ReleaseAuthorised>? vouch,
        Action<Rejection, IActorRef>? refuse)
    {
        var replyTo = Sender;
        var now = Now;
        if ((State.CheckReleasable(now) ?? State.CheckFaulted() ?? checkRules(now)) is { } notReleasable)
        {
            if (refuse is null) replyTo.Tell(notReleasable);
            else refuse(notReleasable, replyTo);
            return;
        }

        var until = now + Settings.ReleaseWindow;
        void Grant() => AskAndWait(_people, askForGrant(GrantId.New(), now, until),
            issued => Execute(release(issued, now, until),
                _ => replyTo.Tell(new ReleaseGranted(State.Slot, issued.Grant, until)),
                rejection => replyTo.Tell(rejection)),
            refused => replyTo.Tell(refused));

        if (vouch is null)
        {
            Grant();
            return;
        }

        AskAndWait(_people, vouch, _ => Grant(), refused => replyTo.Tell(refused));
    }

    /// <summary>
    /// A handover: the slot's own rules, then the receiver grants it as they would a take of this key, and the new custody
    /// is persisted before anyone is answered. No lock opens, so no release window is kept: the grant is held only while asked.
    /// </summary>
    private void HandleHandover(RequestHandover request)
    {
        var replyTo = Sender;
        var now = Now;
        if (State.CheckHandover(request.From, request.To, now) is { } refused)
        {
            replyTo.Tell(refused);
            return;
        }

        var key = State.Key!;
        AskAndWait(_people, new RequestHandoverGrant(request.To, GrantId.New(), State.Slot, key.Group, request.Site, State.TimeZoneId!, now,
                now + Settings.ReleaseWindow, request.Holidays, key.Policy.ReturnFirst),
            issued => Execute(new HandOverKey(State.Slot, issued.Grant, request.From ?? State.Holder!.Value, request.To, request.Origin, now, request.Site),
                _ => replyTo.Tell(Answer), replyTo.Tell),
            replyTo.Tell);
    }

    /// <summary>
    /// The window runs from the upload as well as from the offline decision, so the take that was already uploaded
    /// right behind it (event time inside the original window) still finds the release open.
    /// </summary>
    private void HandleOfflineRelease(RecordOfflineRelease release)
    {
        var replyTo = Sender;
        var from = release.At > Now ? release.At : Now;
        Execute(new ReleaseKey(State.Slot, GrantId.New(), release.Person, SessionId.New(), release.At, from + Settings.ReleaseWindow),
            _ => replyTo.Tell(Answer), rejection => replyTo.Tell(State.Status is CustodyStatus.Released or CustodyStatus.Out ? Answer : rejection));
    }

    /// <summary>
    /// A revocation voided the grant of this slot's release. Once the slot is locked on record, its controller is told to
    /// lock it — again at every repeat while it stays so, since the person repeats until the controller has confirmed.
    /// </summary>
    private void HandleVoid(VoidRelease command)
    {
        var replyTo = Sender;
        Execute(command, _ =>
        {
            var state = State.RelockOf(command.Grant);
            if (state == RelockState.Pending) _cabinets.Tell(new RelockSlot(State.Slot, command.Person, command.Revision, State.PlacedIn));
            replyTo.Tell(new RelockAnswer(State.Slot, state));
        }, replyTo.Tell);
    }

    protected override void OnPersisted(KeySlotEvent @event)
    {
        switch (@event)
        {
            case KeyReleased e:
                Timers.StartSingleTimer(ReleaseTimer, new ReleaseWindowElapsed(e.Grant), Positive(e.Until - Now));
                break;
            case ReleaseVoided:
                Timers.Cancel(ReleaseTimer);
                break;
            case KeyTakenUnderVoidedGrant e:
                AskUntilAnswered(_people, new ReportRelock(e.Person, e.Revision, e.Slot, RelockState.KeyTaken, e.At));
                break;
            case ReleaseExpired e:
                AskUntilAnswered(_people, new ConfirmGrantLapsed(e.Person, e.Grant, e.At));
                break;
            case KeyTaken e:
                CustodyMetrics.Transactions.Add(1, new KeyValuePair<string, object?>("kind", "take"));
                Timers.Cancel(ReleaseTimer);
                AskUntilAnswered(_people, new ConfirmTaken(e.Person, e.Grant, e.Slot, e.At));
                break;
            case KeyHandedOver e:
                CustodyMetrics.Transactions.Add(1, new KeyValuePair<string, object?>("kind", "handover"));
                AskUntilAnswered(_people, new ConfirmReceived(e.To, e.Grant, e.Slot, e.From, e.At));
                AskUntilAnswered(_people, new ConfirmPassedOn(e.From, e.Slot, e.To, e.At));
                break;
            case KeyReturned e:
                CustodyMetrics.Transactions.Add(1, new KeyValuePair<string, object?>("kind", "return"));
                if (e.Holder is { } holder) AskUntilAnswered(_people, new ConfirmReturned(holder, e.Slot, e.At));
                break;
        }

        if (@event is not KeyAssigned) ReportSummary();
    }

    /// <summary>After a crash the notifications of the last change may never have arrived: send them again.</summary>
    protected override void OnRecovered()
    {
        switch (State)
        {
            case { Status: CustodyStatus.Released, Grant: { } grant, ReleasedUntil: { } until }:
                Timers.StartSingleTimer(ReleaseTimer, new ReleaseWindowElapsed(grant), Positive(until - Now));
                break;
            case { Status: CustodyStatus.Out, Holder: { } holder, Grant: { } grant, Since: { } since, HandedOverBy: { } giver }:
                AskUntilAnswered(_people, new ConfirmReceived(holder, grant, State.Slot, giver, since));
                AskUntilAnswered(_people, new ConfirmPassedOn(giver, State.Slot, holder, since));
                break;
            case { Status: CustodyStatus.Out, Holder: { } holder, Grant: { } grant, Since: { } since }:
                AskUntilAnswered(_people, new ConfirmTaken(holder, grant, State.Slot, since));
                break;
            case { Status: CustodyStatus.InSlot, LastHolder: { } last }:
                AskUntilAnswered(_people, new ConfirmReturned(last, State.Slot, Now));
                break;
        }

        if (State.Key is not null) ReportSummary();
    }

    private void ReportSummary() =>
        AskUntilAnswered(_cabinets, new UpdateSlotSummary(State.Slot.Cabinet,
            new SlotSummary(State.Slot.Number, State.Status, State.Holder, State.DueAt, State.NextStepAt, State.NextReservationStart, State.PlacedIn)
            {
                NextApprovalDeadline = State.NextApprovalDeadline,
            }, Now));

    private static TimeSpan Positive(TimeSpan delay) => delay > TimeSpan.Zero ? delay : TimeSpan.Zero;
}
