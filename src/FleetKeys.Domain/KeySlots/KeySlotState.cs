using System.Collections.Immutable;
using System.Text.Json.Serialization;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.People;
using FleetKeys.Domain.Time;

namespace FleetKeys.Domain.KeySlots;

/// <summary>
/// Custody of the key homed in one slot. The slot is the single writer of its key's custody,
/// which is what makes "two people reach for one key → exactly one gets it" hold.
/// </summary>
public sealed partial record KeySlotState(
    SlotId Slot,
    KeyDefinition? Key,
    string? TimeZoneId,
    CustodyStatus Status,
    PersonId? Holder,
    GrantId? Grant,
    SessionId? Session,
    DateTimeOffset? Since,
    DateTimeOffset? ReleasedUntil,
    DateTimeOffset? DueAt,
    PersonId? LastHolder) : IEntityState<KeySlotState, KeySlotCommand, KeySlotEvent>, IFleetKeysMessage
{
    /// <summary>The reminder and escalation steps of this custody recorded already, so a deadline noticed twice tells once.</summary>
    public CustodySteps StepsRecorded { get; init; }

    /// <summary>Also read from snapshots taken before the steps were recorded one by one, so an overdue noticed then stays noticed.</summary>
    public bool OverdueNoticed
    {
        get => StepsRecorded.HasFlag(CustodySteps.Overdue);
        init => StepsRecorded |= value ? CustodySteps.DueSoon | CustodySteps.Overdue : CustodySteps.None;
    }

    private IReadOnlyList<(CustodySteps Step, DateTimeOffset At)> Schedule =>
        Status == CustodyStatus.Out && DueAt is { } due && Since is { } since && Key is not null
            ? Key.Policy.Alerts.Schedule(since, due)
            : [];

    /// <summary>When the next reminder or escalation step is due; the cabinet keeps a timer for it.</summary>
    public DateTimeOffset? NextStepAt =>
        Schedule.Where(s => !StepsRecorded.HasFlag(s.Step)).Select(s => (DateTimeOffset?)s.At).FirstOrDefault();

    /// <summary>The second person of the current release or custody under the two-person rule.</summary>
    public PersonId? Authoriser { get; init; }

    /// <summary>Who held the key before it was handed to its holder, while that custody lasts: the giver is told again after a crash.</summary>
    public PersonId? HandedOverBy { get; init; }

    /// <summary>The release the person's revocation voided, until the slot's next custody change.</summary>
    public VoidedRelease? Voided { get; init; }

    /// <summary>The release that lapsed last without a take, until the slot's next custody change.</summary>
    public LapsedRelease? Lapsed { get; init; }

    /// <summary>Where the release of <paramref name="grant"/> stands once a revocation has voided it.</summary>
    public RelockState RelockOf(GrantId grant) => Status switch
    {
        CustodyStatus.InSlot when Voided?.Grant == grant => RelockState.Pending,
        CustodyStatus.Out when Grant == grant => RelockState.KeyTaken,
        _ => RelockState.NotReleased,
    };

    /// <summary>
    /// Where the key physically sits when it was put back into another slot than its home; null in its home or away. Where
    /// it is and whose custody it is in are apart: a key in any slot is in no one's custody.
    /// </summary>
    public SlotId? PlacedIn { get; init; }

    /// <summary>Bookings not yet over, in the order they were made.</summary>
    public ImmutableList<Reservation> Reservations { get; init; } = [];

    /// <summary>Faults reported against the key and not cleared yet, oldest first.</summary>
    public ImmutableList<KeyFault> OpenFaults { get; init; } = [];

    /// <summary>The faults cleared already, so a repeated report stays cleared and a second clearing is told so.</summary>
    public ImmutableHashSet<FaultId> ClearedFaults { get; init; } = [];

    /// <summary>The reason given for the current release or custody; null until one is chosen.</summary>
    [Personal("Holder", Period = "Since")]
    public string? TakeReason { get; init; }

    /// <summary>The site of the cabinet the reason was given at (its fact's), so the reason is kept here as it is there.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SiteId? TakeReasonSite { get; init; }

    /// <summary>The key came back and its return questions are not answered yet (at the cabinet or by an operator).</summary>
    public bool AnswersAwaited { get; init; }

    /// <summary>The highest odometer reading recorded for this key: the next may not be lower.</summary>
    public int? LastOdometerKm { get; init; }

    /// <summary>The answers keyed in at the cabinet that were refused last, while answers are awaited: the same again is a repeat.</summary>
    public ReturnAnswers? RefusedAnswers { get; init; }

    /// <summary>
    /// A key that lists reasons is released only with one of them: chosen on the keypad at the cabinet (its number), or named
    /// by the control room (<see cref="ReasonNumbered"/>). A controller cut off from the cluster asks the same and logs it.
    /// </summary>
    public Rejection? CheckReason(int? choice)
    {
        var reasons = Key?.Policy.Questions.Reasons ?? [];
        if (reasons.Count == 0 || choice >= 1 && choice <= reasons.Count) return null;
        var listed = string.Join(", ", reasons.Select((r, i) => $"{i + 1} {r}"));
        return Rejection.Of(RejectionCode.ReasonRequired, choice is null
            ? $"key {Key!.Name} is released only for one of its reasons: {listed}"
            : $"reason {choice} is not on the list of key {Key!.Name}: {listed}").About("reason");
    }

    /// <summary>The number of the key's reason with this text (ignoring case), as the control room names it; null if not listed.</summary>
    public int? ReasonNumbered(string? text)
    {
        var reasons = Key?.Policy.Questions.Reasons ?? [];
        var index = reasons.FindIndex(r => string.Equals(r, text?.Trim(), StringComparison.OrdinalIgnoreCase));
        return index < 0 ? null : index + 1;
    }

    /// <summary>An open critical fault keeps the key in its slot, whoever asks and however; an emergency opening alone ignores it.</summary>
    public Rejection? CheckFaulted() =>
        OpenFaults.FirstOrDefault(f => f.Severity == FaultSeverity.Critical) is { } fault
            ? Rejection.Of(RejectionCode.KeyFaulted,
                $"key {Key?.Name} has a critical fault reported at {fault.ReportedAt:u} ('{fault.Description}'); an operator must clear it before the key is released")
            : null;

    /// <summary>When the next reservation begins, for the cabinet to keep a timer that survives crashes.</summary>
    [JsonIgnore]
    public DateTimeOffset? NextReservationStart =>
        Reservations.Where(r => !r.Started).Select(r => (DateTimeOffset?)r.From).Min();

    /// <summary>Nobody but the booker takes a reserved key from the lead time before the booking until its end.</summary>
    public Rejection? CheckReserved(PersonId person, DateTimeOffset at) =>
        Reservations.FirstOrDefault(r => r.Blocks(person, at)) is { } reservation
            ? Rejection.Of(RejectionCode.Reserved,
                $"key {Key?.Name} is reserved for someone else from {reservation.From:u} to {reservation.Until:u}")
            : null;

    public static KeySlotState Empty(SlotId slot) =>
        new(slot, null, null, CustodyStatus.Unassigned, null, null, null, null, null, null, null);

    public bool IsOverdue(DateTimeOffset now) => IsOverdue(Status, DueAt, now);

    /// <summary>Out past its due time: the one rule, for the state and for its view.</summary>
    public static bool IsOverdue(CustodyStatus status, DateTimeOffset? dueAt, DateTimeOffset now) =>
        status == CustodyStatus.Out && dueAt is { } due && now >= due;

    /// <summary>Whether a release could be granted now; checked before the person is asked for a grant.</summary>
    public Rejection? CheckReleasable(DateTimeOffset at) => Status switch
    {
        CustodyStatus.Unassigned => Rejection.Of(RejectionCode.KeyNotPresent, $"no key is homed in slot {Slot}"),
        CustodyStatus.InSlot => null,
        CustodyStatus.Released when at > ReleasedUntil => null,
        CustodyStatus.Released => Rejection.Of(RejectionCode.KeyNotAvailable, $"key {Key!.Name} is already released to someone"),
        _ => Rejection.Of(RejectionCode.KeyNotAvailable, $"key {Key!.Name} is not in its slot"),
    };

    /// <summary>
    /// A key sitting in another cabinet (returned there in its return group) is released only there, from the slot it sits in:
    /// nowhere else could a lock let it out.
    /// </summary>
    public Rejection? CheckReleasableAt(CabinetId cabinet) =>
        PlacedIn is { } placed && placed.Cabinet != cabinet
            ? Rejection.Of(RejectionCode.KeyNotAvailable, $"key {Key?.Name} sits in slot {placed.Number} of cabinet {placed.Cabinet}; choose it there")
            : null;

    /// <summary>
    /// The two-person rule, checked by the shell before anyone is asked for a grant: a key under it needs a second person,
    /// other than the one taking it, who badged within the window of the key being chosen. Other keys ignore it.
    /// </summary>
    public Rejection? CheckAuthorisation(PersonId requester, DualAuthorisation? authorisation, DateTimeOffset at)
    {
        if (Key?.Policy.DualAuthorisationWindow is not { } window) return null;
        var seconds = (int)window.TotalSeconds;
        if (authorisation is null)
            return Rejection.Of(RejectionCode.AuthorisationRequired,
                $"key {Key.Name} needs a second person: an entitled colleague must badge at this cabinet within {seconds} s");
        if (authorisation.Authoriser == requester)
            return Rejection.Of(RejectionCode.AuthorisationRequired, "the second person must be someone other than the one taking the key");
        return at - authorisation.RequestedAt > window
            ? Rejection.Of(RejectionCode.AuthorisationRequired, $"the second badge came too late; it must follow within {seconds} s")
            : null;
    }

    /// <summary>
    /// Whether the key may pass from <paramref name="from"/> to <paramref name="to"/> now, as far as the slot can tell: it is
    /// out with the giver, the receiver is someone else, and nothing of the key's own keeps it from the receiver (an approval
    /// rule, a critical fault, a booking for a third person). The receiver's own rules are theirs to decide.
    /// </summary>
    public Rejection? CheckHandover(PersonId? from, PersonId to, DateTimeOffset at)
    {
        if (Key is null) return Rejection.Of(RejectionCode.KeyNotPresent, $"no key is homed in slot {Slot}");
        if (Status != CustodyStatus.Out)
            return Rejection.Of(RejectionCode.Conflict, $"key {Key.Name} is not out; only a key someone holds can be handed over");
        if (from is not null && Holder != from) return Rejection.Of(RejectionCode.Conflict, $"key {Key.Name} is held by {Holder}, not by {from}");
        if (to == Holder) return Rejection.Of(RejectionCode.Conflict, $"{to} holds key {Key.Name} already");
        // An approval is for one person's release, redeemed by it: passing the key on would give it to someone nobody approved.
        if (Key.Policy.Approval is not null)
            return Rejection.Of(RejectionCode.ApprovalRequired,
                $"key {Key.Name} needs approval before release, so it is not handed over: return it and let {to} request it");
        return CheckFaulted() ?? CheckReserved(to, at);
    }

    public Decision<KeySlotEvent> Decide(KeySlotCommand command) => command switch
    {
        AssignKey c => DecideAssign(c),
        RemoveKey c => DecideRemove(c),
        ReleaseKey c => CheckReleasable(c.At) ?? DecideRelease(c),
        ExpireRelease c => Status == CustodyStatus.Released && Grant == c.Grant && c.At >= ReleasedUntil
            ? Decision<KeySlotEvent>.Accept(new ReleaseExpired(Slot, c.Grant, Holder!.Value, c.At))
            : Decision<KeySlotEvent>.Accept(),
        RecordTagRemoved c => DecideRemoval(c),
        VoidRelease c => DecideVoid(c),
        NoticeOverdue c => DecideSteps(c.At),
        RecordTagReturned c => DecideReturn(c),
        ReserveKey c => DecideReserve(c),
        CancelReservation c => Reservations.Any(r => r.Id == c.Reservation)
            ? Decision<KeySlotEvent>.Accept(new ReservationCancelled(Slot, c.Reservation, c.By, c.At))
            : Rejection.Of(RejectionCode.NotFound, $"slot {Slot} has no reservation {c.Reservation}"),
        FileApprovalRequest c => DecideFiling(c),
        DecideApprovalRequest c => DecideApproval(c),
        NoticeApprovalDeadlines c => DecideApprovalDeadlines(c.At),
        NoticeReservationStart c => Decision<KeySlotEvent>.Accept([.. Reservations
            .Where(r => !r.Started && r.From <= c.At)
            .Select(r => new ReservationStarted(Slot, r.Id, r.Person, IsThereFor(r.Person, c.At), IsThereFor(r.Person, c.At) ? null : Holder, c.At))]),
        ReportFault c => DecideFault(c),
        ClearFault c => DecideClear(c),
        GiveTakeReason c => DecideReason(c),
        AnswerReturnQuestions c => DecideAnswers(c),
        HandOverKey c => CheckHandover(c.From, c.To, c.At) ?? DecideHandover(c),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "unhandled key slot command"),
    };

    private Decision<KeySlotEvent> DecideAssign(AssignKey c)
    {
        // The same key again is no change, whatever its custody: provisioning repeated on a restart must not trip on a key out.
        if (c.Key == Key && c.TimeZoneId == TimeZoneId) return Decision<KeySlotEvent>.Accept();
        if (Status is CustodyStatus.Released or CustodyStatus.Out or CustodyStatus.Missing)
            return Rejection.Of(RejectionCode.Conflict, $"slot {Slot} has a key in custody; it must be back before the slot is reassigned");
        if (!SiteTime.IsKnownZone(c.TimeZoneId))
            return Rejection.Of(RejectionCode.Invalid, $"unknown time zone '{c.TimeZoneId}'");
        if (c.Key.Policy.MaxDuration <= TimeSpan.Zero)
            return Rejection.Of(RejectionCode.Invalid, "a maximum custody duration must be positive");
        if (c.Key.Policy.Alerts.Check() is { } badAlerts) return badAlerts;
        if (c.Key.Policy.CheckReturn() is { } badReturn) return badReturn;
        if (c.Key.Policy.Questions.Check() is { } badQuestions) return badQuestions;
        if (c.Key.Policy.Approval?.Check() is { } badApproval) return badApproval;
        if (c.Key.Policy.DualAuthorisationWindow is { } window
            && (window <= TimeSpan.Zero || window > CustodyPolicy.MaxDualAuthorisationWindow))
            return Rejection.Of(RejectionCode.Invalid,
                $"the two-person window must be positive and at most {CustodyPolicy.MaxDualAuthorisationWindow.TotalSeconds} s");
        var assigned = new KeyAssigned(Slot, c.Key, c.TimeZoneId, c.At, c.By);
        return c.Key.Id == Key?.Id
            ? Decision<KeySlotEvent>.Accept(assigned)
            : Decision<KeySlotEvent>.Accept([.. FaultsEnded("another key was homed in the slot", "system", c.At), assigned]);
    }

    /// <summary>
    /// Only a key nobody has may leave the system: in its slot, or missing (written off). A release whose window has passed
    /// is closed out first, as a new release would.
    /// </summary>
    private Decision<KeySlotEvent> DecideRemove(RemoveKey c)
    {
        if (Key is null) return Decision<KeySlotEvent>.Accept();
        KeySlotEvent[] removed = [.. FaultsEnded("the key was removed", c.By, c.At), new KeyRemoved(Slot, Key.Id, Status == CustodyStatus.Missing, c.By, c.At)];
        return Status switch
        {
            CustodyStatus.Released when c.At > ReleasedUntil =>
                Decision<KeySlotEvent>.Accept([new ReleaseExpired(Slot, Grant!.Value, Holder!.Value, c.At), .. removed]),
            CustodyStatus.Released => Rejection.Of(RejectionCode.Conflict,
                $"key {Key.Name} is released to {Holder} until {ReleasedUntil:u}; it can be removed once it is back or the release has lapsed"),
            CustodyStatus.Out => Rejection.Of(RejectionCode.Conflict,
                $"key {Key.Name} is out with {Holder} since {Since:u}; it must be back in its slot before it is removed"),
            _ => Decision<KeySlotEvent>.Accept(removed),
        };
    }

    /// <summary>
    /// Every step due by <paramref name="at"/> and not yet recorded, in order; a reminder whose moment passed unnoticed
    /// (the node was down) is dropped once the key is overdue: the overdue tells the holder instead.
    /// </summary>
    private Decision<KeySlotEvent> DecideSteps(DateTimeOffset at)
    {
        var schedule = Schedule;
        var due = schedule.Where(s => s.At <= at && !StepsRecorded.HasFlag(s.Step)).Select(s => s.Step).ToList();
        var overdueNow = due.Contains(CustodySteps.Overdue);
        var events = due.Select(step => step switch
        {
            CustodySteps.DueSoon when overdueNow => null,
            CustodySteps.DueSoon => new KeyDueSoon(Slot, Holder!.Value, DueAt!.Value, at),
            CustodySteps.Overdue => new KeyOverdue(Slot, Holder!.Value, DueAt!.Value, at),
            _ => (KeySlotEvent)new OverdueEscalated(Slot, Holder!.Value, DueAt!.Value, CustodyAlerts.StepNumber(schedule, step),
                step == CustodySteps.Security ? EscalationAudience.Security : EscalationAudience.Manager, at),
        }).OfType<KeySlotEvent>().ToArray();
        return Decision<KeySlotEvent>.Accept(events);
    }


    /// <summary>A fault already known (open or cleared) is the controller or the caller repeating itself: recorded once.</summary>
    private Decision<KeySlotEvent> DecideFault(ReportFault c)
    {
        if (Key is null) return Rejection.Of(RejectionCode.KeyNotPresent, $"no key is homed in slot {Slot}");
        if (!Enum.IsDefined(c.Severity)) return Rejection.Of(RejectionCode.Invalid, "the severity must be minor, major or critical").About("severity");
        if (KeyFault.DescriptionProblem(c.Description) is { } problem) return Rejection.Of(RejectionCode.Invalid, $"description {problem}").About("description");
        if (OpenFaults.Any(f => f.Id == c.Fault) || ClearedFaults.Contains(c.Fault)) return Decision<KeySlotEvent>.Accept();
        return Decision<KeySlotEvent>.Accept(new FaultReported(Slot, Key.Id,
            new KeyFault(c.Fault, c.Severity, c.Description, c.ReportedBy, c.By, c.At), c.At));
    }

    /// <summary>
    /// The faults are the key's: when it leaves the system or another key takes its slot they end with it, each recorded as
    /// cleared so its alarm and the fleet's list of open faults end too.
    /// </summary>
    private IEnumerable<FaultCleared> FaultsEnded(string why, string by, DateTimeOffset at) =>
        OpenFaults.Select((f, i) => new FaultCleared(Slot, Key!.Id, f.Id, f.Severity, why, by,
            OpenFaults.Skip(i + 1).Any(later => later.Severity == FaultSeverity.Critical), at));

    private Decision<KeySlotEvent> DecideClear(ClearFault c)
    {
        if (ClearedFaults.Contains(c.Fault)) return Rejection.Of(RejectionCode.Conflict, $"fault {c.Fault} is cleared already");
        if (OpenFaults.FirstOrDefault(f => f.Id == c.Fault) is not { } fault)
            return Rejection.Of(RejectionCode.NotFound, $"key {Key?.Name} in slot {Slot} has no fault {c.Fault}");
        if (KeyFault.DescriptionProblem(c.Note) is { } problem) return Rejection.Of(RejectionCode.Invalid, $"note {problem}").About("note");
        var stillFaulted = OpenFaults.Any(f => f.Id != c.Fault && f.Severity == FaultSeverity.Critical);
        return Decision<KeySlotEvent>.Accept(new FaultCleared(Slot, Key!.Id, c.Fault, fault.Severity, c.Note, c.By, stillFaulted, c.At));
    }

    /// <summary>
    /// A reason is given once per custody, while the key is released to its taker or out with them; the same choice again is
    /// the controller repeating itself.
    /// </summary>
    private Decision<KeySlotEvent> DecideReason(GiveTakeReason c)
    {
        if (Key is null) return Rejection.Of(RejectionCode.KeyNotPresent, $"no key is homed in slot {Slot}");
        var reasons = Key.Policy.Questions.Reasons;
        if (reasons.Count == 0) return Rejection.Of(RejectionCode.Invalid, $"key {Key.Name} asks no reason").About("reason");
        if (c.Choice < 1 || c.Choice > reasons.Count)
            return Rejection.Of(RejectionCode.Invalid, $"reason {c.Choice} is not on the list of key {Key.Name} (1 to {reasons.Count})").About("reason");
        if (Status is not (CustodyStatus.Released or CustodyStatus.Out))
            return Rejection.Of(RejectionCode.Conflict, $"key {Key.Name} is not being taken; a reason is given when it is");
        var reason = reasons[c.Choice - 1];
        if (TakeReason is { } given)
            return given == reason
                ? Decision<KeySlotEvent>.Accept()
                : Rejection.Of(RejectionCode.Conflict, $"the reason for this custody of key {Key.Name} is '{given}' already");
        return Decision<KeySlotEvent>.Accept(new TakeReasonGiven(Slot, Key.Id, Holder!.Value, c.Choice, reason, c.At, c.Site));
    }

    /// <summary>
    /// The answers of the return that ended the last custody: exactly the questions the key asks, within bounds, and an
    /// odometer no lower than the key's last. A refusal leaves the return as it is (the key is back) and the answers still
    /// awaited, so the right ones can be recorded.
    /// </summary>
    private Decision<KeySlotEvent> DecideAnswers(AnswerReturnQuestions c)
    {
        if (Key is null) return Rejection.Of(RejectionCode.KeyNotPresent, $"no key is homed in slot {Slot}");
        var questions = Key.Policy.Questions;
        if (!questions.AsksOnReturn) return Rejection.Of(RejectionCode.Invalid, $"key {Key.Name} asks no questions on return");
        if (questions.CheckAnswers(c.Answers) is { } bad) return bad;
        if (!AnswersAwaited)
            return Rejection.Of(RejectionCode.Conflict, $"no return of key {Key.Name} awaits answers");
        if (c.Answers.OdometerKm < LastOdometerKm)
        {
            var backwards = Rejection.Of(RejectionCode.OdometerBackwards,
                $"the odometer of key {Key.Name} read {LastOdometerKm} km before; {c.Answers.OdometerKm} km would run it backwards").About("odometerKm");
            // Nobody at a cabinet reads a refusal: it is recorded once, for the control room's alarm, and the display says so.
            return c.AtCabinet && c.Answers != RefusedAnswers
                ? Decision<KeySlotEvent>.Refuse(backwards, new ReturnAnswersRefused(Slot, Key.Id, LastHolder, c.Answers, c.By, backwards.Message, c.At))
                : backwards;
        }
        return Decision<KeySlotEvent>.Accept(new ReturnQuestionsAnswered(Slot, Key.Id, LastHolder, c.Answers, c.By, c.At));
    }

    private Decision<KeySlotEvent> DecideReserve(ReserveKey c)
    {
        if (Key is null) return Rejection.Of(RejectionCode.KeyNotPresent, $"no key is homed in slot {Slot}");
        if (c.Until <= c.From) return Rejection.Of(RejectionCode.Invalid, "a reservation must end after it starts");
        if (c.Until <= c.At) return Rejection.Of(RejectionCode.Invalid, "the reservation would be over already");
        if (c.Until - c.From > Reservation.MaxLength)
            return Rejection.Of(RejectionCode.Invalid, $"a reservation lasts at most {Reservation.MaxLength.TotalDays} days");
        if (c.LeadTime < TimeSpan.Zero || c.LeadTime > Reservation.MaxLeadTime)
            return Rejection.Of(RejectionCode.Invalid, $"the lead time must be between 0 and {Reservation.MaxLeadTime.TotalHours} hours");
        var reservation = new Reservation(c.Reservation, c.Person, c.From, c.Until, c.LeadTime);
        if (Reservations.FirstOrDefault(r => r.Id == c.Reservation) is { } existing)
            return existing with { Started = false } == reservation
                ? Decision<KeySlotEvent>.Accept()
                : Rejection.Of(RejectionCode.Conflict, $"reservation {c.Reservation} exists with other details");
        if (Reservations.FirstOrDefault(r => r.Until > c.At && r.Overlaps(reservation)) is { } clash)
            return Rejection.Of(RejectionCode.Conflict, $"key {Key.Name} is already reserved from {clash.From:u} to {clash.Until:u}");
        return Decision<KeySlotEvent>.Accept(new KeyReserved(Slot, reservation, c.At));
    }

    /// <summary>Whether the booker can have the key when the reservation begins: it is in its slot, or already theirs.</summary>
    private bool IsThereFor(PersonId booker, DateTimeOffset at) => Status switch
    {
        CustodyStatus.InSlot => true,
        CustodyStatus.Released when at > ReleasedUntil => true,
        CustodyStatus.Released or CustodyStatus.Out => Holder == booker,
        _ => false,
    };
    private Decision<KeySlotEvent> DecideRelease(ReleaseKey c)
    {
        var released = new KeyReleased(Slot, c.Grant, c.Person, c.Session, c.At, c.Until, c.Remote, c.Authoriser, c.Site);
        // A lapsed release whose timer has not fired yet (or died with its node) is closed out first,
        // so the journal always shows it ending before the next one starts.
        KeySlotEvent[] events = Status == CustodyStatus.Released
            ? [new ReleaseExpired(Slot, Grant!.Value, Holder!.Value, c.At), released]
            : [released];
        // The reason chosen with the key is the release's own: recorded with it, as if given right after.
        var reasons = Key!.Policy.Questions.Reasons;
        KeySlotEvent[] reason = c.Reason is { } choice && choice >= 1 && choice <= reasons.Count
            ? [new TakeReasonGiven(Slot, Key.Id, c.Person, choice, reasons[choice - 1], c.At, c.Site)]
            : [];
        return Decision<KeySlotEvent>.Accept([.. events, .. reason, .. Redemption(c)]);
    }

    /// <summary>
    /// The revocation reached the slot: a release still open under the grant ends and the slot locks; a key already taken
    /// under it raises the alarm, once. Anything else (lapsed, returned, another release since) has nothing left to void.
    /// </summary>
    private Decision<KeySlotEvent> DecideVoid(VoidRelease c) => Status switch
    {
        CustodyStatus.Released when Grant == c.Grant =>
            Decision<KeySlotEvent>.Accept(new ReleaseVoided(Slot, c.Grant, Holder!.Value, c.Revision, ReleasedUntil!.Value, c.At)),
        CustodyStatus.Out when Grant == c.Grant && Voided?.Grant != c.Grant =>
            Decision<KeySlotEvent>.Accept(new KeyTakenUnderVoidedGrant(Slot, c.Grant, Holder!.Value, c.Revision, Since!.Value, c.At)),
        _ => Decision<KeySlotEvent>.Accept(),
    };

    /// <summary>
    /// The receiver's custody starts over under the key's policy, as if they had taken it from the cabinet now: they answer
    /// for it from the handover, and the return-by time of day still caps it.
    /// </summary>
    private Decision<KeySlotEvent> DecideHandover(HandOverKey c) => Decision<KeySlotEvent>.Accept(
        new KeyHandedOver(Slot, c.Grant, c.From, c.To, c.Origin, Key!.Policy.DueAt(c.At, SiteTime.Zone(TimeZoneId!)), IsOverdue(c.At), c.At, c.Site));

    private Decision<KeySlotEvent> DecideRemoval(RecordTagRemoved c)
    {
        if (Key is null || c.Tag != Key.Tag) return Decision<KeySlotEvent>.Accept();
        return Status switch
        {
            CustodyStatus.Released when c.At <= ReleasedUntil => Decision<KeySlotEvent>.Accept(
                new KeyTaken(Slot, Grant!.Value, Holder!.Value, c.At, Key.Policy.DueAt(c.At, SiteTime.Zone(TimeZoneId!)), Authoriser)),
            // Taken inside the window, reported after the cluster closed it: the person's take as if reported in time.
            CustodyStatus.InSlot when Lapsed is { } lapsed && c.At <= lapsed.Until => Decision<KeySlotEvent>.Accept(
                new KeyTaken(Slot, lapsed.Grant, lapsed.Person, c.At, Key.Policy.DueAt(c.At, SiteTime.Zone(TimeZoneId!)), lapsed.Authoriser)),
            // The key was in the hand before the lock closed (or the controller had not relocked yet): the take is the
            // person's, so custody stays accountable, and it is a security alarm.
            CustodyStatus.InSlot when Voided is { } voided && c.At <= voided.Until => Decision<KeySlotEvent>.Accept(
                new KeyTaken(Slot, voided.Grant, voided.Person, c.At, Key.Policy.DueAt(c.At, SiteTime.Zone(TimeZoneId!))),
                new KeyTakenUnderVoidedGrant(Slot, voided.Grant, voided.Person, voided.Revision, c.At, c.At)),
            CustodyStatus.InSlot or CustodyStatus.Released => Decision<KeySlotEvent>.Accept(new KeyForciblyRemoved(Slot, c.Tag, c.At)),
            // Out or Missing already: the controller repeated an event it was not sure we had.
            _ => Decision<KeySlotEvent>.Accept(),
        };
    }

    private Decision<KeySlotEvent> DecideReturn(RecordTagReturned c)
    {
        if (Key is null || c.Tag != Key.Tag) return Decision<KeySlotEvent>.Accept();
        return Status switch
        {
            CustodyStatus.Out => Decision<KeySlotEvent>.Accept(
                new KeyReturned(Slot, Holder, c.ReturnedBy, c.At, DueAt is { } due && c.At > due, c.PlacedIn)),
            CustodyStatus.Missing => Decision<KeySlotEvent>.Accept(new KeyReturned(Slot, null, c.ReturnedBy, c.At, false, c.PlacedIn)),
            _ => Decision<KeySlotEvent>.Accept(),
        };
    }

    public KeySlotState Apply(KeySlotEvent @event) => @event switch
    {
        // A new policy for the same key leaves it where it sits; another key starts in its home.
        // Another key starts without the faults of the one before (ended by the events before this one).
        KeyAssigned e => this with
        {
            Key = e.Key, TimeZoneId = e.TimeZoneId, Status = CustodyStatus.InSlot, PlacedIn = e.Key.Tag == Key?.Tag ? PlacedIn : null,
            ClearedFaults = e.Key.Id == Key?.Id ? ClearedFaults : [],
            LastOdometerKm = e.Key.Id == Key?.Id ? LastOdometerKm : null,
            Lapsed = e.Key.Id == Key?.Id ? Lapsed : null,
            AnswersAwaited = e.Key.Id == Key?.Id && AnswersAwaited && e.Key.Policy.Questions.AsksOnReturn,
        },
        // Its bookings end with it: nobody can be handed a key that is not there.
        KeyRemoved => Empty(Slot),
        KeyReleased e => this with
        {
            Status = CustodyStatus.Released, Holder = e.Person, Grant = e.Grant, Session = e.Session,
            Since = e.At, ReleasedUntil = e.Until, Authoriser = e.Authoriser, Voided = null, Lapsed = null, TakeReason = null, AnswersAwaited = false, RefusedAnswers = null,
        },
        ReleaseExpired => BackInSlot(LastHolder) with { Lapsed = new LapsedRelease(Grant!.Value, Holder!.Value, ReleasedUntil!.Value, Authoriser) },
        ReleaseVoided e => BackInSlot(LastHolder) with { Voided = new VoidedRelease(e.Grant, e.Person, e.Revision, e.Until) },
        KeyTakenUnderVoidedGrant e => this with { Voided = Voided ?? new VoidedRelease(e.Grant, e.Person, e.Revision, e.TakenAt) },
        KeyTaken e => this with
        {
            Status = CustodyStatus.Out, Holder = e.Person, Grant = e.Grant, Since = e.At, ReleasedUntil = null,
            DueAt = e.DueAt, LastHolder = e.Person, StepsRecorded = CustodySteps.None, PlacedIn = null, AnswersAwaited = false, HandedOverBy = null,
            Lapsed = null,
        },
        KeyHandedOver e => this with
        {
            Holder = e.To, Grant = e.Grant, Since = e.At, DueAt = e.DueAt, LastHolder = e.To, StepsRecorded = CustodySteps.None,
            Authoriser = null, Voided = null, HandedOverBy = e.From,
        },
        KeyDueSoon => this with { StepsRecorded = StepsRecorded | CustodySteps.DueSoon },
        // The overdue supersedes a reminder not yet given.
        KeyOverdue => this with { StepsRecorded = StepsRecorded | CustodySteps.DueSoon | CustodySteps.Overdue },
        OverdueEscalated e => this with
        {
            StepsRecorded = StepsRecorded | (e.Audience == EscalationAudience.Security ? CustodySteps.Security : CustodySteps.Manager),
        },
        KeyForciblyRemoved e => this with
        {
            Status = CustodyStatus.Missing, Holder = null, Grant = null, Session = null, Since = e.At,
            ReleasedUntil = null, DueAt = null, StepsRecorded = CustodySteps.None, Authoriser = null, Voided = null, Lapsed = null, PlacedIn = null,
        },
        KeyReturned e => BackInSlot(e.Holder ?? LastHolder) with
        {
            PlacedIn = e.PlacedIn, AnswersAwaited = Key!.Policy.Questions.AsksOnReturn, RefusedAnswers = null,
        },
        ReturnAnswersRefused e => this with { RefusedAnswers = e.Answers },
        TakeReasonGiven e => this with { TakeReason = e.Reason, TakeReasonSite = e.Site },
        ReturnQuestionsAnswered e => this with
        {
            AnswersAwaited = false, RefusedAnswers = null, LastOdometerKm = e.Answers.OdometerKm is { } km ? Math.Max(km, LastOdometerKm ?? 0) : LastOdometerKm,
        },
        KeyReserved e => this with { Reservations = Reservations.RemoveAll(r => r.Until <= e.At).Add(e.Reservation) },
        ReservationCancelled e => this with { Reservations = Reservations.RemoveAll(r => r.Id == e.Reservation) },
        ApprovalRequested or ApprovalGranted or ApprovalRefused or ApprovalLapsed or ApprovalRedeemed or ApprovalExpired => ApplyApproval(@event),
        ReservationStarted e => this with
        {
            Reservations = [.. Reservations.Where(r => r.Until > e.At).Select(r => r.Id == e.Reservation ? r with { Started = true } : r)],
        },
        FaultReported e => this with { OpenFaults = OpenFaults.Add(e.Fault) },
        FaultCleared e => this with { OpenFaults = OpenFaults.RemoveAll(f => f.Id == e.Fault), ClearedFaults = ClearedFaults.Add(e.Fault) },
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "unhandled key slot event"),
    };

    private KeySlotState BackInSlot(PersonId? lastHolder) => this with
    {
        Status = CustodyStatus.InSlot, Holder = null, Grant = null, Session = null, Since = null,
        ReleasedUntil = null, DueAt = null, LastHolder = lastHolder, StepsRecorded = CustodySteps.None, Authoriser = null, Voided = null,
        Lapsed = null,
        TakeReason = null,
        TakeReasonSite = null,
        HandedOverBy = null,
    };
}
