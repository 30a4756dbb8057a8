using Akka.Persistence.Query;
using FleetKeys.Cluster.Persistence;
using FleetKeys.Cluster.Projections.Rows;
using FleetKeys.Domain.Alarms;
using FleetKeys.Domain.Cabinets;
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

    protected override Task Apply(DataConnection db, EventEnvelope envelope, CancellationToken cancellationToken)
    {
        if (Raised(envelope) is { } alarm) return db.InsertAsync(alarm, token: cancellationToken);
        var alarms = db.GetTable<AlarmRow>();
        return envelope.Event switch
        {
            AlarmAcknowledged e => alarms.Where(a => a.AlarmId == e.Alarm.Number)
                .Set(a => a.AcknowledgedAt, Ticks.Of(e.At)).Set(a => a.AcknowledgedBy, e.By).Set(a => a.AcknowledgeNote, e.Note)
                .UpdateAsync(cancellationToken),
            AlarmCleared e => alarms.Where(a => a.AlarmId == e.Alarm.Number)
                .Set(a => a.ClearedAt, Ticks.Of(e.At)).Set(a => a.ClearedBy, e.By).Set(a => a.ClearNote, e.Note)
                .UpdateAsync(cancellationToken),
            // A cabinet that answers again clears its own offline alarm; nobody needs to be told twice.
            CabinetOnline e => alarms
                .Where(a => a.CabinetId == e.Cabinet.Value && a.Kind == nameof(AlarmKind.CabinetOffline) && a.ClearedAt == null)
                .Set(a => a.ClearedAt, Ticks.Of(e.At)).Set(a => a.ClearedBy, System).Set(a => a.ClearNote, "the cabinet answers again")
                .UpdateAsync(cancellationToken),
            // A key back in its slot ends its overdue alarm.
            KeyReturned e => alarms
                .Where(a => a.CabinetId == e.Slot.Cabinet.Value && a.Slot == e.Slot.Number && (a.Kind == nameof(AlarmKind.Overdue) || a.Kind == nameof(AlarmKind.ReservedKeyUnavailable)) && a.ClearedAt == null)
                .Set(a => a.ClearedAt, Ticks.Of(e.At)).Set(a => a.ClearedBy, System).Set(a => a.ClearNote, "the key is back")
                .UpdateAsync(cancellationToken),
            _ => Task.CompletedTask,
        };
    }

    /// <summary>The alarm an event raises, if any; also used by the live stream to describe it.</summary>
    public static AlarmRow? Raised(EventEnvelope envelope)
    {
        if (AlarmSources.Raises(envelope.Event) is not { } kind) return null;
        var row = new AlarmRow { AlarmId = envelope.Ordering(), Kind = kind.ToString() };
        switch (envelope.Event)
        {
            case KeyForciblyRemoved e:
                (row.CabinetId, row.Slot, row.RaisedAt) = (e.Slot.Cabinet.Value, e.Slot.Number, Ticks.Of(e.At));
                row.Detail = $"the key (tag {e.Tag}) left slot {e.Slot.Number} without a release";
                break;
            case WrongSlotReturn e:
                (row.CabinetId, row.Slot, row.PersonId, row.RaisedAt) = (e.Cabinet.Value, e.Slot, e.ReturnedBy?.Value, Ticks.Of(e.At));
                row.Detail = e.HomeSlot is { } home
                    ? $"tag {e.Tag} was put into slot {e.Slot}; its home is slot {home}"
                    : $"tag {e.Tag}, which has no home in this cabinet, was put into slot {e.Slot}";
                break;
            case AccessDenied e:
                (row.CabinetId, row.PersonId, row.RaisedAt) = (e.Cabinet.Value, e.Person?.Value, Ticks.Of(e.At));
                row.Detail = $"badge {e.Badge} was refused: {e.Reason}" + (e.Source is null ? "" : " (decided offline)");
                break;
            case CabinetOffline e:
                (row.CabinetId, row.RaisedAt, row.Detail) = (e.Cabinet.Value, Ticks.Of(e.At), "the cabinet stopped answering its controller");
                break;
            case KeyOverdue e:
                (row.CabinetId, row.Slot, row.PersonId, row.RaisedAt) = (e.Slot.Cabinet.Value, e.Slot.Number, e.Holder.Value, Ticks.Of(e.At));
                row.Detail = $"the key was due back at {e.DueAt:u}";
                break;
            case ReservationStarted e:
                (row.CabinetId, row.Slot, row.PersonId, row.RaisedAt) = (e.Slot.Cabinet.Value, e.Slot.Number, e.Booker.Value, Ticks.Of(e.At));
                row.Detail = $"reservation {e.Reservation} began and the key is not in its slot"
                    + (e.Holder is { } holder ? $" ({holder} has it)" : "");
                break;
            case PersonRevoked e:
                (row.PersonId, row.RaisedAt) = (e.Person.Value, Ticks.Of(e.At));
                row.Detail = $"{e.Status.ToString().ToLowerInvariant()} ({e.Reason}) while holding {string.Join(", ", e.KeysHeld)}";
                break;
        }

        return row;
    }

    public override Task Reset(DataConnection db, CancellationToken cancellationToken) => db.GetTable<AlarmRow>().DeleteAsync(cancellationToken);
}
