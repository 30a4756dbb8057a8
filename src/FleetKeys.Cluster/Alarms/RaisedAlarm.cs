using FleetKeys.Cluster.Projections.ReadModels;
using FleetKeys.Cluster.Projections.Rows;
using FleetKeys.Domain.Alarms;
using FleetKeys.Domain.Ids;

namespace FleetKeys.Cluster.Alarms;

/// <summary>
/// What the read side, where alarms are raised, knows that the alarm entity needs to decide a settlement: where the
/// alarm is, whom it is about (whose key seals the operators' notes), and whether it cleared itself (and why).
/// </summary>
public sealed record RaisedAlarm(AlarmId Id, CabinetId? Cabinet, PersonId? Person, string? ClearedItself)
{
    public static RaisedAlarm Of(AlarmRow row) => new(new AlarmId(row.AlarmId), row.CabinetId is null ? null : new CabinetId(row.CabinetId),
        row.PersonId is null ? null : new PersonId(row.PersonId), row.ClearedBy == AlarmsProjection.System ? row.ClearNote ?? "" : null);
}
