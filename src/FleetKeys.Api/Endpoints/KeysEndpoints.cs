using FleetKeys.Api.Problems;
using FleetKeys.Cluster.Projections.Queries;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeySlots;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FleetKeys.Api.Endpoints;

/// <summary>Keys and key groups, and custody now: who holds which key, by key, person, cabinet, site, group or criticality.</summary>
public static class KeysEndpoints
{
    public static RouteGroupBuilder MapKeys(this RouteGroupBuilder api)
    {
        api.MapGet("/keys", (HttpRequest request, CustodyQueries custody, TimeProvider clock, CancellationToken ct) =>
            List(request, new KeyFilter(), custody, clock, ct)).WithTags("Keys").Produces<Listing<KeyCustody>>().ProducesValidationProblem();

        api.MapGet("/custody", (HttpRequest request, CustodyQueries custody, TimeProvider clock, CancellationToken ct) =>
            List(request, new KeyFilter(), custody, clock, ct)).WithTags("Custody").Produces<Listing<KeyCustody>>().ProducesValidationProblem();

        api.MapGet("/custody/master-keys-out", (HttpRequest request, CustodyQueries custody, TimeProvider clock, CancellationToken ct) =>
                List(request, new KeyFilter(Criticality: nameof(Criticality.Master), Statuses: CustodyQueries.Away), custody, clock, ct))
            .WithTags("Custody").Produces<Listing<KeyCustody>>().ProducesValidationProblem();

        api.MapGet("/people/{id}/custody", (PersonId id, HttpRequest request, CustodyQueries custody, TimeProvider clock, CancellationToken ct) =>
                List(request, new KeyFilter(PersonId: id.Value), custody, clock, ct))
            .WithTags("Custody").Produces<Listing<KeyCustody>>().ProducesValidationProblem();

        api.MapGet("/cabinets/{id}/custody", (CabinetId id, HttpRequest request, CustodyQueries custody, TimeProvider clock, CancellationToken ct) =>
                List(request, new KeyFilter(CabinetId: id.Value), custody, clock, ct))
            .WithTags("Custody").Produces<Listing<KeyCustody>>().ProducesValidationProblem();

        api.MapGet("/key-groups", async (CustodyQueries custody, CancellationToken ct) => Results.Ok(await custody.Groups(ct)))
            .WithTags("Keys").Produces<List<KeyGroupSummary>>();

        api.MapGet("/key-groups/{group}/keys", (KeyGroup group, HttpRequest request, CustodyQueries custody, TimeProvider clock, CancellationToken ct) =>
                List(request, new KeyFilter(Group: group.Value), custody, clock, ct))
            .WithTags("Keys").Produces<Listing<KeyCustody>>().ProducesValidationProblem();
        return api;
    }

    /// <summary>
    /// Filters from the query string (keyId, personId, cabinetId, siteId, group, criticality, status — status may repeat)
    /// narrow what the route already fixed; a route's own filter wins.
    /// </summary>
    private static async Task<IResult> List(HttpRequest request, KeyFilter fixedBy, CustodyQueries custody, TimeProvider clock, CancellationToken ct)
    {
        var q = request.Query;
        var check = new Validator().Id("keyId", q["keyId"], required: false).Id("personId", q["personId"], required: false)
            .Id("cabinetId", q["cabinetId"], required: false).Id("siteId", q["siteId"], required: false).Id("group", q["group"], required: false)
            .Text("search", q["search"], 100, required: false);
        var criticality = check.Choice<Criticality>("criticality", q["criticality"]);
        var statuses = q["status"].Select(s => check.Choice<CustodyStatus>("status", s)).OfType<CustodyStatus>().Select(s => s.ToString()).ToList();
        var paging = check.Paging(q["page"], q["pageSize"]);
        if (!check.IsValid) return check.Problem();
        var filter = new KeyFilter(
            fixedBy.KeyId ?? q["keyId"], fixedBy.PersonId ?? q["personId"], fixedBy.CabinetId ?? q["cabinetId"], fixedBy.SiteId ?? q["siteId"],
            fixedBy.Group ?? q["group"], fixedBy.Criticality ?? criticality?.ToString(), fixedBy.Statuses ?? (statuses.Count > 0 ? statuses : null),
            string.IsNullOrWhiteSpace(q["search"]) ? null : q["search"].ToString().Trim());
        var now = clock.GetUtcNow();
        return Results.Ok(Listing<KeyCustody>.Of(await custody.Keys(filter, paging, ct), k => KeyCustody.Of(k, now)));
    }
}
