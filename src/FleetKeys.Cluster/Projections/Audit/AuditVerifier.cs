using System.Text.Json;
using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using FleetKeys.Cluster.Persistence;
using FleetKeys.Cluster.Projections.Rows;
using FleetKeys.Cluster.Security;
using FleetKeys.Cluster.Serialization;
using FleetKeys.Domain.Audit;
using LinqToDB;
using LinqToDB.Async;

namespace FleetKeys.Cluster.Projections.Audit;

/// <summary>
/// Checks the audit log row by row against its own hash chain and against the journal it was made from, walking both in
/// order: a changed row fails its hash or its comparison with the journal's fact, a removed row leaves a fact unmatched,
/// a slipped-in row matches no fact. Facts are compared after reading both through today's types, so a newer version that
/// adds a field does not make yesterday's rows look altered. Because someone who can write the database can rewrite the
/// journal and the log alike, the walk is also held to the signed checkpoints (<see cref="ChainProof"/>), which no one
/// without the audit key can make: a consistent rewrite departs from the heads they signed.
/// </summary>
public sealed class AuditVerifier(ReadDatabase database, ActorSystem system, AuditKeys keys, AuditAnchors anchors)
{
    private const int PageSize = 500;

    public async Task<AuditVerification> Verify(CancellationToken cancellationToken = default)
    {
        await database.EnsureSchema(cancellationToken);
        // Checkpoints before the offset: each then signs a row the walk below reaches.
        var proof = new ChainProof(await Checkpoints(cancellationToken), anchors.Anchored(), keys.Trusted);
        var reached = await Offset(cancellationToken);
        long? reachedSinceStart = null;
        var journal = ReadJournals.Open(system)
            .CurrentAllEvents(Akka.Persistence.Query.Offset.Sequence(0))
            .Where(e => AuditChain.IsAudited(e.Event) && e.Ordering() <= reached)
            .RunAsAsyncEnumerable(system.Materializer());
        await using var facts = journal.GetAsyncEnumerator(cancellationToken);
        await using var rows = Rows(cancellationToken).GetAsyncEnumerator(cancellationToken);

        if (proof.Start() is { } forged) return proof.Verdict(forged);
        var seq = 1L;
        var (hasFact, hasRow) = (await facts.MoveNextAsync(), await rows.MoveNextAsync());
        while (hasFact || hasRow)
        {
            var row = hasRow ? rows.Current : null;
            var fact = hasFact ? facts.Current : null;
            if (row is not null && row.Ordering > reached)
            {
                // Written while this check ran, or beyond anything the projection has seen.
                reachedSinceStart ??= await Offset(cancellationToken);
                if (row.Ordering > reachedSinceStart)
                    return Failed(proof, AuditProblemKind.Inserted, row.Seq, row.Ordering, "no fact at this journal position has been logged");
                hasRow = await rows.MoveNextAsync();
                continue;
            }

            if (fact is not null && (row is null || row.Ordering > fact.Ordering()))
                return Failed(proof, AuditProblemKind.Missing, seq, fact.Ordering(),
                    $"{fact.PersistenceId} #{fact.SequenceNr} ({MessageTypes.ManifestOf(fact.Event.GetType())}) is in the journal but not in the log");
            if (row is not null && (fact is null || row.Ordering < fact.Ordering()))
                return Failed(proof, AuditProblemKind.Inserted, row.Seq, row.Ordering, "the journal holds no such fact");

            if (Departure(row!, AuditChain.Row(seq, row!.PreviousHash, fact!, StoredJson.Of(system))) is { } departure)
                return Failed(proof, AuditProblemKind.Altered, row.Seq, row.Ordering, departure);
            if (proof.Next(row.Link()) is { } broken) return proof.Verdict(broken);
            seq++;
            (hasFact, hasRow) = (await facts.MoveNextAsync(), await rows.MoveNextAsync());
        }

        return proof.Verdict(proof.End());
    }

    private static AuditVerification Failed(ChainProof proof, AuditProblemKind kind, long seq, long ordering, string detail) =>
        proof.Verdict(new AuditProblem(kind, seq, ordering, detail));

    /// <summary>How the row departs from the fact the journal holds at its position; its chain is <see cref="ChainProof"/>'s to check.</summary>
    private string? Departure(AuditRow row, AuditRow expected)
    {
        if ((row.PersistenceId, row.SequenceNr, row.EventType, row.RecordedAt) !=
            (expected.PersistenceId, expected.SequenceNr, expected.EventType, expected.RecordedAt))
            return "names a different fact than the journal holds at its position";
        return Normalized(row) == expected.Payload ? null : "its content differs from the journal's";
    }

    private string? Normalized(AuditRow row)
    {
        try
        {
            return AuditChain.Normalized(row.EventType, row.Payload, StoredJson.Of(system));
        }
        catch (Exception e) when (e is JsonException or ArgumentException or FormatException)
        {
            return null;
        }
    }

    /// <summary>The database's checkpoints; the anchored ones are read beside them, so deleting these leaves the anchored heads to hold the chain to.</summary>
    private async Task<List<AuditCheckpoint>> Checkpoints(CancellationToken cancellationToken)
    {
        await using var db = database.Open();
        var rows = await db.GetTable<AuditCheckpointRow>().OrderBy(c => c.Number).ToListAsync(cancellationToken);
        return rows.ConvertAll(r => r.Checkpoint());
    }

    private async Task<long> Offset(CancellationToken cancellationToken)
    {
        await using var db = database.Open();
        return await ProjectionOffsets.Load(db, AuditProjection.ProjectionName, cancellationToken);
    }

    private async IAsyncEnumerable<AuditRow> Rows([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var after = 0L;
        while (true)
        {
            List<AuditRow> page;
            await using (var db = database.Open())
                page = await db.GetTable<AuditRow>().Where(r => r.Seq > after).OrderBy(r => r.Seq).Take(PageSize).ToListAsync(cancellationToken);
            foreach (var row in page) yield return row;
            if (page.Count < PageSize) yield break;
            after = page[^1].Seq;
        }
    }
}
