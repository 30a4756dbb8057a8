using FleetKeys.Api.Auth;
using FleetKeys.Api.Binding;
using FleetKeys.Cluster.Projections.Queries;
using FleetKeys.Domain.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FleetKeys.Api.Endpoints;

/// <summary>Which custody history: of a key, a person or a cabinet, from and to a time.</summary>
public sealed record HistoryQuery(HistoryFilter Filter) : Query<HistoryQuery>, IQuery<HistoryQuery>
{
    public static HistoryQuery Read(QueryArguments query)
    {
        var (keyId, personId, cabinetId) = (query.Id("keyId"), query.Id("personId"), query.Id("cabinetId"));
        var (from, to) = query.Period();
        return new(new HistoryFilter(keyId, personId, cabinetId, from?.UtcTicks, to?.UtcTicks));
    }
}

/// <summary>Custody history across the fleet, filtered by key, person, cabinet and time, as pages of JSON or as one CSV.</summary>
public static class HistoryEndpoints
{
    private static readonly string[] Header =
    [
        "id", "at", "kind", "slotId", "cabinetId", "slot", "keyId", "keyName", "group", "criticality", "personId", "returnedBy", "dueAt",
        "wasOverdue", "reason", "releasedBy", "placedIn", "handedFrom", "odometerKm", "fuelPercent", "damaged", "answeredBy",
    ];

    public static RouteGroupBuilder MapHistory(this RouteGroupBuilder api)
    {
        var history = api.MapGroup("/history").WithTags("History").Scoped(ScopeRule.Filtered);

        history.MapGet("/", async (HistoryQuery query, PageQuery page, ReadScope scope, CustodyQueries custody, CancellationToken ct) =>
            Results.Ok(Listing<CustodyEvent>.Of(await custody.History(query.Filter with { Visible = scope.Visible }, page.Paging, ct), CustodyEvent.Of)))
            .Produces<Listing<CustodyEvent>>().ProducesValidationProblem();

        history.MapGet("/csv", (HistoryQuery query, ReadScope scope, CustodyQueries custody, CancellationToken ct) =>
            Csv.Stream("custody-history.csv", Header, custody.AllHistory(query.Filter with { Visible = scope.Visible }, ct), row =>
            {
                var e = CustodyEvent.Of(row);
                return [e.Id, e.At, e.Kind, e.SlotId, e.CabinetId, e.Slot, e.KeyId, e.KeyName, e.Group, WireNames.CamelCase(e.Criticality.ToString()),
                    e.PersonId, e.ReturnedBy, e.DueAt, e.WasOverdue, e.Reason, e.ReleasedBy, e.PlacedIn, e.HandedFrom,
                    e.OdometerKm, e.FuelPercent, e.Damaged, e.AnsweredBy];
            })).Produces<string>(StatusCodes.Status200OK, "text/csv").ProducesValidationProblem();
        return api;
    }
}
