using FleetKeys.Cluster.Projections;
using FleetKeys.Cluster.Projections.Rows;
using FleetKeys.Domain.Alarms;
using FleetKeys.Domain.Text;

namespace FleetKeys.Cluster.Notifications;

/// <summary>
/// What a subscriber is told of one raised alarm, whatever its kind; the webhook body. <c>Id</c> stays the same across
/// every attempt and subscription, so a receiver can drop a repeat.
/// </summary>
public sealed record Notice(
    string Id, string Kind, bool Security, DateTimeOffset RaisedAt, string? SiteId, string? CabinetId, int? Slot, string? PersonId,
    string Detail)
{
    public static Notice Of(AlarmRow alarm, string? site) => new(
        $"alarm-{alarm.AlarmId}", WireNames.CamelCase(alarm.Kind), AlarmSources.IsSecurity(alarm.Kind), Ticks.Instant(alarm.RaisedAt), site,
        alarm.CabinetId, alarm.Slot, alarm.PersonId, alarm.Detail);
}
