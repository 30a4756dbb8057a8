using FleetKeys.Api.Problems;
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
    /// The alarm must be on the read side (that is where alarms are raised for now); an alarm the read side cleared by
    /// itself (a cabinet back online) is not the operators' to settle. The entity decides the rest, and the answer is
    /// the alarm as the read side will show it.
    /// </summary>
    public static async Task<IResult> Settle(AlarmId id, AlarmQueries queries, CancellationToken ct,
        Func<AlarmId, CabinetId?, Task<Cluster.Administration.Outcome<AlarmState>>> command)
    {
        var (alarm, notFound) = await Find(id, queries, ct);
        if (alarm is null) return notFound!;
        if (Unsettleable(alarm) is { } settled) return RejectionResults.Problem(settled);
        var outcome = await command(new AlarmId(alarm.AlarmId), alarm.CabinetId is null ? null : new CabinetId(alarm.CabinetId));
        return outcome.ToResult(state => Results.Ok(AlarmView.Of(Project(alarm, state))));
    }

    /// <summary>An alarm the read side cleared by itself (a cabinet back online) is not the operators' to settle.</summary>
    public static Rejection? Unsettleable(Cluster.Projections.Rows.AlarmRow alarm) =>
        alarm.ClearedBy == Cluster.Projections.ReadModels.AlarmsProjection.System
            ? Rejection.Of(RejectionCode.Conflict, $"alarm {alarm.AlarmId} cleared itself: {alarm.ClearNote}")
            : null;

    private static Cluster.Projections.Rows.AlarmRow Project(Cluster.Projections.Rows.AlarmRow alarm, AlarmState state)
    {
        if (state.Acknowledged is { } ack)
            (alarm.AcknowledgedAt, alarm.AcknowledgedBy, alarm.AcknowledgeNote) = (ack.At.UtcTicks, ack.By, ack.Note);
        if (state.Cleared is { } cleared)
            (alarm.ClearedAt, alarm.ClearedBy, alarm.ClearNote) = (cleared.At.UtcTicks, cleared.By, cleared.Note);
        return alarm;
    }
}
