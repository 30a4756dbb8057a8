using FleetKeys.Api.Auth;
using FleetKeys.Api.Binding;
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

        api.MapGet("/people/{id}/custody", (PersonId id, KeysQuery query, PageQuery page, CustodyQueries custody, TimeProvider clock, CancellationToken ct) =>
                List(query.Within(new KeyFilter(PersonId: id.Value)), page, custody, clock, ct))
            .WithTags("Custody").Scoped(ScopeRule.Everything).Produces<Listing<KeyCustody>>().ProducesValidationProblem();

        api.MapGet("/cabinets/{id}/custody", (CabinetId id, KeysQuery query, PageQuery page, CustodyQueries custody, TimeProvider clock,
                CancellationToken ct) =>
                List(query.Within(new KeyFilter(CabinetId: id.Value)), page, custody, clock, ct))
            .WithTags("Custody").Scoped(ScopeRule.Cabinet).Produces<Listing<KeyCustody>>().ProducesValidationProblem();

        api.MapGet("/key-groups", async (CustodyQueries custody, CancellationToken ct) => Results.Ok(await custody.Groups(ct)))
            .WithTags("Keys").Scoped(ScopeRule.Everything).Produces<List<KeyGroupSummary>>();

        api.MapGet("/key-groups/{group}/keys", (KeyGroup group, KeysQuery query, PageQuery page, CustodyQueries custody, TimeProvider clock,
                CancellationToken ct) =>
                List(query.Within(new KeyFilter(Group: group.Value)), page, custody, clock, ct))
            .WithTags("Keys").Scoped(ScopeRule.KeyGroup).Produces<Listing<KeyCustody>>().ProducesValidationProblem();
        return api;
    }

    private static async Task<IResult> List(KeyFilter filter, PageQuery page, CustodyQueries custody, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return Results.Ok(Listing<KeyCustody>.Of(await custody.Keys(filter, page.Paging, ct), k => KeyCustody.Of(k, now)));
    }
}
