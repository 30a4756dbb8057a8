using System.Text.Json;
using FleetKeys.Api.Problems;
using FleetKeys.Cluster.Projections;
using FleetKeys.Cluster.Projections.Audit;
using FleetKeys.Cluster.Projections.Queries;
using FleetKeys.Cluster.Projections.Rows;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FleetKeys.Api.Endpoints;

public sealed record AuditEntry(
    long Seq, long Ordering, string PersistenceId, long SequenceNr, string Type, DateTimeOffset RecordedAt, JsonElement Event,
    string PreviousHash, string Hash)
{
    public static AuditEntry Of(AuditRow r) => new(
        r.Seq, r.Ordering, r.PersistenceId, r.SequenceNr, r.EventType, Ticks.Instant(r.RecordedAt), JsonDocument.Parse(r.Payload).RootElement,
        r.PreviousHash, r.Hash);
}

/// <summary>The hash-chained audit log: read it, export it, and verify it against its chain and the journal.</summary>
public static class AuditEndpoints
{
    private static readonly string[] Header = ["seq", "ordering", "persistenceId", "sequenceNr", "type", "recordedAt", "event", "previousHash", "hash"];

    public static RouteGroupBuilder MapAudit(this RouteGroupBuilder api)
    {
        var audit = api.MapGroup("/audit").WithTags("Audit");

        audit.MapGet("/", async (HttpRequest request, AuditQueries queries, CancellationToken ct) =>
        {
            var check = new Validator();
            var filter = Filter(request, check);
            var paging = check.Paging(request.Query["page"], request.Query["pageSize"]);
            if (!check.IsValid) return check.Problem();
            return Results.Ok(Listing<AuditEntry>.Of(await queries.List(filter, paging, ct), AuditEntry.Of));
        }).Produces<Listing<AuditEntry>>().ProducesValidationProblem();

        audit.MapGet("/csv", (HttpRequest request, AuditQueries queries, CancellationToken ct) =>
        {
            var check = new Validator();
            var filter = Filter(request, check);
            if (!check.IsValid) return check.Problem();
            return Csv.Stream("audit-log.csv", Header, queries.All(filter, ct),
                r => [r.Seq, r.Ordering, r.PersistenceId, r.SequenceNr, r.EventType, Ticks.Instant(r.RecordedAt), r.Payload, r.PreviousHash, r.Hash]);
        }).Produces<string>(StatusCodes.Status200OK, "text/csv").ProducesValidationProblem();

        audit.MapGet("/verify", async (AuditVerifier verifier, CancellationToken ct) => Results.Ok(await verifier.Verify(ct)))
            .Produces<AuditVerification>();
        return api;
    }

    private static AuditFilter Filter(HttpRequest request, Validator check)
    {
        var q = request.Query;
        check.Text("persistenceId", q["persistenceId"], 200, required: false);
        var (from, to) = (check.Instant("from", q["from"]), check.Instant("to", q["to"]));
        check.Range(from, to);
        return new AuditFilter(q["persistenceId"], from?.UtcTicks, to?.UtcTicks);
    }
}
