using System.Security.Claims;
using System.Text.Json.Serialization;
using FleetKeys.Api.Auth;
using FleetKeys.Api.Binding;
using FleetKeys.Api.Problems;
using FleetKeys.Cluster.Administration;
using FleetKeys.Cluster.Projections.Queries;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeySlots;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FleetKeys.Api.Endpoints;

/// <summary>A key list's filters (keyId, personId, cabinetId, siteId, group, criticality, search; status may repeat).</summary>
public sealed record KeysQuery(KeyFilter Filter) : Query<KeysQuery>, IQuery<KeysQuery>
{
    public static KeysQuery Read(QueryArguments query)
    {
        var (keyId, personId, cabinetId, siteId, group) =
            (query.Id("keyId"), query.Id("personId"), query.Id("cabinetId"), query.Id("siteId"), query.Id("group"));
        var search = query.Search();
        var criticality = query.Choice<Criticality>("criticality");
        var statuses = query.Choices<CustodyStatus>("status");
        return new(new KeyFilter(keyId, personId, cabinetId, siteId, group, criticality?.ToString(),
            statuses.Count > 0 ? [.. statuses.Select(s => s.ToString())] : null, search));
    }

    /// <summary>These filters narrowing what a route already fixed; the route's own filter wins, and its visibility stays.</summary>
    public KeyFilter Within(KeyFilter fixedBy) => new(
        fixedBy.KeyId ?? Filter.KeyId, fixedBy.PersonId ?? Filter.PersonId, fixedBy.CabinetId ?? Filter.CabinetId, fixedBy.SiteId ?? Filter.SiteId,
        fixedBy.Group ?? Filter.Group, fixedBy.Criticality ?? Filter.Criticality, fixedBy.Statuses ?? Filter.Statuses, Filter.Search)
    {
        Visible = fixedBy.Visible,
    };
}

/// <summary>
/// The rules a key group's keys share, each left out to keep every key's own: <c>Reasons</c> and <c>ReturnQuestions</c>
/// replace the lists as on a key's PUT; <c>ApprovalBy</c> with its fields replaces the approval rule, and <c>null</c> removes it.
/// </summary>
public sealed record GroupPolicyRequest : IValidatable
{
    public IReadOnlyList<string?>? Reasons { get; init; }

    public ReturnQuestionsBody? ReturnQuestions { get; init; }

    /// <summary>Given as null it removes approval, which a property left null by its absence must not.</summary>
    public ApproverKind? ApprovalBy
    {
        get;
        init
        {
            field = value;
            ApprovalGiven = true;
        }
    }

    public string? ApproverId { get; init; }

    public int? ApprovalWindowMinutes { get; init; }

    public int? ApprovalValidMinutes { get; init; }

    [JsonIgnore]
    public bool ApprovalGiven { get; private init; }

    public void Validate(Validator check) => check
        .Check(Reasons is not null || ReturnQuestions is not null || ApprovalGiven, "body", "must change reasons, returnQuestions or approvalBy")
        .Approval(ApprovalBy, ApproverId, ApprovalWindowMinutes, ApprovalValidMinutes)
        .Reasons(Reasons, ReturnQuestions);

    /// <summary>The key's policy with the fields given; everything else (durations, reminders, return rule...) as it was.</summary>
    public CustodyPolicy Apply(CustodyPolicy policy)
    {
        var asked = CustodyRuleFields.Questions(Reasons, ReturnQuestions);
        var questions = policy.Questions;
        if (Reasons is not null) questions = questions with { Reasons = asked.Reasons };
        if (ReturnQuestions is not null) questions = questions with { Odometer = asked.Odometer, Fuel = asked.Fuel, Damage = asked.Damage };
        return policy with
        {
            Questions = questions,
            Approval = ApprovalGiven ? CustodyRuleFields.Approval(ApprovalBy, ApproverId, ApprovalWindowMinutes, ApprovalValidMinutes) : policy.Approval,
        };
    }
}

/// <summary>A key that kept its rules, and the slot's reason, its code spelled as a problem's (e.g. <c>Conflict</c>: the key is out).</summary>
public sealed record RefusedKeyView(string CabinetId, int Slot, string KeyId, string Code, string Message);

/// <summary><c>Keys</c>: the group's keys; <c>Changed</c>: those whose rules are now different; <c>Refused</c>: those that kept theirs.</summary>
public sealed record GroupPolicyView(string Group, int Keys, int Changed, IReadOnlyList<RefusedKeyView> Refused)
{
    public static GroupPolicyView Of(GroupPolicyChange c) => new(c.Group.Value, c.Keys, c.Changed,
        [.. c.Refused.Select(r => new RefusedKeyView(r.Slot.Cabinet.Value, r.Slot.Number, r.Key.Value, r.Rejection.Code.ToString(), r.Rejection.Message))]);
}

/// <summary>Keys and key groups, and custody now: who holds which key, by key, person, cabinet, site, group or criticality.</summary>
public static class KeysEndpoints
{
    public static RouteGroupBuilder MapKeys(this RouteGroupBuilder api)
    {
        api.MapGet("/keys", (KeysQuery query, PageQuery page, ReadScope scope, CustodyQueries custody, TimeProvider clock, CancellationToken ct) =>
            List(query.Within(new KeyFilter { Visible = scope.Visible }), page, custody, clock, ct)).WithTags("Keys").Scoped(ScopeRule.Filtered).Produces<Listing<KeyCustody>>().ProducesValidationProblem();

        api.MapGet("/custody", (KeysQuery query, PageQuery page, ReadScope scope, CustodyQueries custody, TimeProvider clock, CancellationToken ct) =>
            List(query.Within(new KeyFilter { Visible = scope.Visible }), page, custody, clock, ct)).WithTags("Custody").Scoped(ScopeRule.Filtered).Produces<Listing<KeyCustody>>().ProducesValidationProblem();

        api.MapGet("/custody/master-keys-out", (KeysQuery query, PageQuery page, ReadScope scope, CustodyQueries custody, TimeProvider clock, CancellationToken ct) =>
                List(query.Within(new KeyFilter(Criticality: nameof(Criticality.Master), Statuses: CustodyQueries.Away) { Visible = scope.Visible }), page,
                    custody, clock, ct))
            .WithTags("Custody").Scoped(ScopeRule.Filtered).Produces<Listing<KeyCustody>>().ProducesValidationProblem();

        api.MapGet("/people/{id}/custody", (PersonId id, KeysQuery query, PageQuery page, ReadScope scope, CustodyQueries custody, TimeProvider clock,
                CancellationToken ct) =>
                List(query.Within(new KeyFilter(PersonId: id.Value) { Visible = scope.Visible }), page, custody, clock, ct))
            .WithTags("Custody").Scoped(ScopeRule.Person).Produces<Listing<KeyCustody>>().ProducesValidationProblem();

        api.MapGet("/cabinets/{id}/custody", (CabinetId id, KeysQuery query, PageQuery page, CustodyQueries custody, TimeProvider clock,
                CancellationToken ct) =>
                List(query.Within(new KeyFilter(CabinetId: id.Value)), page, custody, clock, ct))
            .WithTags("Custody").Scoped(ScopeRule.Cabinet).Produces<Listing<KeyCustody>>().ProducesValidationProblem();

        api.MapGet("/key-groups", async (ReadScope scope, CustodyQueries custody, CancellationToken ct) => Results.Ok(await custody.Groups(scope.Visible, ct)))
            .WithTags("Keys").Scoped(ScopeRule.Filtered).Produces<List<KeyGroupSummary>>();

        api.MapGet("/key-groups/{group}/keys", (KeyGroup group, KeysQuery query, PageQuery page, CustodyQueries custody, TimeProvider clock,
                CancellationToken ct) =>
                List(query.Within(new KeyFilter(Group: group.Value)), page, custody, clock, ct))
            .WithTags("Keys").Scoped(ScopeRule.KeyGroup).Produces<Listing<KeyCustody>>().ProducesValidationProblem();

        api.MapMethods("/key-groups/{group}/policy", [HttpMethods.Patch], async (KeyGroup group, Body<GroupPolicyRequest> body, CustodyQueries custody,
                FleetAdmin admin, ClaimsPrincipal user, CancellationToken ct) =>
            {
                var homes = await custody.OfGroup(group.Value, ct);
                var slots = homes.Select(k => new SlotId(new CabinetId(k.CabinetId), k.Slot)).ToList();
                return (await admin.ChangeGroupPolicy(group, slots, body.Value.Apply, user.Identity!.Name!)).ToResult(c => Results.Ok(GroupPolicyView.Of(c)));
            })
            .WithTags("Keys").Scoped(ScopeRule.KeyGroup).RequireAuthorization(Policies.Configure).Produces<GroupPolicyView>().ProducesValidationProblem();
        return api;
    }

    private static async Task<IResult> List(KeyFilter filter, PageQuery page, CustodyQueries custody, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return Results.Ok(Listing<KeyCustody>.Of(await custody.Keys(filter, page.Paging, ct), k => KeyCustody.Of(k, now)));
    }
}
