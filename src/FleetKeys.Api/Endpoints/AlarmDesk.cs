using FleetKeys.Api.Problems;
using FleetKeys.Cluster.Alarms;
using FleetKeys.Cluster.Projections.Queries;
using FleetKeys.Domain;
using FleetKeys.Domain.Alarms;
using FleetKeys.Domain.Ids;
using Microsoft.AspNetCore.Http;

namespace FleetKeys.Api.Endpoints;

/// <summary>Finding and settling an alarm, the same for the REST API and for fleetctl's alarms palette.</summary>
public static class AlarmDesk
{
    public static async Task<(Cluster.Projections.Rows.AlarmRow? Alarm, IResult? NotFound)> Find(AlarmId id, AlarmQueries queries, CancellationToken ct)
    {
        return await queries.Get(id.Number, ct) is { } alarm
            ? (alarm, null)
            : (null, RejectionResults.Problem(Rejection.Of(RejectionCode.NotFound, $"alarm {id} does not exist")));
    }

    /// <summary>
    /// The alarm must be on the read side (that is where alarms are raised for now); the entity decides the rest, and the
    /// answer is the alarm as the read side will show it.
    /// </summary>
    public static async Task<IResult> Settle(AlarmId id, AlarmQueries queries, CancellationToken ct,
        Func<RaisedAlarm, Task<Cluster.Administration.Outcome<AlarmDetails>>> command)
    {
        var (alarm, notFound) = await Find(id, queries, ct);
        if (alarm is null) return notFound!;
        return (await command(RaisedAlarm.Of(alarm))).ToResult(details => Results.Ok(AlarmView.Of(Project(alarm, details))));
    }

    private static Cluster.Projections.Rows.AlarmRow Project(Cluster.Projections.Rows.AlarmRow alarm, AlarmDetails details)
    {
        if (details.Acknowledged is { } ack)
            (alarm.AcknowledgedAt, alarm.AcknowledgedBy, alarm.AcknowledgeNote) = (ack.At.UtcTicks, ack.By, ack.Note);
        if (details.Cleared is { } cleared)
            (alarm.ClearedAt, alarm.ClearedBy, alarm.ClearNote) = (cleared.At.UtcTicks, cleared.By, cleared.Note);
        return alarm;
    }
}
