using System.Text.Json;
using FleetKeys.Api.Problems;
using FleetKeys.Cluster.Projections;
using FleetKeys.Cluster.Projections.Audit;
using FleetKeys.Cluster.Projections.Queries;
using FleetKeys.Cluster.Projections.Rows;
using FleetKeys.Cluster.Security;
using FleetKeys.Domain.Audit;
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

/// <summary>The hash-chained audit log: read it, export it (as CSV, or as a bundle to verify offline), verify it, and its public key.</summary>
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

        audit.MapGet("/bundle", async (HttpRequest request, AuditExport export, CancellationToken ct) =>
        {
            var check = new Validator();
            var from = check.Number("fromSeq", request.Query["fromSeq"], 1, int.MaxValue);
            var to = check.Number("toSeq", request.Query["toSeq"], 1, int.MaxValue);
            check.Check(from is null || to is null || from <= to, "toSeq", "must not be before fromSeq");
            if (!check.IsValid) return check.Problem();
            return Results.Json(await export.Bundle(from, to, ct), AuditBundle.Json);
        }).Produces<AuditBundle>().ProducesValidationProblem();

        // The public half only: the signing key never leaves the node.
        audit.MapGet("/public-key", (AuditKeys keys) => Results.Text(keys.Current.Pem, "application/x-pem-file"))
            .Produces<string>(StatusCodes.Status200OK, "application/x-pem-file");
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
