using Akka.Persistence.Query;
using FleetKeys.Cluster.Persistence;
using FleetKeys.Cluster.Projections.Rows;
using FleetKeys.Domain.KeySlots;
using FleetKeys.Domain.People;
using LinqToDB;
using LinqToDB.Async;
using LinqToDB.Data;

namespace FleetKeys.Cluster.Projections.ReadModels;

/// <summary>
/// Current custody (one row per slot) and custody history (one row per change, with the key as it was then), written
/// together from the custody stream, so "who holds it" and "who held it" never disagree; and the keys' approval requests.
/// </summary>
public sealed class CustodyProjection() : TaggedProjection("custody", EventTagger.Custody)
{
    protected override async Task Apply(DataConnection db, EventEnvelope envelope, CancellationToken cancellationToken)
    {
        if (envelope.Event is not KeySlotEvent @event) return;
        if (ApprovalRequestRows.Concerns(@event))
        {
            await ApprovalRequestRows.Apply(db, @event, cancellationToken);
            return;
        }

        var slotId = @event.Slot.Value;
        var current = db.GetTable<CustodyRow>().Where(r => r.SlotId == slotId);
        if (@event is KeyAssigned assigned)
        {
            var key = assigned.Key;
            var existing = await current.FirstOrDefaultAsync(cancellationToken);
            await db.InsertOrReplaceAsync(new CustodyRow
            {
                SlotId = slotId, CabinetId = @event.Slot.Cabinet.Value, Slot = @event.Slot.Number, KeyId = key.Id.Value, KeyName = key.Name,
                KeyGroup = key.Group.Value, Criticality = key.Criticality.ToString(), TagId = key.Tag.Value,
                Status = nameof(CustodyStatus.InSlot), LastHolder = existing?.LastHolder,
                // A new policy for the same key leaves it where it sits, as the slot does.
                PlacedIn = existing?.TagId == key.Tag.Value ? existing.PlacedIn : null,
            }, token: cancellationToken);
            return;
        }

        // The key's history stays; only "who holds it now" has nothing left to say.
        if (@event is KeyRemoved)
        {
            await current.DeleteAsync(cancellationToken);
            return;
        }

        var row = await current.FirstOrDefaultAsync(cancellationToken);
        if (row is null) return;
        if (@event is FaultReported or FaultCleared)
        {
            await ApplyFault(db, row, @event, cancellationToken);
            return;
        }

        var history = History(row, envelope.Ordering(), @event);
        switch (@event)
        {
            case KeyReleased e:
                (row.Status, row.Holder, row.Since, row.ReleasedUntil) = (nameof(CustodyStatus.Released), e.Person.Value, Ticks.Of(e.At), Ticks.Of(e.Until));
                (history.Kind, history.PersonId, history.Reason, history.ReleasedBy, history.SiteId) = e.Remote is null
                    ? ("released", e.Person.Value, null, null, null)
                    : ("remoteReleased", e.Person.Value, ErasedPerson.Shown(e.Remote.Reason), e.Remote.By, e.Site?.Value);
                break;
            case ReleaseExpired e:
                BackInSlot(row, row.LastHolder);
                (history.Kind, history.PersonId) = ("releaseExpired", e.Person.Value);
                break;
            case ReleaseVoided e:
                BackInSlot(row, row.LastHolder);
                (history.Kind, history.PersonId) = ("releaseVoided", e.Person.Value);
                break;
            case KeyTaken e:
                (row.Status, row.Holder, row.Since, row.ReleasedUntil, row.DueAt, row.LastHolder, row.PlacedIn) =
                    (nameof(CustodyStatus.Out), e.Person.Value, Ticks.Of(e.At), null, Ticks.Of(e.DueAt), e.Person.Value, null);
                (history.Kind, history.PersonId, history.DueAt) = ("taken", e.Person.Value, Ticks.Of(e.DueAt));
                break;
            case KeyHandedOver e:
                (row.Holder, row.Since, row.DueAt, row.LastHolder) = (e.To.Value, Ticks.Of(e.At), Ticks.Of(e.DueAt), e.To.Value);
                (history.Kind, history.PersonId, history.HandedFrom, history.DueAt, history.WasOverdue, history.Reason, history.ReleasedBy, history.SiteId) =
                    ("handedOver", e.To.Value, e.From.Value, Ticks.Of(e.DueAt), e.WasOverdue, ErasedPerson.Shown(e.Origin.Reason), e.Origin.By, e.Site?.Value);
                break;
            case KeyForciblyRemoved e:
                (row.Status, row.Holder, row.Since, row.ReleasedUntil, row.DueAt, row.PlacedIn) =
                    (nameof(CustodyStatus.Missing), null, Ticks.Of(e.At), null, null, null);
                history.Kind = "forciblyRemoved";
                break;
            case KeyReturned e:
                BackInSlot(row, e.Holder?.Value ?? row.LastHolder);
                row.PlacedIn = e.PlacedIn?.Value;
                (history.Kind, history.PersonId, history.ReturnedBy, history.WasOverdue, history.PlacedIn) =
                    ("returned", e.Holder?.Value, e.ReturnedBy?.Value, e.WasOverdue, e.PlacedIn?.Value);
                break;
            // A reason and answers are changes of their own, in journal order after the release or return they belong to.
            case TakeReasonGiven e:
                (history.Kind, history.PersonId, history.Reason, history.SiteId) = ("takeReasonGiven", e.Holder.Value, ErasedPerson.Shown(e.Reason), e.Site?.Value);
                await db.InsertAsync(history, token: cancellationToken);
                return;
            case ReturnQuestionsAnswered e:
                (history.Kind, history.PersonId, history.OdometerKm, history.FuelPercent, history.Damaged, history.AnsweredBy) =
                    ("returnQuestionsAnswered", e.Holder?.Value, e.Answers.OdometerKm, e.Answers.FuelPercent, e.Answers.Damaged, e.By);
                await db.InsertAsync(history, token: cancellationToken);
                return;
            default:
                return;
        }

        await db.UpdateAsync(row, token: cancellationToken);
        await db.InsertAsync(history, token: cancellationToken);
    }

    private static Task ApplyFault(DataConnection db, CustodyRow key, KeySlotEvent @event, CancellationToken cancellationToken) => @event switch
    {
        FaultReported e => db.InsertOrReplaceAsync(new FaultRow
        {
            FaultId = e.Fault.Id.Value, SlotId = key.SlotId, CabinetId = key.CabinetId, Slot = key.Slot, KeyId = key.KeyId, KeyName = key.KeyName,
            Severity = e.Fault.Severity.ToString(), Description = e.Fault.Description, ReportedBy = e.Fault.ReportedBy?.Value,
            ReportedVia = e.Fault.By, ReportedAt = Ticks.Of(e.Fault.ReportedAt),
        }, token: cancellationToken),
        FaultCleared e => db.GetTable<FaultRow>().Where(f => f.FaultId == e.Fault.Value)
            .Set(f => f.ClearedAt, Ticks.Of(e.At)).Set(f => f.ClearedBy, e.By).Set(f => f.ClearNote, e.Note)
            .UpdateAsync(cancellationToken),
        _ => Task.CompletedTask,
    };

    private static CustodyHistoryRow History(CustodyRow key, long ordering, KeySlotEvent @event) => new()
    {
        Ordering = ordering, SlotId = key.SlotId, CabinetId = key.CabinetId, Slot = key.Slot, KeyId = key.KeyId, KeyName = key.KeyName,
        KeyGroup = key.KeyGroup, Criticality = key.Criticality, At = Ticks.Of(@event.At),
    };

    private static void BackInSlot(CustodyRow row, string? lastHolder) =>
        (row.Status, row.Holder, row.Since, row.ReleasedUntil, row.DueAt, row.LastHolder) =
        (nameof(CustodyStatus.InSlot), null, null, null, null, lastHolder);

    public override async Task Reset(DataConnection db, CancellationToken cancellationToken)
    {
        await db.GetTable<ApprovalRequestRow>().DeleteAsync(cancellationToken);
        await db.GetTable<CustodyHistoryRow>().DeleteAsync(cancellationToken);
        await db.GetTable<CustodyRow>().DeleteAsync(cancellationToken);
        await db.GetTable<FaultRow>().DeleteAsync(cancellationToken);
    }
}
