using FleetKeys.Api.Problems;
using FleetKeys.Cluster.Projections.Queries;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FleetKeys.Api.Endpoints;

/// <summary>Custody history across the fleet, filtered by key, person, cabinet and time, as pages of JSON or as one CSV.</summary>
public static class HistoryEndpoints
{
    private static readonly string[] Header =
    [
        "id", "at", "kind", "slotId", "cabinetId", "slot", "keyId", "keyName", "group", "criticality", "personId", "returnedBy", "dueAt",
        "wasOverdue", "reason", "releasedBy",
    ];

    public static RouteGroupBuilder MapHistory(this RouteGroupBuilder api)
    {
        var history = api.MapGroup("/history").WithTags("History");

        history.MapGet("/", async (HttpRequest request, CustodyQueries custody, CancellationToken ct) =>
        {
            var check = new Validator();
            var filter = Filter(request, check);
            var paging = check.Paging(request.Query["page"], request.Query["pageSize"]);
            if (!check.IsValid) return check.Problem();
            return Results.Ok(Listing<CustodyEvent>.Of(await custody.History(filter, paging, ct), CustodyEvent.Of));
        }).Produces<Listing<CustodyEvent>>().ProducesValidationProblem();

        history.MapGet("/csv", (HttpRequest request, CustodyQueries custody, CancellationToken ct) =>
        {
            var check = new Validator();
            var filter = Filter(request, check);
            if (!check.IsValid) return check.Problem();
            return Csv.Stream("custody-history.csv", Header, custody.AllHistory(filter, ct), row =>
            {
                var e = CustodyEvent.Of(row);
                return [e.Id, e.At, e.Kind, e.SlotId, e.CabinetId, e.Slot, e.KeyId, e.KeyName, e.Group, QueryArguments.CamelCase(e.Criticality.ToString()),
                    e.PersonId, e.ReturnedBy, e.DueAt, e.WasOverdue, e.Reason, e.ReleasedBy];
            });
        }).Produces<string>(StatusCodes.Status200OK, "text/csv").ProducesValidationProblem();
        return api;
    }

    private static HistoryFilter Filter(HttpRequest request, Validator check)
    {
        var q = request.Query;
        check.Id("keyId", q["keyId"], required: false).Id("personId", q["personId"], required: false).Id("cabinetId", q["cabinetId"], required: false);
        var (from, to) = (check.Instant("from", q["from"]), check.Instant("to", q["to"]));
        check.Range(from, to);
        return new HistoryFilter(q["keyId"], q["personId"], q["cabinetId"], from?.UtcTicks, to?.UtcTicks);
    }
}
