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

/// <summary>An acknowledgement says what is being done about the alarm.</summary>
public sealed record AcknowledgeAlarmRequest(string? Note) : IValidatable
{
    public void Validate(Validator check) => check.Text("note", Note, 1000);
}

public sealed record ClearAlarmRequest(string? Note) : IValidatable
{
    public void Validate(Validator check) => check.Text("note", Note, 1000, required: false);
}

/// <summary>Which alarms to list: in a state (active unless said otherwise), of a kind, at a site or cabinet, about a person, security only.</summary>
public sealed record AlarmsQuery(AlarmFilter Filter) : Query<AlarmsQuery>, IQuery<AlarmsQuery>
{
    public static AlarmsQuery Read(QueryArguments query)
    {
        var (siteId, cabinetId, personId) = (query.Id("siteId"), query.Id("cabinetId"), query.Id("personId"));
        var state = query.Choice<AlarmStateFilter>("state") ?? AlarmStateFilter.Active;
        var kind = query.Choice<AlarmKind>("kind");
        return new(new AlarmFilter(state, kind?.ToString(), siteId, cabinetId, personId, query.Flag("security") == true)
        {
            ControllerId = query.Id("controllerId"),
        });
    }
}

/// <summary>Alarms: listed newest first, acknowledged with a note, then cleared. Operators settle alarms; auditors only read.</summary>
public static class AlarmsEndpoints
{
    public static RouteGroupBuilder MapAlarms(this RouteGroupBuilder api)
    {
        var alarms = api.MapGroup("/alarms").WithTags("Alarms").Scoped(ScopeRule.Everything);

        alarms.MapGet("/", async (AlarmsQuery query, PageQuery page, ReadScope scope, AlarmQueries queries, CancellationToken ct) =>
            Results.Ok(Listing<AlarmView>.Of(await queries.List(query.Filter with { Visible = scope.Visible }, page.Paging, ct), AlarmView.Of)))
            .Scoped(ScopeRule.Filtered).Produces<Listing<AlarmView>>().ProducesValidationProblem();

        alarms.MapGet("/{id}", async (AlarmId id, AlarmQueries queries, CancellationToken ct) =>
        {
            var (alarm, notFound) = await AlarmDesk.Find(id, queries, ct);
            return alarm is null ? notFound! : Results.Ok(AlarmView.Of(alarm));
        }).Scoped(ScopeRule.Alarm).Produces<AlarmView>();

        alarms.MapPost("/{id}/acknowledge", async (AlarmId id, Body<AcknowledgeAlarmRequest> body, AlarmQueries queries, FleetCommands commands,
            ClaimsPrincipal user, CancellationToken ct) =>
            await AlarmDesk.Settle(id, queries, ct, alarm => commands.Acknowledge(alarm, body.Value.Note, user.Identity!.Name!)))
            .Scoped(ScopeRule.Alarm).RequireAuthorization(Policies.Operate).Idempotent().Produces<AlarmView>()
            .ProducesValidationProblem();

        alarms.MapPost("/{id}/clear", async (AlarmId id, Body<ClearAlarmRequest> body, AlarmQueries queries, FleetCommands commands,
            ClaimsPrincipal user, CancellationToken ct) =>
            await AlarmDesk.Settle(id, queries, ct, alarm => commands.Clear(alarm, body.Value.Note, user.Identity!.Name!)))
            .Scoped(ScopeRule.Alarm).RequireAuthorization(Policies.Operate).Idempotent().Produces<AlarmView>()
            .ProducesValidationProblem();
        return api;
    }
}
