using FleetKeys.Domain.Cabinets;
using FleetKeys.Domain.Controllers;
using FleetKeys.Domain.KeySlots;
using FleetKeys.Domain.People;

namespace FleetKeys.Domain.Alarms;

public enum AlarmKind
{
    ForcedRemoval,
    WrongSlotReturn,
    AccessDenied,
    CabinetOffline,
    KeysHeldByRevokedPerson,
    Overdue,
    DoorLeftOpen,
    Tamper,
    RepeatedFailedPins,
    Duress,
    OfflineGrantToRevokedPerson,
    /// <summary>A reminder to the holder that the key is due back soon.</summary>
    DueSoon,
    OverdueEscalatedToSecurity,
    OverdueEscalatedToManager,
    /// <summary>A reservation began and the key was not in its slot for the booker.</summary>
    ReservedKeyUnavailable,

    /// <summary>A key left its slot under a release the person's revocation voided (in the hand before the lock closed).</summary>
    KeyTakenByRevokedPerson,

    /// <summary>Signed audit checkpoints have not reached an anchor outside the database for too long (the node's own, no cabinet).</summary>
    AuditAnchoringLapsed,

    /// <summary>A controller stopped answering the driver; its cabinets decide by their offline policy meanwhile.</summary>
    ControllerCommunicationLost,

    /// <summary>A controller has been out of reach longer than the fleet allows (FleetKeys:Entities:ControllerOfflineAlarmAfter).</summary>
    ControllerOfflineTooLong,

    /// <summary>A cabinet lost mains power and runs on its battery.</summary>
    MainsPowerLost,

    /// <summary>A cabinet's battery fell below its controller's low mark.</summary>
    BatteryLow,

    /// <summary>An inventory found a cabinet holding other tags than FleetKeys records (a key missing, an unknown tag, a key misplaced).</summary>
    InventoryDiscrepancy,

    /// <summary>A critical fault was reported against a key: it stays in its slot until an operator clears the fault.</summary>
    KeyFault,
    /// <summary>
    /// Someone asked for a key under the approval rule: a notice to the approver (the person named on it, or the requester's
    /// manager or security when the rule says so), settled by the decision or the lapse.
    /// </summary>
    ApprovalRequested,

    /// <summary>
    /// Answers keyed in at a cabinet on return were refused (an odometer lower than the key's last): the control room records
    /// the right ones (POST …/return-answers), which clears it, as the key's next return does.
    /// </summary>
    ReturnAnswersRefused,

    /// <summary>
    /// A request for a key under the approval rule was approved or refused: a notice to the requester (its person), which the
    /// notifier sends as any alarm; it needs nothing of the control room, so it clears itself at once.
    /// </summary>
    ApprovalDecided,
}

/// <summary>
/// Which recorded facts raise an alarm, and which settle one. Until alarms have an entity of their own that raises them,
/// the read side raises them from these events, so this is the one place that says which events matter to alarms.
/// </summary>
public static class AlarmSources
{
    public static AlarmKind? Raises(object @event) => @event switch
    {
        KeyForciblyRemoved => AlarmKind.ForcedRemoval,
        WrongSlotReturn => AlarmKind.WrongSlotReturn,
        AccessDenied => AlarmKind.AccessDenied,
        CabinetOffline => AlarmKind.CabinetOffline,
        PersonRevoked { KeysHeld.Count: > 0 } => AlarmKind.KeysHeldByRevokedPerson,
        KeyOverdue => AlarmKind.Overdue,
        DoorLeftOpen => AlarmKind.DoorLeftOpen,
        TamperDetected => AlarmKind.Tamper,
        WrongPinEntered { LockedUntil: not null } => AlarmKind.RepeatedFailedPins,
        DuressPinEntered => AlarmKind.Duress,
        OfflineGrantAfterRevocation => AlarmKind.OfflineGrantToRevokedPerson,
        KeyDueSoon => AlarmKind.DueSoon,
        OverdueEscalated { Audience: EscalationAudience.Security } => AlarmKind.OverdueEscalatedToSecurity,
        OverdueEscalated => AlarmKind.OverdueEscalatedToManager,
        ReservationStarted { KeyAvailable: false } => AlarmKind.ReservedKeyUnavailable,
        KeyTakenUnderVoidedGrant => AlarmKind.KeyTakenByRevokedPerson,
        AuditAnchoringLapsed => AlarmKind.AuditAnchoringLapsed,
        ControllerCommunicationLost => AlarmKind.ControllerCommunicationLost,
        ControllerOfflineTooLong => AlarmKind.ControllerOfflineTooLong,
        MainsPowerLost => AlarmKind.MainsPowerLost,
        BatteryLow => AlarmKind.BatteryLow,
        InventoryDiscrepancyFound => AlarmKind.InventoryDiscrepancy,
        FaultReported { Fault.Severity: FaultSeverity.Critical } => AlarmKind.KeyFault,
        ApprovalRequested => AlarmKind.ApprovalRequested,
        ReturnAnswersRefused => AlarmKind.ReturnAnswersRefused,
        ApprovalGranted or ApprovalRefused => AlarmKind.ApprovalDecided,
        _ => null,
    };

    /// <summary>
    /// The alarms security must hear of whatever the hour: quiet hours never hold them back. The one place that says so;
    /// a new kind that concerns security belongs here.
    /// </summary>
    public static readonly IReadOnlySet<AlarmKind> Security = new HashSet<AlarmKind>
    {
        AlarmKind.ForcedRemoval, AlarmKind.KeysHeldByRevokedPerson, AlarmKind.OverdueEscalatedToSecurity, AlarmKind.DoorLeftOpen,
        AlarmKind.Tamper, AlarmKind.RepeatedFailedPins, AlarmKind.Duress, AlarmKind.OfflineGrantToRevokedPerson,
        AlarmKind.KeyTakenByRevokedPerson, AlarmKind.AuditAnchoringLapsed,
    };

    public static bool IsSecurity(string kind) => Enum.TryParse<AlarmKind>(kind, out var k) && Security.Contains(k);

    /// <summary>The alarms of a slot that end when its key is back: its custody's steps, and a booking that found it out.</summary>
    public static readonly IReadOnlyList<string> EndedByReturn =
    [
        nameof(AlarmKind.DueSoon), nameof(AlarmKind.Overdue), nameof(AlarmKind.OverdueEscalatedToSecurity),
        nameof(AlarmKind.OverdueEscalatedToManager), nameof(AlarmKind.ReservedKeyUnavailable),
    ];

    /// <summary>
    /// Events that raise, settle or clear alarms by themselves (a cabinet back online clears its offline alarm, a key back
    /// in its slot or handed over its overdue and reserved-key alarms, a tag leaving a slot the wrong-slot return into it, a closed door its
    /// door-left-open alarm, a decommissioned cabinet all of its own, audit anchoring that caught up its lapse, a controller
    /// that answers again its outage's, mains power back or a recovered battery theirs, a resolved discrepancy its own, a key's
    /// last critical fault cleared its fault alarm, a decided or lapsed approval request its notice, answers recorded their
    /// refusal's).
    /// </summary>
    public static bool Concerns(object @event) =>
        Raises(@event) is not null
        || @event is AlarmEvent or CabinetOnline or KeyReturned or KeyHandedOver or TagLeftSlot or DoorClosed or CabinetDecommissioned or AuditAnchoringCaughtUp
            or ControllerCommunicationRestored or MainsPowerRestored or BatteryRecovered or InventoryDiscrepancyResolved
            or FaultCleared { StillFaulted: false }
            or ApprovalGranted or ApprovalRefused or ApprovalLapsed or ReturnQuestionsAnswered;
}
