using System.Security.Claims;
using FleetKeys.Api.Auth;
using FleetKeys.Api.Binding;
using FleetKeys.Api.Problems;
using FleetKeys.Cluster.Administration;
using FleetKeys.Cluster.Projections.Queries;
using FleetKeys.Domain;
using FleetKeys.Domain.Alarms;
using FleetKeys.Domain.Ids;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FleetKeys.Api.Endpoints;

public sealed record AlarmNoteRequest(string? Note);

/// <summary>Alarms: listed newest first, acknowledged with a note, then cleared. Operators settle alarms; auditors only read.</summary>
public static class AlarmsEndpoints
{
    public static RouteGroupBuilder MapAlarms(this RouteGroupBuilder api)
    {
        var alarms = api.MapGroup("/alarms").WithTags("Alarms");

        alarms.MapGet("/", async (HttpRequest request, AlarmQueries queries, CancellationToken ct) =>
        {
            var q = request.Query;
            var check = new Validator().Id("siteId", q["siteId"], required: false).Id("cabinetId", q["cabinetId"], required: false)
                .Id("personId", q["personId"], required: false);
            var state = check.Choice<AlarmStateFilter>("state", q["state"]) ?? AlarmStateFilter.Active;
            var kind = check.Choice<AlarmKind>("kind", q["kind"]);
            var paging = check.Paging(q["page"], q["pageSize"]);
            if (!check.IsValid) return check.Problem();
            var filter = new AlarmFilter(state, kind?.ToString(), q["siteId"], q["cabinetId"], q["personId"]);
            return Results.Ok(Listing<AlarmView>.Of(await queries.List(filter, paging, ct), AlarmView.Of));
        }).Produces<Listing<AlarmView>>().ProducesValidationProblem();

        alarms.MapGet("/{id}", async (string id, AlarmQueries queries, CancellationToken ct) =>
        {
            var (alarm, notFound) = await Find(id, queries, ct);
            return alarm is null ? notFound! : Results.Ok(AlarmView.Of(alarm));
        }).Produces<AlarmView>();

        alarms.MapPost("/{id}/acknowledge", async (string id, Body<AlarmNoteRequest> body, AlarmQueries queries, FleetCommands commands,
            ClaimsPrincipal user, CancellationToken ct) =>
        {
            if (body.Value is not { } r) return body.Errors.Problem();
            var check = new Validator().Required("note", r.Note).MaxLength("note", r.Note, 1000);
            if (!check.IsValid) return check.Problem();
            return await Settle(id, queries, ct, (alarm, cabinet) => commands.Acknowledge(alarm, cabinet, r.Note, user.Identity!.Name!));
        }).RequireAuthorization(Policies.Operate).Idempotent().Accepts<AlarmNoteRequest>("application/json").Produces<AlarmView>()
            .ProducesValidationProblem();

        alarms.MapPost("/{id}/clear", async (string id, Body<AlarmNoteRequest> body, AlarmQueries queries, FleetCommands commands,
            ClaimsPrincipal user, CancellationToken ct) =>
        {
            if (body.Value is not { } r) return body.Errors.Problem();
            var check = new Validator().MaxLength("note", r.Note, 1000);
            if (!check.IsValid) return check.Problem();
            return await Settle(id, queries, ct, (alarm, cabinet) => commands.Clear(alarm, cabinet, r.Note, user.Identity!.Name!));
        }).RequireAuthorization(Policies.Operate).Idempotent().Accepts<AlarmNoteRequest>("application/json").Produces<AlarmView>()
            .ProducesValidationProblem();
        return api;
    }

    private static async Task<(Cluster.Projections.Rows.AlarmRow? Alarm, IResult? NotFound)> Find(string id, AlarmQueries queries, CancellationToken ct)
    {
        if (!RouteIds.TryParse<AlarmId>(id, "alarm", out var alarmId, out var notFound)) return (null, notFound);
        return await queries.Get(alarmId.Number, ct) is { } alarm
            ? (alarm, null)
            : (null, RejectionResults.Problem(Rejection.Of(RejectionCode.NotFound, $"alarm {id} does not exist")));
    }

    /// <summary>
    /// The alarm must be on the read side (that is where alarms are raised for now); an alarm the read side cleared by
    /// itself (a cabinet back online) is not the operators' to settle. The entity decides the rest, and the answer is
    /// the alarm as the read side will show it.
    /// </summary>
    private static async Task<IResult> Settle(string id, AlarmQueries queries, CancellationToken ct,
        Func<AlarmId, CabinetId?, Task<Cluster.Administration.Outcome<AlarmState>>> command)
    {
        var (alarm, notFound) = await Find(id, queries, ct);
        if (alarm is null) return notFound!;
        if (alarm.ClearedBy == Cluster.Projections.ReadModels.AlarmsProjection.System)
            return RejectionResults.Problem(Rejection.Of(RejectionCode.Conflict, $"alarm {id} cleared itself: {alarm.ClearNote}"));
        var outcome = await command(new AlarmId(alarm.AlarmId), alarm.CabinetId is null ? null : new CabinetId(alarm.CabinetId));
        return outcome.ToResult(state => Results.Ok(AlarmView.Of(Project(alarm, state))));
    }

    private static Cluster.Projections.Rows.AlarmRow Project(Cluster.Projections.Rows.AlarmRow alarm, AlarmState state)
    {
        if (state.Acknowledged is { } ack)
            (alarm.AcknowledgedAt, alarm.AcknowledgedBy, alarm.AcknowledgeNote) = (ack.At.UtcTicks, ack.By, ack.Note);
        if (state.Cleared is { } cleared)
            (alarm.ClearedAt, alarm.ClearedBy, alarm.ClearNote) = (cleared.At.UtcTicks, cleared.By, cleared.Note);
        return alarm;
    }
}
