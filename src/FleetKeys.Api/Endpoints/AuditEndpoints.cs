using System.Text.Json;
using FleetKeys.Api.Auth;
using FleetKeys.Api.Binding;
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

/// <summary>Which audit entries: of one persistence id, from and to a time.</summary>
public sealed record AuditQuery(AuditFilter Filter) : Query<AuditQuery>, IQuery<AuditQuery>
{
    public static AuditQuery Read(QueryArguments query)
    {
        var persistenceId = query.Text("persistenceId", 200);
        var (from, to) = query.Period();
        return new(new AuditFilter(persistenceId, from?.UtcTicks, to?.UtcTicks));
    }
}

/// <summary>Which entries a bundle holds: from and to a sequence number, each optional.</summary>
public sealed record AuditBundleQuery(int? FromSeq, int? ToSeq) : Query<AuditBundleQuery>, IQuery<AuditBundleQuery>
{
    public static AuditBundleQuery Read(QueryArguments query)
    {
        var (from, to) = (query.Number("fromSeq", 1, int.MaxValue), query.Number("toSeq", 1, int.MaxValue));
        query.Check(from is null || to is null || from <= to, "toSeq", "must not be before fromSeq");
        return new(from, to);
    }
}

/// <summary>The hash-chained audit log: read it, export it (as CSV, or as a bundle to verify offline), verify it, and its public key.</summary>
public static class AuditEndpoints
{
    private static readonly string[] Header = ["seq", "ordering", "persistenceId", "sequenceNr", "type", "recordedAt", "event", "previousHash", "hash"];

    public static RouteGroupBuilder MapAudit(this RouteGroupBuilder api)
    {
        var audit = api.MapGroup("/audit").WithTags("Audit").Scoped(ScopeRule.Everything);

        audit.MapGet("/", async (AuditQuery query, PageQuery page, ReadScope scope, AuditQueries queries, CancellationToken ct) =>
            Results.Ok(Listing<AuditEntry>.Of(await queries.List(query.Filter with { Visible = scope.Visible }, page.Paging, ct), AuditEntry.Of)))
            .Scoped(ScopeRule.Filtered).Produces<Listing<AuditEntry>>().ProducesValidationProblem();

        audit.MapGet("/csv", (AuditQuery query, ReadScope scope, AuditQueries queries, CancellationToken ct) =>
            Csv.Stream("audit-log.csv", Header, queries.All(query.Filter with { Visible = scope.Visible }, ct),
                r => [r.Seq, r.Ordering, r.PersistenceId, r.SequenceNr, r.EventType, Ticks.Instant(r.RecordedAt), r.Payload, r.PreviousHash, r.Hash]))
            .Scoped(ScopeRule.Filtered).Produces<string>(StatusCodes.Status200OK, "text/csv").ProducesValidationProblem();

        // The chain is verified and bundled whole: a part of it proves nothing, so these stay with the role over everything.
        audit.MapGet("/verify", async (AuditVerifier verifier, CancellationToken ct) => Results.Ok(await verifier.Verify(ct)))
            .Produces<AuditVerification>();

        audit.MapGet("/bundle", async (AuditBundleQuery query, AuditExport export, CancellationToken ct) =>
            Results.Json(await export.Bundle(query.FromSeq, query.ToSeq, ct), AuditBundle.Json)).Produces<AuditBundle>().ProducesValidationProblem();

        // The public half only: the signing key never leaves the node.
        audit.MapGet("/public-key", (AuditKeys keys) => Results.Text(keys.Current.Pem, "application/x-pem-file"))
            .Produces<string>(StatusCodes.Status200OK, "application/x-pem-file");
        return api;
    }
}
