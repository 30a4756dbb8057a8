using FleetKeys.Cluster.Projections.Rows;
using FleetKeys.Domain.Alarms;
using LinqToDB;
using LinqToDB.Async;

namespace FleetKeys.Cluster.Projections.Audit;

/// <summary>
/// Sends every signed checkpoint to every anchor, in order, and remembers how far each got; a checkpoint that failed is
/// sent again on the next pass. An anchor whose oldest waiting checkpoint was signed longer ago than
/// <see cref="AuditSettings.AnchorAlarmAfter"/> has lapsed: the pass says so, and the anchoring alarm is raised from it.
/// </summary>
public sealed class AuditAnchoring(ReadDatabase database, AuditAnchors anchors, AuditSettings settings, TimeProvider clock)
{
    public async Task<AnchoringObserved> AnchorPending(CancellationToken cancellationToken = default)
    {
        await database.EnsureSchema(cancellationToken);
        var (lapsed, waiting, since, error) = (new List<string>(), 0L, (DateTimeOffset?)null, (string?)null);
        foreach (var anchor in anchors.All)
        {
            await using var db = database.Open();
            var progress = await db.GetTable<AuditAnchorRow>().FirstOrDefaultAsync(a => a.Anchor == anchor.Name, cancellationToken)
                           ?? new AuditAnchorRow { Anchor = anchor.Name };
            var pending = await db.GetTable<AuditCheckpointRow>().Where(c => c.Number > progress.AnchoredThrough).OrderBy(c => c.Number)
                .ToListAsync(cancellationToken);
            var sent = 0;
            string? failure = null;
            foreach (var checkpoint in pending)
            {
                try
                {
                    await anchor.Send(checkpoint.Checkpoint(), cancellationToken);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Net.Sockets.SocketException)
                {
                    failure = $"{anchor.Name}: {e.Message}";
                    break;
                }

                progress.AnchoredThrough = checkpoint.Number;
                sent++;
            }

            progress.LastError = failure;
            await db.InsertOrReplaceAsync(progress, token: cancellationToken);
            if (pending.Count == sent) continue;
            var oldest = Ticks.Instant(pending[sent].SignedAt);
            waiting += pending.Count - sent;
            error ??= failure;
            if (clock.GetUtcNow() - oldest < settings.AnchorAlarmAfter) continue;
            lapsed.Add(anchor.Name);
            since = since is { } s && s < oldest ? s : oldest;
        }

        return new AnchoringObserved(lapsed, waiting, since, error, clock.GetUtcNow());
    }
}
