using System.Text.Json;
using Akka;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams.Dsl;
using FleetKeys.Cluster.Projections.Rows;
using FleetKeys.Cluster.Serialization;
using LinqToDB;
using LinqToDB.Async;
using LinqToDB.Data;

namespace FleetKeys.Cluster.Projections.Audit;

/// <summary>
/// The audit log: every fact in the journal, from every entity, in journal order, each row chained to the one before.
/// It follows the whole journal rather than a tag because an audit trail that depends on tagging could miss a kind of event.
/// </summary>
public sealed class AuditProjection(StoredJson json) : IProjection
{
    public const string ProjectionName = "audit";

    public string Name => ProjectionName;

    public Source<EventEnvelope, NotUsed> Events(SqlReadJournal journal, Offset after) => journal.AllEvents(after);

    public async Task Apply(DataConnection db, IReadOnlyList<EventEnvelope> batch, CancellationToken cancellationToken)
    {
        var last = await db.GetTable<AuditRow>().OrderByDescending(r => r.Seq).FirstOrDefaultAsync(cancellationToken);
        var (seq, hash) = last is null ? (0L, AuditChain.Genesis) : (last.Seq, last.Hash);
        foreach (var envelope in batch.Where(e => AuditChain.IsAudited(e.Event)))
        {
            var row = AuditChain.Row(++seq, hash, envelope, json);
            await db.InsertAsync(row, token: cancellationToken);
            hash = row.Hash;
        }
    }

    public Task Reset(DataConnection db, CancellationToken cancellationToken) => db.GetTable<AuditRow>().DeleteAsync(cancellationToken);

    /// <summary>
    /// A log written before rows were made from the public view holds secrets (PIN hashes) and hashes chained over them:
    /// it is written again from the journal, which still has every fact.
    /// </summary>
    public async Task<bool> Outdated(DataConnection db, CancellationToken cancellationToken)
    {
        var bearing = PublicView.SecretBearingTypes.Select(MessageTypes.ManifestOf).ToList();
        var rows = db.GetTable<AuditRow>().Where(r => bearing.Contains(r.EventType)).Select(r => new { r.EventType, r.Payload })
            .AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(cancellationToken))
            if (AuditChain.Normalized(row.EventType, row.Payload, json) != row.Payload)
                return true;
        return false;
    }
}
