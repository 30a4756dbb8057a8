using Akka.Persistence.Query;
using FleetKeys.Cluster.Persistence;
using FleetKeys.Cluster.Projections.Rows;
using FleetKeys.Domain.Alarms;
using FleetKeys.Domain.Cabinets;
using FleetKeys.Domain.Controllers;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeySlots;
using FleetKeys.Domain.People;
using LinqToDB;
using LinqToDB.Data;

namespace FleetKeys.Cluster.Projections.ReadModels;

/// <summary>
/// Alarms raised by recorded facts (<see cref="AlarmSources"/>), and their acknowledgement and clearing, from the one
/// "alarms" stream, so an acknowledgement is always applied after the alarm it settles.
/// </summary>
public sealed class AlarmsProjection() : TaggedProjection("alarms", EventTagger.Alarms)
{
    public const string System = "system";

    protected override async Task Apply(DataConnection db, EventEnvelope envelope, CancellationToken cancellationToken)
    {
        // A decision raises the requester's notice and settles the approver's: raised first, then settled.
        if (Raised(envelope) is { } alarm) await RaiseOrCount(db, alarm, cancellationToken);
        await Settle(db.GetTable<AlarmRow>(), envelope.Event, cancellationToken);
    }

    private static Task Settle(IQueryable<AlarmRow> alarms, object @event, CancellationToken cancellationToken) =>
        @event switch
        {
            AlarmAcknowledged e => alarms.Where(a => a.AlarmId == e.Alarm.Number)
                .Set(a => a.AcknowledgedAt, Ticks.Of(e.At)).Set(a => a.AcknowledgedBy, e.By).Set(a => a.AcknowledgeNote, ErasedPerson.Shown(e.Note))
                .UpdateAsync(cancellationToken),
            AlarmCleared e => alarms.Where(a => a.AlarmId == e.Alarm.Number)
                .Set(a => a.ClearedAt, Ticks.Of(e.At)).Set(a => a.ClearedBy, e.By).Set(a => a.ClearNote, ErasedPerson.Shown(e.Note))
                .UpdateAsync(cancellationToken),
            // A cabinet that answers again clears its own offline alarm; nobody needs to be told twice.
            CabinetOnline e => ClearItself(alarms.Where(a => a.CabinetId == e.Cabinet.Value && a.Kind == nameof(AlarmKind.CabinetOffline)),
                e.At, "the cabinet answers again", cancellationToken),
            // A key back in its slot ends its reminder, overdue and escalation alarms, and the refused answers of its last return:
            // this return awaits its own.
            KeyReturned e => ClearItself(alarms.Where(a => a.CabinetId == e.Slot.Cabinet.Value && a.Slot == e.Slot.Number
                    && (AlarmSources.EndedByReturn.Contains(a.Kind) || a.Kind == nameof(AlarmKind.ReturnAnswersRefused))),
                e.At, "the key is back", cancellationToken),
            ReturnQuestionsAnswered e => ClearItself(alarms.Where(a => a.CabinetId == e.Slot.Cabinet.Value && a.Slot == e.Slot.Number
                    && a.Kind == nameof(AlarmKind.ReturnAnswersRefused)),
                e.At, $"{e.By} recorded the answers", cancellationToken),
            // The giver's reminder and overdue alarms end with their custody; the receiver's clock starts afresh.
            KeyHandedOver e => ClearItself(alarms.Where(a => a.CabinetId == e.Slot.Cabinet.Value && a.Slot == e.Slot.Number
                    && AlarmSources.EndedByReturn.Contains(a.Kind)),
                e.At, $"the key was handed over to {e.To}", cancellationToken),
            // A misplaced key stays an alarm while it sits there; once it leaves that slot (taken again, or moved home) it is over.
            TagLeftSlot e => ClearItself(alarms.Where(a => a.CabinetId == e.Cabinet.Value && a.Slot == e.Slot
                    && a.Kind == nameof(AlarmKind.WrongSlotReturn)),
                e.At, "the key left the slot it was put into", cancellationToken),
            CabinetDecommissioned e => ClearItself(alarms.Where(a => a.CabinetId == e.Cabinet.Value), e.At, "the cabinet was decommissioned",
                cancellationToken),
            DoorClosed e => ClearItself(alarms.Where(a => a.CabinetId == e.Cabinet.Value && a.Kind == nameof(AlarmKind.DoorLeftOpen)),
                e.At, "the door is closed", cancellationToken),
            AuditAnchoringCaughtUp e => ClearItself(alarms.Where(a => a.Kind == nameof(AlarmKind.AuditAnchoringLapsed)),
                e.At, "every signed audit checkpoint is anchored again", cancellationToken),
            ControllerCommunicationRestored e => ClearItself(alarms.Where(a => a.ControllerId == e.Controller.Value
                    && (a.Kind == nameof(AlarmKind.ControllerCommunicationLost) || a.Kind == nameof(AlarmKind.ControllerOfflineTooLong))),
                e.At, $"the controller answers again after {Outage(e.Outage)}", cancellationToken),
            MainsPowerRestored e => ClearItself(alarms.Where(a => a.CabinetId == e.Cabinet.Value && a.Kind == nameof(AlarmKind.MainsPowerLost)),
                e.At, "mains power is back", cancellationToken),
            BatteryRecovered e => ClearItself(alarms.Where(a => a.CabinetId == e.Cabinet.Value && a.Kind == nameof(AlarmKind.BatteryLow)),
                e.At, $"the battery is back at {e.ChargePercent} %", cancellationToken),
            InventoryDiscrepancyResolved e => ClearItself(alarms.Where(a => a.CabinetId == e.Cabinet.Value && a.Slot == e.Discrepancy.Slot
                    && a.Kind == nameof(AlarmKind.InventoryDiscrepancy)),
                e.At, "the inventory matches the record again", cancellationToken),
            FaultCleared { StillFaulted: false } e => ClearItself(alarms.Where(a => a.CabinetId == e.Slot.Cabinet.Value && a.Slot == e.Slot.Number
                    && a.Kind == nameof(AlarmKind.KeyFault)),
                e.At, $"{e.By} cleared the fault: {e.Note}", cancellationToken),
            ApprovalGranted e => Decided(alarms, e.Slot, e.Request, e.At, $"approved by {e.By}", cancellationToken),
            ApprovalRefused e => Decided(alarms, e.Slot, e.Request, e.At, $"refused by {e.By}", cancellationToken),
            ApprovalLapsed e => SettleApprovalNotice(alarms, e.Slot, e.Request, e.At, "nobody decided it in time", AlarmKind.ApprovalRequested,
                cancellationToken),
            _ => Task.CompletedTask,
        };

    /// <summary>Requests of one key are told apart by their id, which the notice's detail names.</summary>
    private static Task SettleApprovalNotice(IQueryable<AlarmRow> alarms, SlotId slot, ApprovalRequestId request, DateTimeOffset at, string why,
        AlarmKind notice, CancellationToken cancellationToken)
    {
        var (id, kind) = (request.Value, notice.ToString());
        return ClearItself(alarms.Where(a => a.CabinetId == slot.Cabinet.Value && a.Slot == slot.Number
            && a.Kind == kind && a.Detail.Contains(id)), at, why, cancellationToken);
    }

    /// <summary>The approver's notice is settled by the decision; the requester's notice of it asks nothing of the control room.</summary>
    private static async Task Decided(
        IQueryable<AlarmRow> alarms, SlotId slot, ApprovalRequestId request, DateTimeOffset at, string why, CancellationToken cancellationToken)
    {
        await SettleApprovalNotice(alarms, slot, request, at, why, AlarmKind.ApprovalRequested, cancellationToken);
        await SettleApprovalNotice(alarms, slot, request, at, "the requester is told", AlarmKind.ApprovalDecided, cancellationToken);
    }

    private static string Outage(TimeSpan outage) =>
        outage.TotalHours >= 1 ? $"{(int)outage.TotalHours} h {outage.Minutes} min" : $"{outage.Minutes} min {outage.Seconds} s";

    private static string Describe(InventoryDiscrepancy d) => d.Kind switch
    {
        DiscrepancyKind.Missing => $"the key (tag {d.Tag}) is recorded in slot {d.Slot} and the cabinet does not hold it",
        DiscrepancyKind.UnknownTag => $"slot {d.Slot} holds tag {d.Tag}, which no slot of the fleet homes",
        _ => $"slot {d.Slot} holds the key (tag {d.Tag}) of {d.Key?.ToString() ?? "another slot"}, which may not be returned there",
    };

    private static Task ClearItself(IQueryable<AlarmRow> alarms, DateTimeOffset at, string why, CancellationToken cancellationToken) =>
        alarms.Where(a => a.ClearedAt == null)
            .Set(a => a.ClearedAt, Ticks.Of(at)).Set(a => a.ClearedBy, System).Set(a => a.ClearNote, why)
            .UpdateAsync(cancellationToken);

    /// <summary>One open alarm per cause (kind, cabinet, slot, person, controller): a repeat while it is open is counted on it, not raised again.</summary>
    private static async Task RaiseOrCount(DataConnection db, AlarmRow alarm, CancellationToken cancellationToken)
    {
        var counted = await db.GetTable<AlarmRow>()
            .Where(a => a.ClearedAt == null && a.Kind == alarm.Kind && a.CabinetId == alarm.CabinetId && a.Slot == alarm.Slot
                && a.PersonId == alarm.PersonId && a.ControllerId == alarm.ControllerId)
            .Set(a => a.Occurrences, a => a.Occurrences + 1).Set(a => a.LastSeenAt, alarm.RaisedAt)
            .UpdateAsync(cancellationToken);
        if (counted == 0) await db.InsertAsync(alarm, token: cancellationToken);
    }

    /// <summary>
    /// The alarm an event raises, if any; also used by the live stream to describe it. A sealed field it quotes (a
    /// revocation's reason, an approval's reason or note) shows as the erased person once they are erased.
    /// </summary>
    public static AlarmRow? Raised(EventEnvelope envelope)
    {
        if (AlarmSources.Raises(envelope.Event) is not { } kind) return null;
        (string? Cabinet, int? Slot, string? Person, DateTimeOffset At, string Detail) raised = envelope.Event switch
        {
            KeyForciblyRemoved e => (e.Slot.Cabinet.Value, e.Slot.Number, null, e.At,
                $"the key (tag {e.Tag}) left slot {e.Slot.Number} without a release"),
            WrongSlotReturn e => (e.Cabinet.Value, e.Slot, e.ReturnedBy?.Value, e.At, e.HomeSlot is { } home
                ? $"tag {e.Tag} was put into slot {e.Slot}; its home is slot {home}"
                : $"tag {e.Tag}, which has no home in this cabinet, was put into slot {e.Slot}"),
            // The person by id and the badge masked (docs/operations.md, "Logs"): the text is stored with the alarm and mailed,
            // where erasure cannot reach it. Alarms stored before say "badge {number} was refused" and read as they are.
            AccessDenied e => (e.Cabinet.Value, null, e.Person?.Value, e.At,
                $"badge {e.Badge.Masked}{(e.Person is { } owner ? $" of {owner}" : ", held by no one,")} was refused: {e.Reason}" +
                (e.Source is null ? "" : " (decided offline)")),
            CabinetOffline e => (e.Cabinet.Value, null, null, e.At, "the cabinet stopped answering its controller"),
            KeyOverdue e => (e.Slot.Cabinet.Value, e.Slot.Number, e.Holder.Value, e.At, $"the key was due back at {e.DueAt:u}"),
            KeyDueSoon e => (e.Slot.Cabinet.Value, e.Slot.Number, e.Holder.Value, e.At, $"the key is due back at {e.DueAt:u}"),
            OverdueEscalated e => (e.Slot.Cabinet.Value, e.Slot.Number, e.Holder.Value, e.At,
                $"escalation step {e.Step} to {e.Audience.ToString().ToLowerInvariant()}: the key was due back at {e.DueAt:u}"),
            ReservationStarted e => (e.Slot.Cabinet.Value, e.Slot.Number, e.Booker.Value, e.At,
                $"reservation {e.Reservation} began and the key is not in its slot" + (e.Holder is { } holder ? $" ({holder} has it)" : "")),
            PersonRevoked e => (null, null, e.Person.Value, e.At,
                $"{e.Status.ToString().ToLowerInvariant()} ({ErasedPerson.Shown(e.Reason)}) while holding {string.Join(", ", e.KeysHeld)}"),
            DoorLeftOpen e => (e.Cabinet.Value, null, null, e.At, $"the door has stood open since {e.OpenSince:u}"),
            TamperDetected e => (e.Cabinet.Value, null, null, e.At, "the cabinet's tamper input tripped"),
            WrongPinEntered e => (e.Cabinet.Value, null, e.Person.Value, e.At, $"{e.Failures} wrong PINs: locked until {e.LockedUntil:u}"),
            DuressPinEntered e => (e.Cabinet.Value, null, e.Person.Value, e.At, "the duress PIN was entered"),
            OfflineGrantAfterRevocation e => (e.Cabinet.Value, e.Slot == 0 ? null : e.Slot, e.Person.Value, e.At,
                $"admitted offline at {e.GrantedAt:u}, after the revocation at {e.RevokedAt:u}"),
            KeyTakenUnderVoidedGrant e => (e.Slot.Cabinet.Value, e.Slot.Number, e.Person.Value, e.At,
                $"the key left slot {e.Slot.Number} at {e.TakenAt:u} under a release the person's revocation voided"),
            AuditAnchoringLapsed e => (null, null, null, e.At,
                $"{e.Waiting} signed audit checkpoints have not reached {e.Anchors} since {e.Since:u}: {e.Error}"),
            MainsPowerLost e => (e.Cabinet.Value, null, null, e.At, "the cabinet lost mains power and runs on its battery"),
            BatteryLow e => (e.Cabinet.Value, null, null, e.At, $"the cabinet's battery is low ({e.ChargePercent} %)"),
            InventoryDiscrepancyFound e => (e.Cabinet.Value, e.Discrepancy.Slot, null, e.At, Describe(e.Discrepancy)),
            FaultReported e => (e.Slot.Cabinet.Value, e.Slot.Number, e.Fault.ReportedBy?.Value, e.At,
                $"critical fault on key {e.Key} reported by {e.Fault.By}: {e.Fault.Description}; the key stays in its slot until it is cleared"),
            // The person a subscription's "toHolder" mails is the named approver; for the manager or security, the requester (whose manager "toManager" reaches).
            ApprovalRequested e => (e.Slot.Cabinet.Value, e.Slot.Number, (e.Request.ApproverPerson ?? e.Request.Person).Value, e.At,
                $"{e.Request.Person} asks for key {e.Request.Key} (request {e.Request.Id}" + (e.Request.Reason is { } reason ? $": {ErasedPerson.Shown(reason)}" : "") +
                $"); {ApprovalRule.Describe(e.Request.Approver, e.Request.ApproverPerson, e.Request.Person)} decides until {e.Request.DecideBy:u}"),
            ApprovalGranted e => (e.Slot.Cabinet.Value, e.Slot.Number, e.Person.Value, e.At,
                $"request {e.Request} for the key in slot {e.Slot.Number} was approved by {e.By}" + (e.Note is { } yes ? $" ({ErasedPerson.Shown(yes)})" : "") +
                $"; take it at the cabinet until {e.ValidUntil:u}"),
            ApprovalRefused e => (e.Slot.Cabinet.Value, e.Slot.Number, e.Person.Value, e.At,
                $"request {e.Request} for the key in slot {e.Slot.Number} was refused by {e.By}" + (e.Note is { } no ? $" ({ErasedPerson.Shown(no)})" : "")),
            ReturnAnswersRefused e => (e.Slot.Cabinet.Value, e.Slot.Number, e.Holder?.Value, e.At,
                $"the answers keyed in on the return of key {e.Key} by {e.By} were refused: {e.Why}; record the right ones"),
            ControllerCommunicationLost e => (null, null, null, e.At, $"controller {e.Controller} stopped answering"),
            ControllerOfflineTooLong e => (null, null, null, e.At,
                $"controller {e.Controller} has been out of reach since {e.LostAt:u}, longer than {Outage(e.Limit)}"),
            _ => throw new InvalidOperationException($"{envelope.Event.GetType().Name} raises {kind} but has no description"),
        };
        return new AlarmRow
        {
            AlarmId = envelope.Ordering(), Kind = kind.ToString(), CabinetId = raised.Cabinet, Slot = raised.Slot, PersonId = raised.Person,
            RaisedAt = Ticks.Of(raised.At), LastSeenAt = Ticks.Of(raised.At), Detail = raised.Detail,
            ControllerId = (envelope.Event as ControllerEvent)?.Controller.Value,
        };
    }

    public override Task Reset(DataConnection db, CancellationToken cancellationToken) => db.GetTable<AlarmRow>().DeleteAsync(cancellationToken);
}
