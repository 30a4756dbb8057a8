using FleetKeys.Cluster.Projections.Rows;
using FleetKeys.Cluster.Security;
using FleetKeys.Domain.Audit;
using LinqToDB;
using LinqToDB.Async;

namespace FleetKeys.Cluster.Projections.Audit;

/// <summary>
/// Signs the audit chain's head when a checkpoint is due: <see cref="AuditSettings.CheckpointEveryRows"/> rows since the
/// last one, or <see cref="AuditSettings.CheckpointInterval"/> since it was signed (the first as soon as there is a row).
/// It signs only rows the audit projection has committed, never one a writer to the database slipped in past its offset.
/// A database without checkpoints while the anchor file has some lost them: numbering goes on from the anchored ones, so
/// the node does not start over and sign a rewritten head as if it were the first.
/// </summary>
public sealed class AuditCheckpointer(ReadDatabase database, AuditKeys keys, AuditSettings settings, TimeProvider clock, AuditAnchors anchors)
{
    private readonly SemaphoreSlim _one = new(1, 1);

    /// <returns>The checkpoint signed, or null when none was due.</returns>
    public async Task<AuditCheckpoint?> SignIfDue(CancellationToken cancellationToken = default)
    {
        await database.EnsureSchema(cancellationToken);
        await _one.WaitAsync(cancellationToken);
        try
        {
            await using var db = database.Open();
            var reached = await ProjectionOffsets.Load(db, AuditProjection.ProjectionName, cancellationToken);
            // Rows are numbered in journal order, so the last by ordering is the head: found through the ordering index,
            // where the last by number among those reached made the database sort the whole log on every pass (an idle
            // full fleet spent a third of its CPU there; docs/benchmarks.md, finding 20).
            var head = await db.GetTable<AuditRow>().Where(r => r.Ordering <= reached).OrderByDescending(r => r.Ordering)
                .FirstOrDefaultAsync(cancellationToken);
            var last = (await db.GetTable<AuditCheckpointRow>().OrderByDescending(c => c.Number).FirstOrDefaultAsync(cancellationToken))?.Checkpoint()
                       ?? anchors.Anchored().MaxBy(c => c.Number);
            var now = clock.GetUtcNow();
            if (head is null || head.Seq <= (last?.Seq ?? 0)) return null;
            var due = last is null || head.Seq - last.Seq >= settings.CheckpointEveryRows || now - last.SignedAt >= settings.CheckpointInterval;
            if (!due) return null;
            var checkpoint = keys.Sign((last?.Number ?? 0) + 1, head.Seq, head.Hash, now);
            await db.InsertAsync(AuditCheckpointRow.Of(checkpoint), token: cancellationToken);
            return checkpoint;
        }
        finally
        {
            _one.Release();
        }
    }
}
