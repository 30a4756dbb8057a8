using System.Security.Claims;
using FleetKeys.Api.Auth;
using FleetKeys.Api.Binding;
using FleetKeys.Api.Problems;
using FleetKeys.Cluster.Administration;
using FleetKeys.Cluster.Projections;
using FleetKeys.Cluster.Projections.Queries;
using FleetKeys.Cluster.Projections.Rows;
using FleetKeys.Domain;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeySlots;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FleetKeys.Api.Endpoints;

/// <summary>An operator files a person's request for the key in a slot, with an optional reason.</summary>
public sealed record FileApprovalRequestBody(string? CabinetId, int? Slot, string? PersonId, string? Reason) : IValidatable
{
    public void Validate(Validator check) => check.Id("cabinetId", CabinetId).Range("slot", Slot, 1, SlotId.MaxNumber).Id("personId", PersonId)
        .Text("reason", Reason, ApprovalRequest.MaxReasonLength, required: false);
}

/// <summary>The approver's decision may carry a note (why it was refused, what the approval is for).</summary>
public sealed record DecideApprovalRequestBody(string? Note) : IValidatable
{
    public void Validate(Validator check) => check.Text("note", Note, ApprovalRequest.MaxReasonLength, required: false);
}

public sealed record ApprovalRequestView(
    string Id, string CabinetId, int Slot, string KeyId, string PersonId, string? Reason, string FiledBy, ApproverKind Approver,
    string? ApproverPersonId, ApprovalStatus Status, DateTimeOffset RequestedAt, DateTimeOffset DecideBy, DateTimeOffset? ValidUntil,
    string? DecidedBy, string? Note, DateTimeOffset? ClosedAt)
{
    public static ApprovalRequestView Of(ApprovalRequest r) => new(
        r.Id.Value, r.Id.Slot.Cabinet.Value, r.Id.Slot.Number, r.Key.Value, r.Person.Value, r.Reason, r.By, r.Approver, r.ApproverPerson?.Value,
        r.Status, r.RequestedAt, r.DecideBy, r.ValidUntil, r.DecidedBy, r.Note, r.ClosedAt);

    public static ApprovalRequestView Of(ApprovalRequestRow r) => new(
        r.RequestId, r.CabinetId, r.Slot, r.KeyId, r.PersonId, r.Reason, r.FiledBy, Enum.Parse<ApproverKind>(r.Approver), r.ApproverPerson,
        Enum.Parse<ApprovalStatus>(r.Status), Ticks.Instant(r.RequestedAt), Ticks.Instant(r.DecideBy), Ticks.Instant(r.ValidUntil), r.DecidedBy,
        r.Note, Ticks.Instant(r.ClosedAt));
}

/// <summary>Which requests to list: by status, requester, or key (its id).</summary>
public sealed record ApprovalRequestsQuery(ApprovalFilter Filter) : Query<ApprovalRequestsQuery>, IQuery<ApprovalRequestsQuery>
{
    public static ApprovalRequestsQuery Read(QueryArguments query) =>
        new(new ApprovalFilter(query.Choice<ApprovalStatus>("status")?.ToString(), query.Id("personId"), query.Id("keyId")));
}

/// <summary>
/// Approval before release; see docs/policies.md "Approval before release". Operators file requests and decide them (API
/// keys and console users are not people of the fleet, so the decision is recorded with the caller's name); anyone reads.
/// </summary>
public static class ApprovalRequestsEndpoints
{
    public static RouteGroupBuilder MapApprovalRequests(this RouteGroupBuilder api)
    {
        var requests = api.MapGroup("/approval-requests").WithTags("Approval requests").Scoped(ScopeRule.Everything);

        requests.MapPost("/", async (Body<FileApprovalRequestBody> body, FleetAdmin admin, ClaimsPrincipal user) =>
        {
            var r = body.Value;
            return (await admin.FileApprovalRequest(new SlotId(new CabinetId(r.CabinetId!), r.Slot!.Value), new PersonId(r.PersonId!), r.Reason,
                    user.Identity!.Name!))
                .ToResult(filed => Results.Created($"/api/v1/approval-requests/{filed.Id}", ApprovalRequestView.Of(filed)));
        }).RequireAuthorization(Policies.Operate).Produces<ApprovalRequestView>(StatusCodes.Status201Created).ProducesValidationProblem();

        requests.MapGet("/", async (ApprovalRequestsQuery query, PageQuery page, ReadScope scope, ApprovalQueries queries, CancellationToken ct) =>
            Results.Ok(Listing<ApprovalRequestView>.Of(await queries.List(query.Filter with { Visible = scope.Visible }, page.Paging, ct), ApprovalRequestView.Of)))
            .Scoped(ScopeRule.Filtered).Produces<Listing<ApprovalRequestView>>().ProducesValidationProblem();

        requests.MapGet("/{id}", async (ApprovalRequestId id, ApprovalQueries queries, CancellationToken ct) =>
            await queries.Get(id.Value, ct) is { } row
                ? Results.Ok(ApprovalRequestView.Of(row))
                : RejectionResults.Problem(Rejection.Of(RejectionCode.NotFound, $"approval request {id} does not exist")))
            .Produces<ApprovalRequestView>();

        requests.MapPost("/{id}/approve", (ApprovalRequestId id, Body<DecideApprovalRequestBody> body, FleetAdmin admin, ClaimsPrincipal user) =>
                Decide(id, true, body.Value.Note, admin, user))
            .RequireAuthorization(Policies.Operate).Produces<ApprovalRequestView>().ProducesValidationProblem();

        requests.MapPost("/{id}/refuse", (ApprovalRequestId id, Body<DecideApprovalRequestBody> body, FleetAdmin admin, ClaimsPrincipal user) =>
                Decide(id, false, body.Value.Note, admin, user))
            .RequireAuthorization(Policies.Operate).Produces<ApprovalRequestView>().ProducesValidationProblem();
        return api;
    }

    private static async Task<IResult> Decide(ApprovalRequestId id, bool approve, string? note, FleetAdmin admin, ClaimsPrincipal user) =>
        (await admin.DecideApprovalRequest(id, approve, user.Identity!.Name!, note)).ToResult(r => Results.Ok(ApprovalRequestView.Of(r)));
}
