using System.Text.Json;
using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using FleetKeys.Cluster.Persistence;
using FleetKeys.Cluster.Projections.Rows;
using FleetKeys.Cluster.Serialization;
using LinqToDB;
using LinqToDB.Async;

namespace FleetKeys.Cluster.Projections.Audit;

public enum AuditProblemKind
{
    /// <summary>The row is there but is not what the journal recorded, or its hash does not chain.</summary>
    Altered,

    /// <summary>The row records nothing the journal holds (or repeats a fact another row already records).</summary>
    Inserted,

    /// <summary>A fact the log had reached is not in it.</summary>
    Missing,
}

/// <summary>The first place the log departs from the journal; <c>Seq</c> is the row's number (for a missing row, the one it had).</summary>
public sealed record AuditProblem(AuditProblemKind Kind, long Seq, long Ordering, string Detail);

public sealed record AuditVerification(bool Intact, long RowsChecked, string HeadHash, AuditProblem? FirstProblem);

/// <summary>
/// Checks the audit log row by row against its own hash chain and against the journal it was made from, walking both in
/// order: a changed row fails its hash or its comparison with the journal's fact, a removed row leaves a fact unmatched,
/// a slipped-in row matches no fact. Facts are compared after reading both through today's types, so a newer version that
/// adds a field does not make yesterday's rows look altered. The journal itself is the authority it is checked against.
/// </summary>
public sealed class AuditVerifier(ReadDatabase database, ActorSystem system)
{
    private const int PageSize = 500;

    public async Task<AuditVerification> Verify(CancellationToken cancellationToken = default)
    {
        await database.EnsureSchema(cancellationToken);
        var reached = await Offset(cancellationToken);
        long? reachedSinceStart = null;
        var journal = ReadJournals.Open(system)
            .CurrentAllEvents(Akka.Persistence.Query.Offset.Sequence(0))
            .Where(e => AuditChain.IsAudited(e.Event) && e.Ordering() <= reached)
            .RunAsAsyncEnumerable(system.Materializer());
        await using var facts = journal.GetAsyncEnumerator(cancellationToken);
        await using var rows = Rows(cancellationToken).GetAsyncEnumerator(cancellationToken);

        var (seq, previous, checkedRows) = (1L, AuditChain.Genesis, 0L);
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
                    return Failed(AuditProblemKind.Inserted, row.Seq, row.Ordering, "no fact at this journal position has been logged", checkedRows, previous);
                hasRow = await rows.MoveNextAsync();
                continue;
            }

            if (fact is not null && (row is null || row.Ordering > fact.Ordering()))
                return Failed(AuditProblemKind.Missing, seq, fact.Ordering(),
                    $"{fact.PersistenceId} #{fact.SequenceNr} ({MessageTypes.ManifestOf(fact.Event.GetType())}) is in the journal but not in the log", checkedRows, previous);
            if (row is not null && (fact is null || row.Ordering < fact.Ordering()))
                return Failed(AuditProblemKind.Inserted, row.Seq, row.Ordering, "the journal holds no such fact", checkedRows, previous);

            if (Departure(row!, AuditChain.Row(seq, previous, fact!)) is { } departure)
                return Failed(AuditProblemKind.Altered, row!.Seq, row.Ordering, departure, checkedRows, previous);
            (seq, previous, checkedRows) = (seq + 1, row!.Hash, checkedRows + 1);
            (hasFact, hasRow) = (await facts.MoveNextAsync(), await rows.MoveNextAsync());
        }

        return new AuditVerification(true, checkedRows, previous, null);
    }

    private static AuditVerification Failed(AuditProblemKind kind, long seq, long ordering, string detail, long checkedRows, string head) =>
        new(false, checkedRows, head, new AuditProblem(kind, seq, ordering, detail));

    private static string? Departure(AuditRow row, AuditRow expected)
    {
        if (row.Seq != expected.Seq) return $"numbered {row.Seq} where {expected.Seq} belongs";
        if (row.PreviousHash != expected.PreviousHash) return "does not chain to the row before it";
        if (row.Hash != AuditChain.HashOf(row)) return "its hash does not match its content";
        if ((row.PersistenceId, row.SequenceNr, row.EventType, row.RecordedAt) !=
            (expected.PersistenceId, expected.SequenceNr, expected.EventType, expected.RecordedAt))
            return "names a different fact than the journal holds at its position";
        return Normalized(row) == expected.Payload ? null : "its content differs from the journal's";
    }

    private static string? Normalized(AuditRow row)
    {
        try
        {
            var type = MessageTypes.TypeOf(row.EventType);
            return JsonSerializer.Deserialize(row.Payload, type, FleetKeysJsonSerializer.Options) is { } fact ? AuditChain.Payload(fact) : null;
        }
        catch (Exception e) when (e is JsonException or ArgumentException or FormatException)
        {
            return null;
        }
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
